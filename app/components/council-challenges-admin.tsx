import { Link } from "@remix-run/react";
import type { ChallengeStatus } from "~/generated/prisma/enums";
import { statusLabels } from "~/models/challenges/status";
import { continueUrl } from "~/models/challenges/wizard";
import { TableHead } from "~/components/table-head";

// For the council's own members on its page: post a challenge, and carry on with drafts and
// challenges in review. (The public list of its published challenges is a separate component.)

interface UnfinishedChallenge {
  id: string;
  title: string;
  status: ChallengeStatus;
  wizardStep: number;
  updatedAt: Date | string;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

const tagClass: Partial<Record<ChallengeStatus, string>> = {
  draft: "govuk-tag--grey",
  submitted: "govuk-tag--blue",
  changes_requested: "govuk-tag--orange",
};

export function CouncilChallengesAdmin({
  slug,
  name,
  verified,
  challenges,
}: {
  slug: string;
  name: string;
  verified: boolean;
  challenges: UnfinishedChallenge[];
}) {
  return (
    <section aria-labelledby="council-challenges-admin" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="council-challenges-admin">
        Your council&apos;s challenges
      </h2>
      {verified ? (
        <Link className="govuk-button" to={`/challenges/new?organisation=${encodeURIComponent(slug)}`}>
          Post a challenge
        </Link>
      ) : (
        <p className="govuk-body">You can post challenges for {name} once a hub organiser has verified it.</p>
      )}
      {challenges.length === 0 ? (
        <p className="govuk-body">{name} has no drafts or challenges waiting for review.</p>
      ) : (
        <table role="table" className="govuk-table nettle-table-stack">
          <caption className="govuk-table__caption govuk-table__caption--s">Drafts and challenges in review</caption>
          <TableHead columns={["Challenge", "Status", "Last changed", { hidden: "Action" }]} />
          <tbody role="rowgroup" className="govuk-table__body">
            {challenges.map((challenge) => {
              const title = challenge.title || "Untitled challenge";
              return (
                <tr role="row" className="govuk-table__row" key={challenge.id}>
                  <td role="cell" className="govuk-table__cell">{title}</td>
                  <td role="cell" data-label="Status" className="govuk-table__cell">
                    <strong className={`govuk-tag ${tagClass[challenge.status] ?? ""}`}>
                      {statusLabels[challenge.status]}
                    </strong>
                  </td>
                  <td role="cell" data-label="Last changed" className="govuk-table__cell">{dateFormat.format(new Date(challenge.updatedAt))}</td>
                  <td role="cell" className="govuk-table__cell">
                    <ul className="govuk-summary-list__actions-list">
                      <li className="govuk-summary-list__actions-list-item">
                        <Link className="govuk-link" to={continueUrl(challenge)}>
                          {challenge.status === "submitted" ? "View" : "Continue"}
                          <span className="govuk-visually-hidden"> {title}</span>
                        </Link>
                      </li>
                      {challenge.status === "draft" ? (
                        <li className="govuk-summary-list__actions-list-item">
                          <Link className="govuk-link" to={`/challenges/${challenge.id}/delete`}>
                            Delete<span className="govuk-visually-hidden"> draft {title}</span>
                          </Link>
                        </li>
                      ) : null}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

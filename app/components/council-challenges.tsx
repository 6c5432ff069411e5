import { Link } from "@remix-run/react";
import type { ChallengeStatus } from "~/generated/prisma/enums";
import { statusLabels } from "~/models/challenges/status";

const tagColours: Record<ChallengeStatus, string> = {
  draft: "govuk-tag--grey",
  submitted: "govuk-tag--yellow",
  changes_requested: "govuk-tag--orange",
  open: "govuk-tag--green",
  in_progress: "govuk-tag--blue",
  delivered: "govuk-tag--purple",
  outcome_published: "govuk-tag--turquoise",
  closed: "govuk-tag--grey",
  withdrawn: "govuk-tag--red",
};

export function ChallengeStatusTag({ status }: { status: ChallengeStatus }) {
  return <strong className={`govuk-tag ${tagColours[status]}`}>{statusLabels[status]}</strong>;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

export function formatDate(date: Date | string) {
  return dateFormat.format(new Date(date));
}

export interface CouncilChallenge {
  id: string;
  slug: string;
  title: string;
  status: ChallengeStatus;
  publishedAt: Date | string | null;
}

/** A council's public challenges, newest first, on its organisation page. */
export function CouncilChallenges({
  councilName,
  challenges,
}: {
  councilName: string;
  challenges: CouncilChallenge[];
}) {
  return (
    <section aria-labelledby="council-challenges">
      <h2 className="govuk-heading-l" id="council-challenges">
        Challenges
      </h2>
      {challenges.length === 0 ? (
        <p className="govuk-body">{councilName} has not published any challenges yet.</p>
      ) : (
        <ul className="govuk-list nettle-results">
          {challenges.map((challenge) => (
            <li key={challenge.id} className="nettle-results__item">
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                <Link className="govuk-link" to={`/challenges/${challenge.slug}`}>
                  {challenge.title}
                </Link>
              </h3>
              <p className="govuk-body-s govuk-!-margin-bottom-0">
                <ChallengeStatusTag status={challenge.status} />
                {challenge.publishedAt ? ` Published ${formatDate(challenge.publishedAt)}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

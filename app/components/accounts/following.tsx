import { Form, Link } from "@remix-run/react";
import { ChallengeStatusTag } from "~/components/council-challenges";
import type { ChallengeStatus } from "~/generated/prisma/enums";

/** The account page's part about taking part: applications, notifications and followed challenges. */
export function TakingPart({ following }: { following: { slug: string; title: string; status: ChallengeStatus; council: string }[] }) {
  return (
    <>
      <h2 className="govuk-heading-m">Taking part</h2>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to="/account/applications">
            Your offers of help and invitations
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to="/account/notifications">
            Choose which notifications you get, in Nettle and by email
          </Link>
        </li>
      </ul>
      <h3 className="govuk-heading-s">Challenges you follow</h3>
      {following.length === 0 ? (
        <p className="govuk-body">You do not follow any challenges. Follow one to hear when it changes.</p>
      ) : (
        <ul className="govuk-list">
          {following.map((c) => (
            <li key={c.slug} className="govuk-!-margin-bottom-4">
              <Link className="govuk-link" to={`/challenges/${c.slug}`}>
                {c.title}
              </Link>{" "}
              <span className="govuk-body-s">({c.council})</span> <ChallengeStatusTag status={c.status} />
              <Form method="post" action={`/challenges/${c.slug}`} className="govuk-!-margin-top-1">
                <input type="hidden" name="intent" value="unfollow" />
                <input type="hidden" name="from" value="account" />
                <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                  Unfollow<span className="govuk-visually-hidden"> {c.title}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

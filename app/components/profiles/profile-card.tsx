import { Link } from "@remix-run/react";

// The account page's card for the skills profile: how far it is filled in and how it shows.

export interface ProfileCardData {
  userId: string;
  summary: { skillCount: number; interestCount: number; hoursPerWeek: number | null; openToInvitations: boolean } | null;
  hidden: boolean;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function ProfileCard({ profile: { userId, summary, hidden } }: { profile: ProfileCardData }) {
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title">Your skills and availability</h2>
        <ul className="govuk-summary-card__actions">
          <li className="govuk-summary-card__action">
            <Link className="govuk-link" to="/account/profile">
              {summary ? "Change" : "Start"}
              <span className="govuk-visually-hidden"> your skills profile</span>
            </Link>
          </li>
        </ul>
      </div>
      <div className="govuk-summary-card__content">
        {summary ? (
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Skills</dt>
              <dd className="govuk-summary-list__value">{count(summary.skillCount, "skill", "skills")}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Interests</dt>
              <dd className="govuk-summary-list__value">{count(summary.interestCount, "theme", "themes")}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Hours a week</dt>
              <dd className="govuk-summary-list__value">{summary.hoursPerWeek ?? "Not said"}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Suggested for challenges</dt>
              <dd className="govuk-summary-list__value">
                {hidden ? "No, your profile is hidden" : summary.openToInvitations ? "Yes" : "No, you are not open to invitations"}
              </dd>
            </div>
          </dl>
        ) : (
          <p className="govuk-body">
            Add your skills, interests and the hours you can give, so councils can find you and Nettle can suggest challenges to you.
          </p>
        )}
        <p className="govuk-body govuk-!-margin-bottom-0">
          <Link className="govuk-link" to={`/people/${userId}`}>
            See your profile page
          </Link>
        </p>
      </div>
    </div>
  );
}

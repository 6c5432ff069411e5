import { Link } from "@remix-run/react";
import { participantKindLabels } from "~/models/accounts/participant-kinds";
import { skillLevelLabels } from "~/models/profiles/labels";
import type { SkillLevelValue } from "~/models/profiles/schemas";

// A person's public profile page: who they are, their skills by level, what they care about,
// where they work from and their links. Projects come with the projects issue.

export interface ProfileView {
  id: string;
  name: string;
  kind: string;
  own: boolean;
  visibility: "public" | "members" | "private";
  headline: string;
  bioHtml: string;
  region: string | null;
  remoteOk: boolean;
  institution: string | null;
  githubUrl: string | null;
  portfolioUrl: string | null;
  skillsByLevel: { level: SkillLevelValue; skills: string[] }[];
  interests: string[];
}

const whoSees = {
  public: "Everyone can see this page.",
  members: "Only people signed in to Nettle can see this page.",
  private: "Your profile is hidden: only you can see this page.",
};

export function ProfilePage({ profile }: { profile: ProfileView }) {
  const levels = profile.skillsByLevel.filter((group) => group.skills.length > 0);
  const where = [profile.region, profile.remoteOk ? "Happy to work remotely" : null].filter(Boolean);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {profile.own ? (
          <div className="govuk-inset-text">
            {whoSees[profile.visibility]}{" "}
            <Link className="govuk-link" to="/account/profile">
              Change your profile
            </Link>
          </div>
        ) : null}
        <span className="govuk-caption-l">{participantKindLabels[profile.kind] ?? "Member"}</span>
        <h1 className="govuk-heading-xl">{profile.name}</h1>
        {profile.headline ? <p className="govuk-body-l">{profile.headline}</p> : null}
        {profile.bioHtml ? <div dangerouslySetInnerHTML={{ __html: profile.bioHtml }} /> : null}

        <h2 className="govuk-heading-m">Skills</h2>
        {levels.length > 0 ? (
          <dl className="govuk-summary-list">
            {levels.map((group) => (
              <div className="govuk-summary-list__row" key={group.level}>
                <dt className="govuk-summary-list__key">{skillLevelLabels[group.level]}</dt>
                <dd className="govuk-summary-list__value">
                  <ul className="govuk-list">
                    {group.skills.map((skill) => (
                      <li key={skill}>{skill}</li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="govuk-body">No skills listed yet.</p>
        )}

        <h2 className="govuk-heading-m">Interests</h2>
        {profile.interests.length > 0 ? (
          <ul className="govuk-list govuk-list--bullet">
            {profile.interests.map((interest) => (
              <li key={interest}>{interest}</li>
            ))}
          </ul>
        ) : (
          <p className="govuk-body">No interests listed yet.</p>
        )}

        {where.length > 0 || profile.institution ? (
          <>
            <h2 className="govuk-heading-m">Where</h2>
            <ul className="govuk-list">
              {profile.institution ? <li>{profile.institution}</li> : null}
              {where.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        ) : null}

        {profile.githubUrl || profile.portfolioUrl ? (
          <>
            <h2 className="govuk-heading-m">Links</h2>
            <ul className="govuk-list">
              {profile.githubUrl ? (
                <li>
                  <a className="govuk-link" href={profile.githubUrl} rel="nofollow noopener">
                    GitHub<span className="govuk-visually-hidden"> profile of {profile.name}</span>
                  </a>
                </li>
              ) : null}
              {profile.portfolioUrl ? (
                <li>
                  <a className="govuk-link" href={profile.portfolioUrl} rel="nofollow noopener">
                    Portfolio<span className="govuk-visually-hidden"> of {profile.name}</span>
                  </a>
                </li>
              ) : null}
            </ul>
          </>
        ) : null}

        <h2 className="govuk-heading-m">Projects</h2>
        <p className="govuk-body">No projects yet.</p>
      </div>
    </div>
  );
}

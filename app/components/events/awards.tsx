import { Link } from "@remix-run/react";
import type { AnnouncedAward } from "~/models/judging/awards.server";

// The "Awards" section of an event's public page: announced awards with the team and its
// challenge. Nothing shows until the organisers announce them.
export function EventAwards({ awards, headingLevel = 2 }: { awards: AnnouncedAward[]; headingLevel?: 2 | 3 }) {
  if (awards.length === 0) return null;
  const Heading = `h${headingLevel}` as "h2" | "h3";
  return (
    <section aria-labelledby="awards-heading" className="govuk-!-margin-bottom-6">
      <Heading className="govuk-heading-m" id="awards-heading">
        Awards
      </Heading>
      <ul className="govuk-list">
        {awards.map((award) => (
          <li key={award.id} className="govuk-!-margin-bottom-4">
            <span className="govuk-!-font-weight-bold">{award.name}</span>: {award.teamName}
            <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">
              {award.projectSlug ? (
                <Link className="govuk-link" to={`/projects/${award.projectSlug}`}>
                  Project
                </Link>
              ) : null}
              {award.projectSlug ? " on " : "Working on "}
              <Link className="govuk-link" to={`/challenges/${award.challenge.slug}`}>
                {award.challenge.title}
              </Link>
            </span>
            {award.description ? (
              <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">{award.description}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

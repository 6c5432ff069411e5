import { Form } from "@remix-run/react";
import { formatDate } from "~/components/council-challenges";
import type { ProjectPage } from "~/models/projects/page.server";
import { accessRouteLabels } from "~/models/challenges/wizard";

// The challenge's data terms for a team member, in plain words from its data card. Until they
// accept, links to datasets with personal data stay hidden (the challenges policy decides).

export function DataTerms({ terms }: { terms: NonNullable<ProjectPage["terms"]> }) {
  const retention = terms.datasets.map((d) => d.retentionDate).filter((d): d is NonNullable<typeof d> => d !== null);
  return (
    <section aria-labelledby="data">
      <h2 className="govuk-heading-m" id="data">
        Data for this challenge
      </h2>
      {terms.datasets.length === 0 ? <p className="govuk-body">This challenge lists no datasets.</p> : null}
      {terms.acceptedAt ? (
        <p className="govuk-body">You accepted the data terms on {formatDate(terms.acceptedAt)}.</p>
      ) : (
        <>
          {terms.waiting > 0 ? (
            <div className="govuk-inset-text">
              Links to {terms.waiting === 1 ? "1 dataset" : `${terms.waiting} datasets`} with personal data will appear here once you accept
              the data terms.
            </div>
          ) : null}
          <h3 className="govuk-heading-s">The data terms</h3>
          <p className="govuk-body">By accepting, you agree that you will:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>use the data only for this challenge</li>
            <li>keep it where each dataset's access route says, and nowhere else</li>
            <li>not share it with anyone outside the team</li>
            <li>
              delete it
              {retention.length ? ` by ${formatDate(retention.sort()[0]!)} at the latest, or each dataset's retention date` : " when the work is done"}
            </li>
            <li>
              tell {terms.contact.name || terms.council} at {terms.council} at once if it is lost, shared or seen by someone who should not
              see it
            </li>
          </ul>
          <Form method="post">
            <input type="hidden" name="intent" value="accept-terms" />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Accept the data terms
            </button>
          </Form>
        </>
      )}
      {terms.datasets.length ? (
        <ul className="govuk-list">
          {terms.datasets.map((d) => (
            <li key={d.id} className="govuk-!-margin-bottom-3">
              <strong>{d.title}</strong>
              {d.personalData ? " (personal data)" : ""}
              <br />
              <span className="govuk-body-s">
                {accessRouteLabels[d.accessRoute]}
                {d.retentionDate ? `; delete by ${formatDate(d.retentionDate)}` : ""}
              </span>
              {d.link ? (
                <>
                  <br />
                  <a className="govuk-link nettle-break-anywhere" href={d.link} rel="nofollow noopener">
                    Open {d.title}
                  </a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {terms.contact.email ? (
        <p className="govuk-body">
          Contact at {terms.council}: {terms.contact.name} (<a className="govuk-link" href={`mailto:${terms.contact.email}`}>{terms.contact.email}</a>)
        </p>
      ) : null}
    </section>
  );
}

import { accessRouteLabels, licenceLabels, sensitivityLabels } from "~/models/challenges/wizard";
import type { AccessRoute, DataSensitivity, DatasetLicence } from "~/generated/prisma/enums";

// An outcome's written parts and its output datasets, as the outcome page and the team's page
// show them. The HTML comes from renderMarkdown on the server (sanitised).

export interface OutcomeSectionsHtml {
  whatWasBuilt: string;
  results: string;
  howToReuse: string;
}

const headings: [keyof OutcomeSectionsHtml, string][] = [
  ["whatWasBuilt", "What was built"],
  ["results", "Results and impact"],
  ["howToReuse", "How to reuse it"],
];

export function OutcomeSections({ html }: { html: OutcomeSectionsHtml }) {
  return (
    <>
      {headings.map(([key, heading]) =>
        html[key] ? (
          <section key={key} aria-labelledby={`outcome-${key}`}>
            <h2 className="govuk-heading-m" id={`outcome-${key}`}>
              {heading}
            </h2>
            <div dangerouslySetInnerHTML={{ __html: html[key] }} />
          </section>
        ) : null,
      )}
    </>
  );
}

export interface OutputDatasetView {
  title: string;
  description: string;
  format: string;
  licence: DatasetLicence;
  sensitivity: DataSensitivity;
  accessRoute: AccessRoute;
  link: string | null;
}

/** Output datasets on the public page: those without personal data only (the loader filters). */
export function OutputDatasets({ datasets }: { datasets: OutputDatasetView[] }) {
  if (datasets.length === 0) return null;
  return (
    <section aria-labelledby="outcome-datasets">
      <h2 className="govuk-heading-m" id="outcome-datasets">
        Data it produced
      </h2>
      {datasets.map((d, i) => (
        <div className="govuk-summary-card" key={`${d.title}-${i}`}>
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">{d.title}</h3>
          </div>
          <div className="govuk-summary-card__content">
            {d.description ? <p className="govuk-body">{d.description}</p> : null}
            <dl className="govuk-summary-list">
              {[
                ["Licence", licenceLabels[d.licence]],
                ["Sensitivity", sensitivityLabels[d.sensitivity]],
                ["How to get it", accessRouteLabels[d.accessRoute]],
                ...(d.format ? [["Format", d.format]] : []),
              ].map(([key, text]) => (
                <div className="govuk-summary-list__row" key={key}>
                  <dt className="govuk-summary-list__key">{key}</dt>
                  <dd className="govuk-summary-list__value">{text}</dd>
                </div>
              ))}
              {d.link ? (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Link</dt>
                  <dd className="govuk-summary-list__value nettle-break-anywhere">
                    <a className="govuk-link" href={d.link} rel="nofollow noopener">
                      {d.link}
                    </a>
                  </dd>
                </div>
              ) : null}
            </dl>
          </div>
        </div>
      ))}
    </section>
  );
}

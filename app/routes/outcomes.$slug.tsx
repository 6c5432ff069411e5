import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ImpactAnswers } from "~/components/impact/impact-answers";
import { OutcomeSections, OutputDatasets } from "~/components/outcomes/outcome-sections";
import { getOutcomePage } from "~/models/outcomes/public.server";
import { getUser } from "~/services/auth.server";
import { useNonce } from "~/components/nonce";

// A published outcome: what the team built, what changed, how to reuse it, under which
// licence, who did it, and later whether it made a difference. Unpublished, only the team,
// council and hub organisers see a preview; everyone else is told there is no such outcome.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return getOutcomePage(user, params.slug ?? "");
}

export default function OutcomePage() {
  const { record, contributors, html, impact, jsonLd, published, projectSlug } = useLoaderData<typeof loader>();
  const nonce = useNonce();
  const repoLabel = record.repository?.ref
    ? record.repository.ref.length === 40
      ? `the code at commit ${record.repository.ref.slice(0, 7)}`
      : `the code at ${record.repository.ref}`
    : "the code";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {jsonLd ? (
          // Serialised by outcomeJsonLd, which escapes <, > and & so no text can end the script element.
          <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: jsonLd }} />
        ) : null}
        <Link className="govuk-back-link" to="/outcomes">
          What teams delivered
        </Link>
        {!published ? (
          <div className="govuk-notification-banner" role="region" aria-labelledby="preview-title">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="preview-title">
                Not published
              </h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-body">
                Only the team, the council and its hub organisers can see this until the council signs it off.{" "}
                <Link className="govuk-link" to={`/projects/${projectSlug}/outcome`}>
                  Go to the outcome&apos;s page
                </Link>
              </p>
            </div>
          </div>
        ) : null}
        <span className="govuk-caption-l">Outcome for {record.council.name}</span>
        <h1 className="govuk-heading-l">{record.title}</h1>
        <p className="govuk-body-l">{record.summary}</p>
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Challenge</dt>
            <dd className="govuk-summary-list__value">
              <Link className="govuk-link" to={`/challenges/${record.challenge.slug}`}>
                {record.challenge.title}
              </Link>
            </dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Council</dt>
            <dd className="govuk-summary-list__value">
              <Link className="govuk-link" to={`/organisations/${record.council.slug}`}>
                {record.council.name}
              </Link>
            </dd>
          </div>
          {published ? (
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Published</dt>
              <dd className="govuk-summary-list__value">
                {new Date(record.publishedAt).toLocaleDateString("en-GB", {
                  day: "numeric",
                  month: "long",
                  year: "numeric",
                  timeZone: "UTC",
                })}
              </dd>
            </div>
          ) : null}
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Licence</dt>
            <dd className="govuk-summary-list__value">
              {record.licence ? (
                <a className="govuk-link" href={record.licence.url} rel="license">
                  {record.licence.name}
                </a>
              ) : (
                "Not chosen yet"
              )}
            </dd>
          </div>
          {record.repository ? (
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Code</dt>
              <dd className="govuk-summary-list__value">
                <a className="govuk-link" href={record.repository.url}>
                  See {repoLabel} on GitHub
                </a>
              </dd>
            </div>
          ) : null}
          {record.demoUrl ? (
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Demo</dt>
              <dd className="govuk-summary-list__value nettle-break-anywhere">
                <a className="govuk-link" href={record.demoUrl} rel="nofollow noopener">
                  {record.demoUrl}
                </a>
              </dd>
            </div>
          ) : null}
          {record.reportUrl ? (
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Report</dt>
              <dd className="govuk-summary-list__value nettle-break-anywhere">
                <a className="govuk-link" href={record.reportUrl} rel="nofollow noopener">
                  {record.reportUrl}
                </a>
              </dd>
            </div>
          ) : null}
        </dl>
        <OutcomeSections html={html} />
        <OutputDatasets datasets={record.datasets} />
        {contributors.length > 0 ? (
          <section aria-labelledby="team-heading">
            <h2 className="govuk-heading-m" id="team-heading">
              Who did it
            </h2>
            <ul className="govuk-list">
              {contributors.map((person, i) => (
                <li key={person.href ?? `hidden-${i}`}>
                  {person.href ? (
                    <Link className="govuk-link" to={person.href}>
                      {person.name}
                    </Link>
                  ) : (
                    person.name
                  )}
                  {person.lead ? " (lead)" : ""}
                  {person.role ? ` – ${person.role}` : ""}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <ImpactAnswers answers={impact} />
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.record.title} – Nettle` },
        { name: "description", content: data.record.summary },
        ...(data.published ? [] : [{ name: "robots", content: "noindex" }]),
      ]
    : [{ title: "Outcome – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

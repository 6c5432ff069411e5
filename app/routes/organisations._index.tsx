import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Highlighted } from "~/components/highlighted";
import { ResultCount } from "~/components/result-count";
import { Pagination } from "~/components/pagination";
import { SearchDegradedNotice } from "~/components/search-degraded-notice";
import { organisationKindLabels, organisationKinds } from "~/models/organisations/labels";
import { organisationSearchParams, searchOrganisations } from "~/models/organisations/organisation.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const params = organisationSearchParams.parse(Object.fromEntries(url.searchParams));
  const result = await searchOrganisations(params);
  return { params, result };
}

const number = new Intl.NumberFormat("en-GB");

export default function Organisations() {
  const { params, result } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const filtered = Boolean(params.q || params.kind || params.region);

  return (
    <>
      <h1 className="govuk-heading-xl">Organisations</h1>
      <p className="govuk-body-l">
        Councils, universities, data hubs and community groups on Nettle. Every UK council is listed from the open
        register; a hub organiser verifies a council before it can publish challenges.
      </p>
      {result.degraded ? <SearchDegradedNotice /> : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <Form method="get" role="search" aria-label="Organisations">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="q">
                Search by name, region or code
              </label>
              <input className="govuk-input" id="q" name="q" type="search" defaultValue={params.q} spellCheck={false} />
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="kind">
                Kind
              </label>
              <select className="govuk-select" id="kind" name="kind" defaultValue={params.kind ?? ""}>
                <option value="">All kinds</option>
                {organisationKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {organisationKindLabels[kind]}
                    {facetCount(result.kinds.find((k) => k.kind === kind)?.count)}
                  </option>
                ))}
              </select>
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="region">
                Region
              </label>
              <select className="govuk-select" id="region" name="region" defaultValue={params.region ?? ""}>
                <option value="">All regions</option>
                {result.regions.map((region) => (
                  <option key={region.name} value={region.name}>
                    {region.name}
                    {facetCount(region.count)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Search
            </button>
            {filtered ? (
              <p className="govuk-body">
                <Link className="govuk-link" to="/organisations">
                  Clear search
                </Link>
              </p>
            ) : null}
          </Form>
        </div>
        <div className="govuk-grid-column-two-thirds">
          <ResultCount total={result.total} one="organisation" many="organisations" query={params.q} />
          {result.hits.length === 0 ? (
            <div>
              <h2 className="govuk-heading-m">No organisations found</h2>
              <p className="govuk-body">Improve your results by:</p>
              <ul className="govuk-list govuk-list--bullet">
                <li>checking your spelling</li>
                <li>searching for part of the name, like “Leeds” instead of “Leeds City Council”</li>
                <li>removing the kind or region filter</li>
              </ul>
            </div>
          ) : (
            <ul className="govuk-list nettle-results">
              {result.hits.map((org) => (
                <li key={org.id} className="nettle-results__item">
                  <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                    <Link className="govuk-link" to={`/organisations/${org.slug}`}>
                      <Highlighted html={org.highlightedName} fallback={org.name} />
                    </Link>
                  </h2>
                  <p className="govuk-body-s govuk-!-margin-bottom-0">
                    {organisationKindLabels[org.kind]}
                    {org.councilTypeName ? ` · ${org.councilTypeName}` : ""}
                    {org.region ? ` · ${org.region}` : ""}
                    {org.verified ? (
                      <strong className="govuk-tag govuk-tag--green govuk-!-margin-left-2">Verified</strong>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <Pagination page={result.page} totalPages={result.totalPages} search={searchParams} />
        </div>
      </div>
    </>
  );
}

function facetCount(count: number | undefined) {
  return count === undefined ? "" : ` (${number.format(count)})`;
}

export const meta: MetaFunction = () => [{ title: "Organisations – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

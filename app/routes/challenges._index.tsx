import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ChallengeStatusTag, formatDate } from "~/components/council-challenges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Highlighted } from "~/components/highlighted";
import { ResultCount } from "~/components/result-count";
import { Pagination } from "~/components/pagination";
import { SearchDegradedNotice } from "~/components/search-degraded-notice";
import { statusLabels } from "~/models/challenges/status";
import { FILTER_KEYS, type ChallengeFacets, type ChallengeFilterKey, type FacetValue } from "~/models/challenges/search";
import { otherSkillNames, readChallengeSearch, searchChallenges } from "~/models/challenges/search.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const params = readChallengeSearch(new URL(request.url).searchParams);
  const result = await searchChallenges(params);
  // Another name for a skill is the likeliest way out of "no results" for a skills search.
  const otherNames = result.total === 0 && params.q ? otherSkillNames(params.q) : [];
  return { params, result, otherNames };
}

const number = new Intl.NumberFormat("en-GB");

const filterLabels: Record<ChallengeFilterKey, { legend: string; facet: keyof ChallengeFacets }> = {
  theme: { legend: "Theme", facet: "themes" },
  skill: { legend: "Skill", facet: "skills" },
  council: { legend: "Council", facet: "councils" },
  region: { legend: "Region", facet: "regions" },
  status: { legend: "Status", facet: "statuses" },
  sensitivity: { legend: "Data sensitivity", facet: "sensitivities" },
};

const sensitivityLabels: Record<string, string> = {
  none: "No datasets listed",
  open: "Open data only",
  official: "Official",
  official_sensitive: "Official-sensitive",
};

function valueLabel(key: ChallengeFilterKey, value: string) {
  if (key === "status") return statusLabels[value as keyof typeof statusLabels] ?? value;
  if (key === "sensitivity") return sensitivityLabels[value] ?? value;
  return value;
}

/** The current query string without one filter value (or without every filter, for "all"). */
function without(search: URLSearchParams, key: ChallengeFilterKey | "q" | "all", value?: string) {
  const next = new URLSearchParams(search);
  next.delete("page");
  if (key === "all") for (const k of FILTER_KEYS) next.delete(k);
  else if (value === undefined) next.delete(key);
  else {
    const kept = next.getAll(key).filter((v) => v !== value);
    next.delete(key);
    for (const v of kept) next.append(key, v);
  }
  const query = next.toString();
  return query ? `/challenges?${query}` : "/challenges";
}

export default function Challenges() {
  const { params, result, otherNames } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const active = FILTER_KEYS.flatMap((key) => (params[key] as string[]).map((value) => ({ key, value })));

  return (
    <>
      <h1 className="govuk-heading-xl">Challenges</h1>
      <p className="govuk-body-l">Local data problems that councils want help with. Find one that suits your skills.</p>
      {result.degraded ? <SearchDegradedNotice /> : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <Form method="get" role="search" aria-label="Challenges">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="q">
                Search challenges
              </label>
              <div className="govuk-hint" id="q-hint">
                For example a skill, a place or a topic
              </div>
              <input
                className="govuk-input"
                id="q"
                name="q"
                type="search"
                defaultValue={params.q}
                aria-describedby="q-hint"
                maxLength={200}
              />
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="sort">
                Sort by
              </label>
              <select className="govuk-select" id="sort" name="sort" defaultValue={params.sort}>
                <option value="newest">Newest</option>
                <option value="closing-soon">Closing soon</option>
              </select>
            </div>
            {FILTER_KEYS.map((key) => (
              <FilterGroup
                key={key}
                name={key}
                values={result.facets[filterLabels[key].facet]}
                chosen={params[key] as string[]}
              />
            ))}
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Apply filters
            </button>
          </Form>
        </div>
        <div className="govuk-grid-column-two-thirds">
          <ResultCount total={result.total} one="challenge" many="challenges" query={params.q} />
          {active.length > 0 ? (
            <div className="govuk-!-margin-bottom-4">
              <h2 className="govuk-heading-s govuk-!-margin-bottom-1">Filtered by</h2>
              <ul className="govuk-list">
                {active.map(({ key, value }) => (
                  <li key={`${key}:${value}`}>
                    {filterLabels[key].legend}: {valueLabel(key, value)} –{" "}
                    <Link className="govuk-link" to={without(searchParams, key, value)}>
                      remove<span className="govuk-visually-hidden"> filter {valueLabel(key, value)}</span>
                    </Link>
                  </li>
                ))}
              </ul>
              <Link className="govuk-link govuk-body-s" to={without(searchParams, "all")}>
                Clear all filters
              </Link>
            </div>
          ) : null}
          {result.hits.length === 0 ? (
            <NoResults active={active} otherNames={otherNames} q={params.q} />
          ) : (
            <ul className="govuk-list nettle-results">
              {result.hits.map((hit) => (
                <li key={hit.id} className="nettle-results__item">
                  <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                    <Link className="govuk-link" to={`/challenges/${hit.slug}`}>
                      <Highlighted html={hit.highlightedTitle} fallback={hit.title} />
                    </Link>
                  </h2>
                  <p className="govuk-body-s govuk-!-margin-bottom-1">
                    <ChallengeStatusTag status={hit.status} /> {hit.organisationName}
                    {hit.deadline ? ` · Deadline ${formatDate(new Date(hit.deadline * 1000))}` : ""}
                  </p>
                  <p className="govuk-body govuk-!-margin-bottom-1">
                    <Highlighted html={hit.highlightedSummary} fallback={hit.summary} />
                  </p>
                  <p className="govuk-body-s govuk-!-margin-bottom-0">
                    {hit.themes.length > 0 ? <>Themes: {hit.themes.join(", ")}</> : null}
                    {hit.themes.length > 0 && hit.essentialSkills.length > 0 ? <br /> : null}
                    {hit.essentialSkills.length > 0 ? <>Essential skills: {hit.essentialSkills.join(", ")}</> : null}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <Pagination page={result.page} totalPages={result.totalPages} search={searchParams} />
          <OpenDataLinks search={searchParams} />
        </div>
      </div>
    </>
  );
}

/** The same results as open data: CSV, the JSON API, and the Atom feed of new challenges. */
function OpenDataLinks({ search }: { search: URLSearchParams }) {
  const params = new URLSearchParams(search);
  params.delete("page");
  const query = params.toString() ? `?${params.toString()}` : "";
  return (
    <>
      <h2 className="govuk-heading-s govuk-!-margin-top-6">Reuse this data</h2>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={`/challenges.csv${query}`} download>
            Download these challenges as a spreadsheet (CSV)
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`/api/v1/challenges${query}`}>
            Get them as JSON from the API
          </a>{" "}
          (<a className="govuk-link" href="/api/v1/openapi.json">API description</a>)
        </li>
        <li>
          <a className="govuk-link" href="/feeds/challenges.atom">
            Follow new challenges in a feed reader (Atom)
          </a>
        </li>
      </ul>
    </>
  );
}

export const links: LinksFunction = () => [
  { rel: "alternate", type: "application/atom+xml", title: "New challenges on Nettle", href: "/feeds/challenges.atom" },
];

function FilterGroup({ name, values, chosen }: { name: ChallengeFilterKey; values: FacetValue[]; chosen: string[] }) {
  if (values.length === 0) return null;
  const legend = filterLabels[name].legend;
  return (
    <details className="govuk-details" open={chosen.length > 0 || undefined}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          {legend}
          {chosen.length > 0 ? ` (${chosen.length} selected)` : ""}
        </span>
      </summary>
      <div className="govuk-details__text">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-visually-hidden">{legend}</legend>
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            {values.map((facet, i) => {
              const id = `${name}-${i}`;
              return (
                <div className="govuk-checkboxes__item" key={facet.value}>
                  <input
                    className="govuk-checkboxes__input"
                    id={id}
                    name={name}
                    type="checkbox"
                    value={facet.value}
                    defaultChecked={chosen.includes(facet.value)}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                    {valueLabel(name, facet.value)} ({number.format(facet.count)})
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
    </details>
  );
}

function NoResults({
  active,
  otherNames,
  q,
}: {
  active: { key: ChallengeFilterKey; value: string }[];
  otherNames: string[];
  q: string;
}) {
  const [searchParams] = useSearchParams();
  // Nothing searched and nothing filtered: there is nothing to improve, just nothing yet.
  if (!q && active.length === 0) {
    return (
      <div>
        <h2 className="govuk-heading-m">No challenges yet</h2>
        <p className="govuk-body">
          No council has published a challenge here yet. If you work for a council,{" "}
          <Link className="govuk-link" to="/challenges/new">
            post a challenge
          </Link>
          .
        </p>
      </div>
    );
  }
  return (
    <div>
      <h2 className="govuk-heading-m">No challenges found</h2>
      <p className="govuk-body">Improve your results by:</p>
      <ul className="govuk-list govuk-list--bullet">
        {active.map(({ key, value }) => (
          <li key={`${key}:${value}`}>
            <Link className="govuk-link" to={without(searchParams, key, value)}>
              removing the filter “{valueLabel(key, value)}”
            </Link>
          </li>
        ))}
        {q ? <li>checking your spelling</li> : null}
        {otherNames.length > 0 ? (
          <li>
            searching for the skill by another name:{" "}
            {otherNames.map((other, i) => (
              <span key={other}>
                {i > 0 ? ", " : ""}
                <Link className="govuk-link" to={`/challenges?q=${encodeURIComponent(other)}`}>
                  {other}
                </Link>
              </span>
            ))}
          </li>
        ) : q ? (
          <li>using a more general word, or another name for a skill (like “GIS” for geospatial analysis)</li>
        ) : null}
        {q ? (
          <li>
            <Link className="govuk-link" to={without(searchParams, "q")}>
              removing your search words
            </Link>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [
  { title: "Challenges – Nettle" },
  { name: "description", content: "Local data problems that UK councils want help with." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

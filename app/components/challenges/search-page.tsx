import { Link, useSearchParams } from "@remix-run/react";
import { ChallengeStatusTag, formatDate } from "~/components/council-challenges";
import { Highlighted } from "~/components/highlighted";
import { statusLabels } from "~/models/challenges/status";
import {
  FILTER_KEYS,
  type ChallengeFacets,
  type ChallengeFilterKey,
  type FacetValue,
} from "~/models/challenges/search";

// The parts of the challenges page (/challenges): filters with their counts, the results, the
// way out of "no results", and the same results as open data. A GET form and links only, so
// all of it works without JavaScript.

const number = new Intl.NumberFormat("en-GB");

export const filterLabels: Record<ChallengeFilterKey, { legend: string; facet: keyof ChallengeFacets }> = {
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

export function valueLabel(key: ChallengeFilterKey, value: string) {
  if (key === "status") return statusLabels[value as keyof typeof statusLabels] ?? value;
  if (key === "sensitivity") return sensitivityLabels[value] ?? value;
  return value;
}

/** The current query string without one filter value (or without every filter, for "all"). */
export function without(search: URLSearchParams, key: ChallengeFilterKey | "q" | "all", value?: string) {
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

/** A search result as the page shows it: the search's highlights, and a few facts. */
export interface ChallengeResult {
  id: string;
  slug: string;
  title: string;
  highlightedTitle?: string;
  summary: string;
  highlightedSummary?: string;
  status: keyof typeof statusLabels;
  organisationName: string;
  /** Seconds since 1970, as the search index keeps it. */
  deadline: number | null;
  themes: string[];
  essentialSkills: string[];
}

export function Results({ hits }: { hits: ChallengeResult[] }) {
  return (
    <ul className="govuk-list nettle-results">
      {hits.map((hit) => (
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
  );
}

/** The filters chosen, each with a link that removes it. */
export function ActiveFilters({ active }: { active: { key: ChallengeFilterKey; value: string }[] }) {
  const [searchParams] = useSearchParams();
  if (active.length === 0) return null;
  return (
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
  );
}

/** The same results as open data: CSV, the JSON API, and the Atom feed of new challenges. */
export function OpenDataLinks({ search }: { search: URLSearchParams }) {
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
          (
          <a className="govuk-link" href="/api/v1/openapi.json">
            API description
          </a>
          )
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

export function FilterGroup({
  name,
  values,
  chosen,
}: {
  name: ChallengeFilterKey;
  values: FacetValue[];
  chosen: string[];
}) {
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

export function NoResults({
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

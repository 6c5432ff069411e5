import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  ActiveFilters,
  FilterGroup,
  filterLabels,
  NoResults,
  OpenDataLinks,
  Results,
  type ChallengeResult,
} from "~/components/challenges/search-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { ResultCount } from "~/components/result-count";
import { SearchDegradedNotice } from "~/components/search-degraded-notice";
import { FILTER_KEYS } from "~/models/challenges/search";
import { otherSkillNames, readChallengeSearch, searchChallenges } from "~/models/challenges/search.server";
import { SaveSearch } from "~/components/saved-searches/save-search";
import { savedSearchOffer } from "~/models/saved-searches/saved-search.server";
import { getUser } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const params = readChallengeSearch(new URL(request.url).searchParams);
  const { hits, perPage: _pageSize, ...result } = await searchChallenges(params);
  // Another name for a skill is the likeliest way out of "no results" for a skills search.
  const otherNames = result.total === 0 && params.q ? otherSkillNames(params.q) : [];
  const shown = hits.map((hit): ChallengeResult => ({
    id: hit.id,
    slug: hit.slug,
    title: hit.title,
    highlightedTitle: hit.highlightedTitle,
    summary: hit.summary,
    highlightedSummary: hit.highlightedSummary,
    status: hit.status,
    organisationName: hit.organisationName,
    deadline: hit.deadline,
    themes: hit.themes,
    essentialSkills: hit.essentialSkills,
  }));
  const save = { ...savedSearchOffer(params), signedIn: (await getUser(request)) !== null };
  return { params, result: { ...result, hits: shown }, otherNames, save };
}

export default function Challenges() {
  const { params, result, otherNames, save } = useLoaderData<typeof loader>();
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
          <ActiveFilters active={active} />
          {result.hits.length === 0 ? (
            <NoResults active={active} otherNames={otherNames} q={params.q} />
          ) : (
            <Results hits={result.hits} />
          )}
          <Pagination page={result.page} totalPages={result.totalPages} search={searchParams} />
          <SaveSearch {...save} />
          <OpenDataLinks search={searchParams} />
        </div>
      </div>
    </>
  );
}

export const links: LinksFunction = () => [
  { rel: "alternate", type: "application/atom+xml", title: "New challenges on Nettle", href: "/feeds/challenges.atom" },
];

export const meta: MetaFunction = () => [
  { title: "Challenges – Nettle" },
  { name: "description", content: "Local data problems that UK councils want help with." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

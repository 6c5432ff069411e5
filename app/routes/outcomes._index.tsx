import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Select } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { outcomeFilterOptions, parseOutcomeSearch, searchOutcomes } from "~/models/outcomes/public.server";

// The showcase: what teams delivered for councils, signed off and published. Filters are a GET
// form, so the page and its links work without JavaScript.

export async function loader({ request }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams;
  const parsed = parseOutcomeSearch(query);
  const options = await outcomeFilterOptions();
  const chosen = {
    theme: query.get("theme") ?? "",
    council: query.get("council") ?? "",
    skill: query.get("skill") ?? "",
    year: query.get("year") ?? "",
  };
  if (!parsed.ok) {
    return data({ options, chosen, errors: parsed.errors, result: null }, { status: 400 });
  }
  return { options, chosen, errors: null, result: await searchOutcomes(parsed.params) };
}

export default function Outcomes() {
  const { options, chosen, errors, result } = useLoaderData<typeof loader>();
  const location = useLocation();
  const filtered = Object.values(chosen).some(Boolean);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">What teams delivered</h1>
        <p className="govuk-body">
          Outcomes of challenges posted by councils, signed off by the council that asked. Also as{" "}
          <Link className="govuk-link" to={`/outcomes.csv${location.search}`} reloadDocument>
            a spreadsheet (CSV)
          </Link>
          ,{" "}
          <a className="govuk-link" href="/feeds/outcomes.atom">
            an Atom feed
          </a>{" "}
          and through the{" "}
          <a className="govuk-link" href="/api/v1/openapi.json">
            open data API
          </a>
          .
        </p>
      </div>
      <div className="govuk-grid-column-one-third">
        <Form method="get" aria-label="Filter outcomes">
          <h2 className="govuk-heading-m">Filter</h2>
          <Select
            name="theme"
            label="Theme"
            placeholder="Any theme"
            defaultValue={chosen.theme}
            error={errors?.theme}
            options={options.themes}
          />
          <Select
            name="council"
            label="Council"
            placeholder="Any council"
            defaultValue={chosen.council}
            error={errors?.council}
            options={options.councils}
          />
          <Select
            name="skill"
            label="Skill"
            placeholder="Any skill"
            defaultValue={chosen.skill}
            error={errors?.skill}
            options={options.skills}
          />
          <Select
            name="year"
            label="Year published"
            placeholder="Any year"
            defaultValue={chosen.year}
            error={errors?.year}
            options={options.years.map((year) => ({ value: String(year), label: String(year) }))}
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Apply filters
            </button>
            {filtered ? (
              <Link className="govuk-link" to="/outcomes">
                Clear filters
              </Link>
            ) : null}
          </div>
        </Form>
      </div>
      <div className="govuk-grid-column-two-thirds">
        {result ? (
          <>
            <p className="govuk-body" role="status">
              {result.total === 1 ? "1 outcome" : `${result.total.toLocaleString("en-GB")} outcomes`}
              {filtered ? " match your filters" : ""}
            </p>
            {result.total === 0 ? (
              <div className="govuk-inset-text">
                {filtered
                  ? "No published outcome matches these filters. Try fewer filters."
                  : "No outcomes are published yet. When a council signs off what a team delivered, it appears here."}
              </div>
            ) : null}
            <ul className="govuk-list">
              {result.records.map((record) => (
                <li key={record.id} className="govuk-!-margin-bottom-6">
                  <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                    <Link className="govuk-link" to={`/outcomes/${record.slug}`}>
                      {record.title}
                    </Link>
                  </h2>
                  <p className="govuk-body-s govuk-!-margin-bottom-1">
                    {record.council.name} · published{" "}
                    {new Date(record.publishedAt).toLocaleDateString("en-GB", {
                      day: "numeric",
                      month: "long",
                      year: "numeric",
                      timeZone: "UTC",
                    })}
                    {record.themes.length > 0 ? ` · ${record.themes.map((t) => t.name).join(", ")}` : ""}
                  </p>
                  <p className="govuk-body">{record.summary}</p>
                </li>
              ))}
            </ul>
            <Pagination
              page={result.page}
              totalPages={result.totalPages}
              search={new URLSearchParams(location.search)}
            />
          </>
        ) : null}
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [
  { title: "What teams delivered – Nettle" },
  {
    tagName: "link",
    rel: "alternate",
    type: "application/atom+xml",
    title: "Published outcomes",
    href: "/feeds/outcomes.atom",
  },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

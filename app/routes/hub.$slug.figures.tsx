import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "~/components/council-challenges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { hubFigures } from "~/models/impact/figures.server";
import { getHubBySlug } from "~/models/organisations/hub.server";
import { requireUser } from "~/services/auth.server";

// The hub's figures: what the councils it serves asked for, what teams delivered and what
// councils said it changed. A table, and the same rows as CSV for a funder's spreadsheet.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const hub = await getHubBySlug(params.slug ?? "");
  if (!hub) throw new Response("Not found", { status: 404 });
  const figures = await hubFigures(user, hub);
  return { ...figures, slug: hub.slug };
}

export default function HubFigures() {
  const page = useLoaderData<typeof loader>();
  const sections = [...new Set(page.rows.map((row) => row.section))];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/hub">
          Hub dashboard
        </Link>
        <span className="govuk-caption-l">{page.hub.name}</span>
        <h1 className="govuk-heading-l">The hub&apos;s figures</h1>
        <p className="govuk-body">
          Everything from the councils {page.hub.name} serves, as of {formatDate(page.asOf)}. Impact answers count each
          follow-up question (asked 3, 6 and 12 months after an outcome is published); one nobody answered after two
          reminders counts as “not answered”.
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href={`/hub/${page.slug}/figures.csv`} download>
            Download these figures (CSV)
          </a>{" "}
          ·{" "}
          <Link className="govuk-link" to={`/hub/${page.slug}/projects`}>
            Projects
          </Link>
        </p>
        {sections.map((section) => (
          <table key={section} className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">{section}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Measure
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Count
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {page.rows
                .filter((row) => row.section === section)
                .map((row) => (
                  <tr key={row.measure} className="govuk-table__row">
                    <th scope="row" className="govuk-table__header">
                      {row.measure}
                    </th>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{row.count}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        ))}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Figures – ${data.hub.name} – Nettle` : "Figures – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EventStatusTag } from "~/components/events/event-parts";
import { ErrorSummary } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { eventKindLabels } from "~/models/events/labels";
import { parseEventSearch, searchEvents } from "~/models/events/public.server";

// Hack days and showcases: upcoming ones first (soonest first), then past ones.

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseEventSearch(new URL(request.url).searchParams);
  if (!parsed.ok) return data({ errors: parsed.errors, result: null }, { status: 400 });
  return { errors: null, result: await searchEvents(parsed.params) };
}

export default function Events() {
  const { errors, result } = useLoaderData<typeof loader>();
  const location = useLocation();
  const records = result?.records ?? [];
  const firstPast = records.findIndex((r) => r.past);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Events</h1>
        <p className="govuk-body">
          Hack days and showcases run by Nettle&apos;s hubs. Add the upcoming ones to your calendar with{" "}
          <a className="govuk-link" href="/events.ics">
            the events calendar feed
          </a>
          .
        </p>
        {result && records.length === 0 ? <p className="govuk-body">There are no events yet.</p> : null}
        {records.map((record, i) => (
          <div key={record.id}>
            {i === 0 && !record.past ? <h2 className="govuk-heading-m">Upcoming</h2> : null}
            {i === firstPast ? <h2 className="govuk-heading-m">Past events</h2> : null}
            <div className="govuk-summary-card">
              <div className="govuk-summary-card__title-wrapper">
                <h3 className="govuk-summary-card__title">
                  <Link className="govuk-link" to={`/events/${record.slug}`}>
                    {record.title}
                  </Link>
                </h3>
              </div>
              <div className="govuk-summary-card__content">
                <p className="govuk-body">
                  <EventStatusTag status={record.status} upcoming={!record.past} /> {eventKindLabels[record.kind]} run by{" "}
                  {record.hub.name}
                </p>
                <p className="govuk-body govuk-!-margin-bottom-1">{record.when}</p>
                <p className="govuk-body govuk-!-margin-bottom-0">
                  {record.venue ? record.venue.name : "Online"}
                  {record.venue && record.onlineUrl ? " and online" : ""}
                  {!record.past && record.status === "published"
                    ? record.placesLeft > 0
                      ? ` · ${record.placesLeft} places left`
                      : " · Full: join the waiting list"
                    : ""}
                </p>
              </div>
            </div>
          </div>
        ))}
        {result ? <Pagination page={result.page} totalPages={result.totalPages} search={new URLSearchParams(location.search)} /> : null}
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [
  { title: "Events – Nettle" },
  { name: "description", content: "Hack days and showcases on local councils' open data problems." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

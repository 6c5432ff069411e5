import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EventStatusTag } from "~/components/events/event-parts";
import { eventKindLabels } from "~/models/events/labels";
import { getHubEvents } from "~/models/events/organiser.server";
import { requireUser } from "~/services/auth.server";

// A hub's events, drafts included, for its organisers: the way in to each event's dashboard.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getHubEvents(user, params.slug ?? "");
}

export default function HubEvents() {
  const { hub, events } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <Link className="govuk-back-link" to="/hub">
          Hub dashboard
        </Link>
        <span className="govuk-caption-l">{hub.name}</span>
        <h1 className="govuk-heading-l">Events</h1>
        <Link className="govuk-button" data-module="govuk-button" to={`/events/new?hub=${hub.slug}`}>
          Create an event
        </Link>
        {events.length === 0 ? (
          <p className="govuk-body">{hub.name} has no events yet.</p>
        ) : (
          <table className="govuk-table nettle-table-stack">
            <caption className="govuk-table__caption govuk-visually-hidden">Events of {hub.name}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Event
                </th>
                <th scope="col" className="govuk-table__header">
                  When
                </th>
                <th scope="col" className="govuk-table__header">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {events.map((event) => (
                <tr className="govuk-table__row" key={event.slug}>
                  <td className="govuk-table__cell" data-label="Event">
                    <Link className="govuk-link" to={`/events/${event.slug}/manage`}>
                      {event.title}
                    </Link>
                    <br />
                    <span className="govuk-body-s">{eventKindLabels[event.kind]}</span>
                  </td>
                  <td className="govuk-table__cell" data-label="When">
                    {event.when}
                  </td>
                  <td className="govuk-table__cell" data-label="Status">
                    <EventStatusTag status={event.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Events of ${data?.hub.name ?? "the hub"} – Nettle` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { STATUS_LABELS } from "~/models/registrations/labels";
import { myEvents } from "~/models/registrations/ticket.server";
import { requireUser } from "~/services/auth.server";

// The events a person registered for: upcoming (soonest first) and past, each with its ticket.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return myEvents(user);
}

export default function MyEventsRoute() {
  const { upcoming, past } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/account">
          Your account
        </Link>
        <h1 className="govuk-heading-l">Your events</h1>
        <h2 className="govuk-heading-m">Coming up</h2>
        {upcoming.length ? (
          <ul className="govuk-list govuk-list--spaced">
            {upcoming.map((e) => (
              <li key={e.slug}>
                <Link className="govuk-link" to={`/events/${e.slug}/ticket`}>
                  {e.title}
                </Link>
                <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">
                  {e.when} – {e.eventStatus === "cancelled" ? "the event is cancelled" : STATUS_LABELS[e.status].toLowerCase()}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="govuk-body">
            You are not registered for any events coming up.{" "}
            <Link className="govuk-link" to="/events">
              See events
            </Link>
            .
          </p>
        )}
        {past.length ? (
          <>
            <h2 className="govuk-heading-m">Past events</h2>
            <ul className="govuk-list govuk-list--spaced">
              {past.map((e) => (
                <li key={e.slug}>
                  <Link className="govuk-link" to={`/events/${e.slug}`}>
                    {e.title}
                  </Link>
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">{e.when}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Your events – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

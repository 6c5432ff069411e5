import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { eventFigures } from "~/models/registrations/figures.server";
import { requireUser } from "~/services/auth.server";

// An event's figures for its organisers: registered, waiting, cancelled, attended, no-show
// rate, walk-ins, teams and challenges covered; the same as CSV.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { event, figures } = await eventFigures(user, params.slug ?? "");
  return { event, figures };
}

export default function FiguresRoute() {
  const { event, figures } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/events/${event.slug}/manage`}>
          Manage the event
        </Link>
        <span className="govuk-caption-l">{event.title}</span>
        <h1 className="govuk-heading-l">Figures</h1>
        <p className="govuk-body">
          {event.when}. {event.capacity} places.
        </p>
        <dl className="govuk-summary-list">
          {figures.map((figure) => (
            <div className="govuk-summary-list__row" key={figure.label}>
              <dt className="govuk-summary-list__key">{figure.label}</dt>
              <dd className="govuk-summary-list__value">{figure.value}</dd>
            </div>
          ))}
        </dl>
        <p className="govuk-body">
          The no-show rate is the share of people with a confirmed place who were not checked in.
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href={`/events/${event.slug}/figures.csv`} download>
            Download these figures (CSV)
          </a>
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/events/${event.slug}/registrations`}>
            Registrations
          </Link>
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Figures – ${data.event.title} – Nettle` : "Event not found – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { summaryFromReply } from "~/components/use-form";
import { cancelRegistration, confirmOffer } from "~/models/registrations/registration.server";
import { ticketForm } from "~/models/registrations/schemas";
import { ticketPage } from "~/models/registrations/ticket.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// A person's own ticket: where they stand, when and where the event is, and for a place the QR
// code the organisers scan at the door with the code printed large for typing. A place offered
// from the waiting list is confirmed (or declined) here; a place or a place in the queue is
// cancelled here, after confirming.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await ticketPage(user, params.slug ?? "");
  return { ...page, confirmCancel: new URL(request.url).searchParams.get("cancel") === "1" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  return formAction(
    request,
    ticketForm,
    async (input) => {
      if (input.intent === "confirm") {
        await confirmOffer(user, slug);
        return redirectWithFlash(`/events/${slug}/ticket`, { kind: "success", title: "Your place is confirmed", body: "Your ticket is below." });
      }
      await cancelRegistration(user, slug);
      return redirectWithFlash(`/events/${slug}`, {
        kind: "success",
        title: "Your registration is cancelled",
        body: "If anyone is waiting, your place goes to them. You can register again while registration is open.",
      });
    },
    { refusalsAsErrorPage: false },
  );
}

export default function TicketRoute() {
  const { event, venue, ticket, confirmCancel } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const errors = summaryFromReply(reply, {});
  const cancelWords =
    ticket.status === "waitlisted" ? "Leave the waiting list" : ticket.status === "offered" ? "Decline the place" : "Cancel your place";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/events/${event.slug}`}>
          {event.title}
        </Link>
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{event.title}</span>
        <h1 className="govuk-heading-l">Your ticket</h1>

        {event.status === "cancelled" ? (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span> This event has been cancelled.
            </strong>
          </div>
        ) : null}

        {ticket.status === "confirmed" ? (
          <>
            <div className="govuk-panel govuk-panel--confirmation nettle-ticket">
              <h2 className="govuk-panel__title">You have a place</h2>
              <div className="govuk-panel__body">
                Your code
                <br />
                <strong className="nettle-ticket__code" aria-label={`Your code: ${ticket.code!.split("").join(" ")}`}>
                  {ticket.code}
                </strong>
              </div>
            </div>
            <p className="govuk-body">Show this code or the QR code at the door.{ticket.attended ? " You have been checked in." : ""}</p>
            <div className="nettle-ticket__qr" role="img" aria-label="QR code of your ticket, for the organisers to scan" dangerouslySetInnerHTML={{ __html: ticket.qrSvg! }} />
          </>
        ) : ticket.status === "offered" && ticket.offerDeadline ? (
          <div className="govuk-notification-banner" role="region" aria-labelledby="offer-title">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="offer-title">
                A place is offered to you
              </h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">Confirm your place by {ticket.offerDeadline}</p>
              <p className="govuk-body">If you do not confirm by then, the place passes to the next person waiting.</p>
              <Form method="post">
                <input type="hidden" name="intent" value="confirm" />
                <button type="submit" className="govuk-button" data-module="govuk-button">
                  Confirm your place
                </button>
              </Form>
            </div>
          </div>
        ) : ticket.status === "offered" ? (
          <p className="govuk-body">The place offered to you was not confirmed in time and has passed on.</p>
        ) : ticket.status === "waitlisted" ? (
          <p className="govuk-body govuk-!-font-size-24">
            You are on the waiting list, <strong>number {ticket.position}</strong>. If a place comes free we will offer it to you, with a
            deadline to confirm it.
          </p>
        ) : (
          <p className="govuk-body">The place offered to you was not confirmed in time and has passed on. You can register again if places are free.</p>
        )}

        <h2 className="govuk-heading-m">When and where</h2>
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">When</dt>
            <dd className="govuk-summary-list__value">{event.when}</dd>
          </div>
          {venue.name ? (
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Where</dt>
              <dd className="govuk-summary-list__value">
                {venue.name}
                {venue.address ? (
                  <>
                    <br />
                    {venue.address}
                  </>
                ) : null}
              </dd>
            </div>
          ) : null}
          {venue.onlineUrl ? (
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Online</dt>
              <dd className="govuk-summary-list__value nettle-break-anywhere">
                <a className="govuk-link" href={venue.onlineUrl} rel="noreferrer">
                  {venue.onlineUrl}
                </a>
              </dd>
            </div>
          ) : null}
          {venue.nearestStation ? (
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Nearest station</dt>
              <dd className="govuk-summary-list__value">{venue.nearestStation}</dd>
            </div>
          ) : null}
          {venue.name
            ? venue.access.map((item) => (
                <div className="govuk-summary-list__row" key={item.label}>
                  <dt className="govuk-summary-list__key">{item.label}</dt>
                  <dd className="govuk-summary-list__value">{item.value}</dd>
                </div>
              ))
            : null}
        </dl>
        {venue.notes ? <p className="govuk-body nettle-pre-wrap">{venue.notes}</p> : null}

        {["confirmed", "offered", "waitlisted"].includes(ticket.status) && !event.started && event.status === "published" ? (
          confirmCancel ? (
            <Form method="post" className="govuk-!-margin-bottom-6">
              <h2 className="govuk-heading-m">{cancelWords}?</h2>
              <p className="govuk-body">
                {ticket.status === "waitlisted" ? "You will lose your place in the queue." : "Your place goes to the next person waiting."}
              </p>
              <input type="hidden" name="intent" value="cancel" />
              <div className="govuk-button-group">
                <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                  Yes, {cancelWords.toLowerCase()}
                </button>
                <Link className="govuk-link" to=".">
                  No, keep it
                </Link>
              </div>
            </Form>
          ) : (
            <p className="govuk-body">
              <Link className="govuk-link" to="?cancel=1">
                {cancelWords}
              </Link>
            </p>
          )
        ) : null}
        <p className="govuk-body">
          <Link className="govuk-link" to="/account/events">
            All your events
          </Link>
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Your ticket – ${data.event.title} – Nettle` : "Ticket not found – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

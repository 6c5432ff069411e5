import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EventAwards } from "~/components/events/awards";
import { AccessibilityList, EventStatusTag } from "~/components/events/event-parts";
import { useNonce } from "~/components/nonce";
import { getEventPage } from "~/models/events/public.server";
import { announcedAwards } from "~/models/judging/awards.server";
import { getUser } from "~/services/auth.server";

// An event's public page: when, where and how accessible, the agenda, the featured challenges,
// the code of conduct, and a way to register (or to one's ticket). A draft is seen only by its
// organisers, under a banner; everyone else is told there is no such event.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const page = await getEventPage(user, params.slug ?? "");
  // Only announced awards of a public event: getEventPage has already refused what the person may not see.
  return { ...page, awards: await announcedAwards(page.record.slug), signedIn: user !== null };
}

const HOLDING = ["confirmed", "offered", "waitlisted"];

export default function EventPage() {
  const page = useLoaderData<typeof loader>();
  const { record } = page;
  const nonce = useNonce();
  const base = `/events/${record.slug}`;
  const full = record.placesLeft === 0;
  const hasTicket = page.registration !== null && HOLDING.includes(page.registration.status);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {page.jsonLd ? (
          // Serialised by eventJsonLd, which escapes <, > and & so no text can end the script element.
          <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: page.jsonLd }} />
        ) : null}
        <Link className="govuk-back-link" to="/events">
          Events
        </Link>
        {page.draft ? (
          <div className="govuk-notification-banner" role="region" aria-labelledby="draft-title">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="draft-title">
                Draft
              </h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-body">Draft — only organisers can see this until it is published.</p>
            </div>
          </div>
        ) : null}
        {record.status === "cancelled" ? (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              This event is cancelled.{record.cancelReason ? ` ${record.cancelReason}` : ""}
            </strong>
          </div>
        ) : null}
        <span className="govuk-caption-l">
          {page.kindLabel} run by {record.hub.name}
        </span>
        <h1 className="govuk-heading-l">{record.title}</h1>
        <p className="govuk-body">
          <EventStatusTag status={record.status} upcoming={page.upcoming} />
        </p>
        {page.organiser ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={`${base}/manage`}>
              Manage this event
            </Link>
          </p>
        ) : null}

        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">When</dt>
            <dd className="govuk-summary-list__value">{record.when}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Where</dt>
            <dd className="govuk-summary-list__value">
              {record.venue ? (
                <p className="govuk-body">
                  {record.venue.name}
                  {record.venue.address ? (
                    <>
                      <br />
                      {record.venue.address}
                    </>
                  ) : null}
                  {record.venue.postcode ? (
                    <>
                      <br />
                      {record.venue.postcode}
                    </>
                  ) : null}
                </p>
              ) : null}
              {record.onlineUrl ? (
                <p className="govuk-body">
                  Online:{" "}
                  <a className="govuk-link nettle-break-anywhere" href={record.onlineUrl} rel="noopener noreferrer">
                    {record.onlineUrl}
                  </a>
                </p>
              ) : null}
            </dd>
          </div>
          {/* Places matter only while people can still take one: not for drafts, cancelled or past events. */}
          {!page.draft && record.status === "published" && page.upcoming ? (
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Places</dt>
              <dd className="govuk-summary-list__value">
                {full ? "No places left" : `${record.placesLeft} of ${record.capacity} places left`}
                {page.waiting > 0 ? ` (${page.waiting} on the waiting list)` : ""}
              </dd>
            </div>
          ) : null}
        </dl>

        {page.upcoming ? (
          <div className="govuk-button-group">
            {hasTicket ? (
              <Link className="govuk-button" data-module="govuk-button" to={`${base}/ticket`}>
                Your ticket
              </Link>
            ) : page.registrationOpen ? (
              <Link className="govuk-button" data-module="govuk-button" to={`${base}/register`}>
                {full ? "Join the waiting list" : "Register"}
              </Link>
            ) : null}
            <a className="govuk-button govuk-button--secondary" data-module="govuk-button" href={`${base}/calendar.ics`} download>
              Add to calendar
            </a>
          </div>
        ) : null}
        {page.upcoming && !hasTicket && !page.registrationOpen ? (
          <p className="govuk-body">
            {page.registrationWindow.opens
              ? `Registration opens on ${page.registrationWindow.opens}.`
              : "Registration is closed."}
          </p>
        ) : null}
        {page.upcoming && page.registrationOpen && page.registrationWindow.closes ? (
          <p className="govuk-body">Registration closes on {page.registrationWindow.closes}.</p>
        ) : null}
        {page.upcoming && page.registrationOpen && !page.signedIn ? (
          <p className="govuk-body">You will need to sign in or create an account to register.</p>
        ) : null}

        {record.description ? (
          <section aria-labelledby="about-heading">
            <h2 className="govuk-heading-m" id="about-heading">
              About the event
            </h2>
            {/* Sanitised by renderMarkdown on the server. */}
            <div dangerouslySetInnerHTML={{ __html: page.html.description }} />
          </section>
        ) : null}

        <section aria-labelledby="access-heading">
          <h2 className="govuk-heading-m" id="access-heading">
            Accessibility
          </h2>
          <AccessibilityList accessibility={record.accessibility} inPerson={record.venue !== null} />
        </section>

        {page.agenda.length > 0 ? (
          <section aria-labelledby="agenda-heading">
            <h2 className="govuk-heading-m" id="agenda-heading">
              Agenda
            </h2>
            <dl className="govuk-summary-list">
              {page.agenda.map((item, i) => (
                <div className="govuk-summary-list__row" key={i}>
                  <dt className="govuk-summary-list__key">
                    {item.day ? (
                      <>
                        {item.day}
                        <br />
                      </>
                    ) : null}
                    {item.time}
                  </dt>
                  <dd className="govuk-summary-list__value">
                    {item.title}
                    {item.description ? <p className="govuk-body-s govuk-!-margin-bottom-0">{item.description}</p> : null}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ) : null}

        {record.challenges.length > 0 ? (
          <section aria-labelledby="challenges-heading">
            <h2 className="govuk-heading-m" id="challenges-heading">
              Challenges
            </h2>
            <p className="govuk-body">Teams will work on these problems from local councils.</p>
            <ul className="govuk-list govuk-list--bullet">
              {record.challenges.map((challenge) => (
                <li key={challenge.slug}>
                  <Link className="govuk-link" to={`/challenges/${challenge.slug}`}>
                    {challenge.title}
                  </Link>{" "}
                  ({challenge.council})
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <EventAwards awards={page.awards} />

        {!page.draft ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={`${base}/showcase`}>
              See the teams and what they built
            </Link>
          </p>
        ) : null}

        {record.codeOfConduct ? (
          <section aria-labelledby="conduct-heading">
            <h2 className="govuk-heading-m" id="conduct-heading">
              Code of conduct
            </h2>
            {/* Sanitised by renderMarkdown on the server. */}
            <div dangerouslySetInnerHTML={{ __html: page.html.codeOfConduct }} />
          </section>
        ) : null}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.record.title} – Nettle` },
        { name: "description", content: `${data.kindLabel} run by ${data.record.hub.name}: ${data.record.when}` },
        ...(data.draft ? [{ name: "robots", content: "noindex" }] : []),
      ]
    : [{ title: "Event – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

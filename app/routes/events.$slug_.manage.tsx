import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EventStatusTag } from "~/components/events/event-parts";
import { ErrorSummary, Textarea } from "~/components/forms";
import { summaryFromReply, replyFor } from "~/components/use-form";
import { cancelEvent, finishEvent, publishEvent } from "~/models/events/event.server";
import { eventKindLabels } from "~/models/events/labels";
import { getManagePage } from "~/models/events/organiser.server";
import { authorizeEvent } from "~/models/events/policy.server";
import { manageEventForm } from "~/models/events/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// The organisers' dashboard for one event: where it stands, how many places are taken, links
// to every tool, and the status actions (publish, cancel after a confirmation step, finish).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await getManagePage(user, params.slug ?? "");
  const confirmingCancel = new URL(request.url).searchParams.get("cancel") === "yes";
  return { ...page, confirmingCancel: confirmingCancel && (page.event.status === "draft" || page.event.status === "published") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  await authorizeEvent(user, { slug }, "manage");
  const here = `/events/${slug}/manage`;
  return formAction(request, manageEventForm, async (form) => {
    switch (form.intent) {
      case "publish": {
        const event = await publishEvent(user, slug);
        return redirectWithFlash(here, { kind: "success", title: `“${event.title}” is published`, body: "Anyone can now see it and register." });
      }
      case "cancel": {
        const { event, told } = await cancelEvent(user, slug, form.reason);
        return redirectWithFlash(here, {
          kind: "success",
          title: `“${event.title}” is cancelled`,
          body: told > 0 ? `${told} ${told === 1 ? "person was" : "people were"} told and their registrations cancelled.` : undefined,
        });
      }
      case "finish": {
        const event = await finishEvent(user, slug);
        return redirectWithFlash(here, { kind: "success", title: `“${event.title}” is finished` });
      }
    }
  });
}

const tools = (slug: string, kind: string) => [
  { href: `/events/${slug}/edit`, label: "Change the details", hint: "Title, times, venue and accessibility, places, code of conduct" },
  { href: `/events/${slug}/challenges`, label: "Featured challenges", hint: "What teams work on" },
  { href: `/events/${slug}/agenda`, label: "Agenda and checkpoints", hint: "The day's schedule, and where people are checked in" },
  { href: `/events/${slug}/registrations`, label: "Registrations", hint: "Who is coming and who is waiting; download as CSV" },
  { href: `/events/${slug}/check-in`, label: "Check-in", hint: "On the day, on a phone" },
  { href: `/events/${slug}/teams`, label: "Teams", hint: "Teams, suggested teams, and confirming them as projects" },
  ...(kind === "hack_day"
    ? [
        { href: `/events/${slug}/judging`, label: "Judging", hint: "Criteria, judges, scores and results" },
        { href: `/events/${slug}/voting`, label: "People's choice", hint: "Open and close the vote" },
        { href: `/events/${slug}/awards`, label: "Awards", hint: "Announce the winners" },
      ]
    : []),
  { href: `/events/${slug}/figures`, label: "Figures", hint: "Registered, attended, no-shows, teams" },
  { href: `/events/${slug}/showcase`, label: "Showcase", hint: "The teams' work, and presentation mode" },
];

export default function ManageEvent() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { event, counts } = page;
  const here = `/events/${event.slug}/manage`;
  if (page.confirmingCancel) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Link className="govuk-back-link" to={here}>
            Back
          </Link>
          <ErrorSummary errors={summaryFromReply(reply)} />
          <h1 className="govuk-heading-l">Cancel “{event.title}”?</h1>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              This cannot be undone. Everyone registered or waiting ({counts.taken + counts.waitlisted}) is told, and their
              registrations are cancelled.
            </strong>
          </div>
          <Form method="post" action={here}>
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="confirm" value="yes" />
            <Textarea name="reason" label="Reason (optional)" hint="Shown on the event's page and in the message people get." rows={3} />
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                Cancel the event
              </button>
              <Link className="govuk-link" to={here}>
                Keep the event
              </Link>
            </div>
          </Form>
        </div>
      </div>
    );
  }
  const publishReply = replyFor(reply, { intent: "publish" }) ?? replyFor(reply, { intent: "finish" });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/hub/${event.hub.slug}/events`}>
          Events of {event.hub.name}
        </Link>
        <ErrorSummary errors={summaryFromReply(publishReply)} />
        <span className="govuk-caption-l">
          {eventKindLabels[event.kind]} run by {event.hub.name}
        </span>
        <h1 className="govuk-heading-l">{event.title}</h1>
        <p className="govuk-body">
          <EventStatusTag status={event.status} /> {event.when}
        </p>
        {event.status === "cancelled" && event.cancelReason ? <p className="govuk-body">Reason: {event.cancelReason}</p> : null}
        <p className="govuk-body">
          <Link className="govuk-link" to={`/events/${event.slug}`}>
            See the event&apos;s page
          </Link>
        </p>

        <h2 className="govuk-heading-m">Places</h2>
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Places taken</dt>
            <dd className="govuk-summary-list__value">
              {counts.taken} of {event.capacity} ({counts.confirmed} confirmed, {counts.offered} offered)
            </dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Waiting list</dt>
            <dd className="govuk-summary-list__value">{counts.waitlisted}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Cancelled or expired</dt>
            <dd className="govuk-summary-list__value">{counts.cancelled + counts.expired}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Featured challenges</dt>
            <dd className="govuk-summary-list__value">{counts.challenges}</dd>
          </div>
        </dl>

        {event.status === "draft" ? (
          <>
            <h2 className="govuk-heading-m">Publish</h2>
            {page.publishProblems.length > 0 ? (
              <>
                <p className="govuk-body">Before you can publish:</p>
                <ul className="govuk-list govuk-list--bullet">
                  {page.publishProblems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="govuk-body">Publishing shows the event to everyone and opens registration (in its window, if you set one).</p>
            )}
          </>
        ) : null}
        <div className="govuk-button-group">
          {event.status === "draft" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="publish" />
              <button type="submit" className="govuk-button" data-module="govuk-button">
                Publish
              </button>
            </Form>
          ) : null}
          {event.status === "published" && event.started ? (
            <Form method="post">
              <input type="hidden" name="intent" value="finish" />
              <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                Mark as finished
              </button>
            </Form>
          ) : null}
          {event.status === "draft" || event.status === "published" ? (
            <Link className="govuk-button govuk-button--warning" data-module="govuk-button" to={`${here}?cancel=yes`}>
              Cancel the event
            </Link>
          ) : null}
        </div>

        <h2 className="govuk-heading-m">Tools</h2>
        <ul className="govuk-list">
          {tools(event.slug, event.kind).map((tool) => (
            <li key={tool.href}>
              <Link className="govuk-link" to={tool.href}>
                {tool.label}
              </Link>
              <p className="govuk-body-s govuk-!-margin-bottom-2">{tool.hint}</p>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Manage ${data?.event.title ?? "event"} – Nettle` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

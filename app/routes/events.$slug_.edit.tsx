import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EventForm } from "~/components/events/event-form";
import { getEventForEditing, updateEvent } from "~/models/events/event.server";
import { authorizeEvent } from "~/models/events/policy.server";
import { eventForm } from "~/models/events/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// Changing an event's details: its organisers. Capacity cannot go below the places taken.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getEventForEditing(user, params.slug ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  await authorizeEvent(user, { slug }, "manage");
  return formAction(request, eventForm, async (input) => {
    await updateEvent(user, slug, input);
    return redirectWithFlash(`/events/${slug}/manage`, { kind: "success", title: "Your changes are saved" });
  });
}

export default function EditEvent() {
  const { event, values } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/events/${event.slug}/manage`}>
          Manage {event.title}
        </Link>
        <span className="govuk-caption-l">{event.title}</span>
        <h1 className="govuk-heading-l">Change the event&apos;s details</h1>
        <EventForm reply={reply} defaultValue={values} submitLabel="Save changes" />
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Change ${data?.event.title ?? "event"} – Nettle` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EventForm } from "~/components/events/event-form";
import { authorizeEventCreation, createEvent } from "~/models/events/event.server";
import { eventForm } from "~/models/events/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// Creating an event for a hub (/events/new?hub=<slug>): its organisers and admins. It starts
// as a draft; the dashboard then publishes it.

function hubOf(request: Request) {
  return (new URL(request.url).searchParams.get("hub") ?? "").slice(0, 100);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { hub: await authorizeEventCreation(user, hubOf(request)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const hubSlug = hubOf(request);
  await authorizeEventCreation(user, hubSlug);
  return formAction(request, eventForm, async (input) => {
    const { slug } = await createEvent(user, hubSlug, input);
    return redirectWithFlash(`/events/${slug}/manage`, {
      kind: "success",
      title: `“${input.title}” is saved as a draft`,
      body: "Feature challenges and add the agenda, then publish it.",
    });
  });
}

export default function NewEvent() {
  const { hub } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/hub/${hub.slug}/events`}>
          Events of {hub.name}
        </Link>
        <span className="govuk-caption-l">{hub.name}</span>
        <h1 className="govuk-heading-l">Create an event</h1>
        <p className="govuk-body">It is saved as a draft: only the hub&apos;s organisers see it until you publish it.</p>
        <EventForm reply={reply} submitLabel="Save as draft" />
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Create an event – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

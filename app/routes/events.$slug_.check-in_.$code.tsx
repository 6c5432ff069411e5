import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { checkInForm } from "~/models/registrations/check-in-schemas";
import { checkedInFlash, checkIn, ticketForCheckIn, undoCheckIn } from "~/models/registrations/check-in.server";
import { authorizeEvent } from "~/models/events/policy.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// What a ticket's QR code opens on the organiser's phone: who it is, their status, whether
// they are checked in at this checkpoint, and a button to check them in (a GET changes nothing).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const page = await ticketForCheckIn(user, params.slug ?? "", params.code ?? "", url.searchParams.get("checkpoint"));
  return { ...page, confirmUndo: url.searchParams.get("undo") === "1" && page.person?.checkedInHere != null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const here = (checkpointId: string) =>
    `${new URL(request.url).pathname}?checkpoint=${encodeURIComponent(checkpointId)}`;
  return formAction(
    request,
    checkInForm,
    async (input) => {
      if (input.intent === "check-in")
        return redirectWithFlash(here(input.checkpointId), checkedInFlash(await checkIn(user, slug, input)));
      if (input.intent === "undo") {
        const { name, checkpoint } = await undoCheckIn(user, slug, input);
        return redirectWithFlash(here(input.checkpointId), {
          kind: "success",
          title: `${name} is no longer checked in at ${checkpoint}`,
        });
      }
      throw new Response("Nettle did not understand that request.", { status: 400 });
    },
    { authorize: async () => void (await authorizeEvent(user, { slug }, "checkIn")) },
  );
}

export default function TicketCheckInRoute() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { person, checkpoint, event } = page;
  const refusal = reply && "error" in reply ? reply.error?.[""]?.[0] : undefined;
  const back = `/events/${event.slug}/check-in${checkpoint ? `?checkpoint=${encodeURIComponent(checkpoint.id)}` : ""}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={back}>
          Check in
        </Link>
        <span className="govuk-caption-l">{event.title}</span>
        {refusal ? (
          <div className="govuk-error-summary" data-module="govuk-error-summary">
            <div role="alert">
              <h2 className="govuk-error-summary__title">There is a problem</h2>
              <div className="govuk-error-summary__body">
                <p className="govuk-body">{refusal}</p>
              </div>
            </div>
          </div>
        ) : null}
        {!person ? (
          <>
            <h1 className="govuk-heading-l">No ticket with this code</h1>
            <p className="govuk-body">
              No ticket for “{event.title}” has this code. Type the code on the check-in page, or find the person by
              name.
            </p>
          </>
        ) : (
          <>
            <h1 className="govuk-heading-l">{person.name}</h1>
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Ticket</dt>
                <dd className="govuk-summary-list__value">{person.ticketCode}</dd>
              </div>
              {person.email ? (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Email</dt>
                  <dd className="govuk-summary-list__value">{person.email}</dd>
                </div>
              ) : null}
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Status</dt>
                <dd className="govuk-summary-list__value">{person.statusWords}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{checkpoint ? checkpoint.name : "Checkpoint"}</dt>
                <dd className="govuk-summary-list__value">
                  {person.checkedInHere ? `Checked in at ${person.checkedInHere.time}` : "Not checked in"}
                </dd>
              </div>
            </dl>
            {!checkpoint ? (
              <p className="govuk-body">This event has no checkpoints yet.</p>
            ) : page.confirmUndo ? (
              <Form method="post">
                <h2 className="govuk-heading-m">
                  Undo {person.name}'s check-in at {checkpoint.name}?
                </h2>
                <input type="hidden" name="intent" value="undo" />
                <input type="hidden" name="checkpointId" value={checkpoint.id} />
                <input type="hidden" name="registrationId" value={person.registrationId} />
                <div className="govuk-button-group">
                  <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                    Yes, undo the check-in
                  </button>
                  <Link className="govuk-link" to={`?checkpoint=${encodeURIComponent(checkpoint.id)}`}>
                    Cancel
                  </Link>
                </div>
              </Form>
            ) : person.checkedInHere ? (
              <p className="govuk-body">
                <Link className="govuk-link" to={`?checkpoint=${encodeURIComponent(checkpoint.id)}&undo=1`}>
                  Undo this check-in
                </Link>
              </p>
            ) : person.canCheckIn ? (
              <Form method="post">
                <input type="hidden" name="intent" value="check-in" />
                <input type="hidden" name="checkpointId" value={checkpoint.id} />
                <input type="hidden" name="registrationId" value={person.registrationId} />
                <button type="submit" className="govuk-button govuk-button--start" data-module="govuk-button">
                  Check in at {checkpoint.name}
                </button>
              </Form>
            ) : (
              <p className="govuk-inset-text">
                {person.name} cannot be checked in. If there is room,{" "}
                <Link className="govuk-link" to={back}>
                  add them as a walk-in
                </Link>
                .
              </p>
            )}
            {page.checkpoints.length > 1 && checkpoint ? (
              <p className="govuk-body-s">
                Checking in at {checkpoint.name}. Other checkpoints:{" "}
                {page.checkpoints
                  .filter((c) => c.id !== checkpoint.id)
                  .map((c, i) => (
                    <span key={c.id}>
                      {i > 0 ? ", " : null}
                      <Link className="govuk-link" to={`?checkpoint=${encodeURIComponent(c.id)}`}>
                        {c.name}
                      </Link>
                    </span>
                  ))}
              </p>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.person ? `${data.person.name} – Check in – Nettle` : "Check in – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

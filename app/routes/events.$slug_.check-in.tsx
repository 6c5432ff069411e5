import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/forms";
import { replyFor, summaryFromReply, useNettleForm } from "~/components/use-form";
import { checkInForm } from "~/models/registrations/check-in-schemas";
import {
  addWalkIn,
  checkedInFlash,
  checkIn,
  checkInPage,
  findByTicketCode,
  undoCheckIn,
} from "~/models/registrations/check-in.server";
import { authorizeEvent } from "~/models/events/policy.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// Check-in on the day, made for an organiser's phone: choose the checkpoint, type a ticket
// code or find the person by name, check them in; add walk-ins while there is room.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const page = await checkInPage(user, params.slug ?? "", {
    checkpointId: url.searchParams.get("checkpoint"),
    query: url.searchParams.get("q"),
  });
  const undoId = url.searchParams.get("undo");
  const confirmUndo = undoId
    ? (page.results?.find((r) => r.registrationId === undoId && r.checkedInHere) ?? null)
    : null;
  return {
    ...page,
    confirmUndo: confirmUndo ? { registrationId: confirmUndo.registrationId, name: confirmUndo.name } : null,
  };
}

/** Where to go back to: this page with the checkpoint and search kept, the undo question gone. */
function backTo(request: Request, slug: string, checkpointId: string) {
  const url = new URL(request.url);
  const search = new URLSearchParams({ checkpoint: checkpointId });
  const q = url.searchParams.get("q");
  if (q) search.set("q", q);
  return `/events/${slug}/check-in?${search.toString()}`;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  return formAction(
    request,
    checkInForm,
    async (input) => {
      switch (input.intent) {
        case "code": {
          const { code } = await findByTicketCode(user, slug, input.code);
          return redirectWithFlash(
            `/events/${slug}/check-in/${code}?checkpoint=${encodeURIComponent(input.checkpointId)}`,
            { kind: "info", title: `Ticket ${code} found` },
          );
        }
        case "check-in":
          return redirectWithFlash(
            backTo(request, slug, input.checkpointId),
            checkedInFlash(await checkIn(user, slug, input)),
          );
        case "undo": {
          const { name, checkpoint } = await undoCheckIn(user, slug, input);
          return redirectWithFlash(backTo(request, slug, input.checkpointId), {
            kind: "success",
            title: `${name} is no longer checked in at ${checkpoint}`,
          });
        }
        case "walk-in": {
          const result = await addWalkIn(user, slug, input);
          return redirectWithFlash(backTo(request, slug, input.checkpointId), {
            kind: "success",
            title: `${result.name} is added as a walk-in and checked in at ${result.checkpoint}`,
            body: `Their ticket code is ${result.ticketCode}.`,
          });
        }
      }
    },
    { authorize: async () => void (await authorizeEvent(user, { slug }, "checkIn")) },
  );
}

export default function CheckInRoute() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [, codeFields] = useNettleForm(checkInForm, {
    id: "code-form",
    lastResult: replyFor(reply, { intent: "code" }),
  });
  const [, walkInFields] = useNettleForm(checkInForm, {
    id: "walk-in-form",
    lastResult: replyFor(reply, { intent: "walk-in" }),
  });
  const errors = summaryFromReply(reply);
  const checkpoint = page.checkpoint;
  const formError =
    replyFor(reply, { intent: "check-in" })?.error?.[""]?.[0] ?? replyFor(reply, { intent: "undo" })?.error?.[""]?.[0];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/events/${page.event.slug}/manage`}>
          {page.event.title}
        </Link>
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{page.event.title}</span>
        <h1 className="govuk-heading-l">Check in</h1>
        {formError ? (
          <div className="govuk-error-summary" data-module="govuk-error-summary">
            <div role="alert">
              <h2 className="govuk-error-summary__title">There is a problem</h2>
              <div className="govuk-error-summary__body">
                <p className="govuk-body">{formError}</p>
              </div>
            </div>
          </div>
        ) : null}

        {!checkpoint ? (
          <p className="govuk-body">
            This event has no checkpoints yet. Add one (for example Arrival) on the event's page for organisers.
          </p>
        ) : (
          <>
            <h2 className="govuk-heading-m">Checkpoint: {checkpoint.name}</h2>
            <ul className="govuk-list" aria-label="Checkpoints">
              {page.checkpoints.map((c) => (
                <li key={c.id}>
                  {c.id === checkpoint.id ? (
                    <strong>
                      {c.name}: {c.count} checked in
                    </strong>
                  ) : (
                    <Link className="govuk-link" to={`?checkpoint=${encodeURIComponent(c.id)}`}>
                      {c.name}: {c.count} checked in
                      <span className="govuk-visually-hidden"> (check in here instead)</span>
                    </Link>
                  )}
                </li>
              ))}
            </ul>
            <p className="govuk-body-s">
              {page.confirmed} {page.confirmed === 1 ? "person has" : "people have"} a place.
            </p>

            <Form method="post" id="code-form" noValidate>
              <input type="hidden" name="intent" value="code" />
              <input type="hidden" name="checkpointId" value={checkpoint.id} />
              <TextField
                field={codeFields.code!}
                label="Ticket code"
                labelClass="govuk-label--s"
                hint="Letters and numbers; spaces and dashes do not matter."
                width="10"
                autoComplete="off"
                spellCheck={false}
              />
              <button type="submit" className="govuk-button" data-module="govuk-button">
                Find ticket
              </button>
            </Form>

            <Form method="get" role="search" aria-label="Find by name">
              <input type="hidden" name="checkpoint" value={checkpoint.id} />
              <TextField
                name="q"
                type="search"
                label="Or find by name"
                labelClass="govuk-label--s"
                defaultValue={page.query}
                autoComplete="off"
                spellCheck={false}
              />
              <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                Search
              </button>
            </Form>

            {page.confirmUndo ? (
              <Form method="post" className="govuk-!-margin-bottom-6">
                <h2 className="govuk-heading-m">
                  Undo {page.confirmUndo.name}'s check-in at {checkpoint.name}?
                </h2>
                <input type="hidden" name="intent" value="undo" />
                <input type="hidden" name="checkpointId" value={checkpoint.id} />
                <input type="hidden" name="registrationId" value={page.confirmUndo.registrationId} />
                <div className="govuk-button-group">
                  <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                    Yes, undo the check-in
                  </button>
                  <Link
                    className="govuk-link"
                    to={`?${new URLSearchParams({ checkpoint: checkpoint.id, q: page.query }).toString()}`}
                  >
                    Cancel
                  </Link>
                </div>
              </Form>
            ) : null}

            {page.results ? (
              <>
                <h2 className="govuk-heading-m">
                  {page.results.length === 0
                    ? `Nobody called “${page.query}”`
                    : `${page.results.length} ${page.results.length === 1 ? "person" : "people"} called “${page.query}”`}
                </h2>
                <ul className="govuk-list nettle-check-in-results">
                  {page.results.map((r) => (
                    <li key={r.registrationId} className="govuk-!-margin-bottom-4">
                      <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{r.name}</p>
                      {r.email ? <p className="govuk-body-s govuk-!-margin-bottom-1">{r.email}</p> : null}
                      <p className="govuk-body-s govuk-!-margin-bottom-1">{r.statusWords}</p>
                      {r.checkedInHere ? (
                        <p className="govuk-body-s">
                          Checked in at {checkpoint.name} at {r.checkedInHere.time}.{" "}
                          <Link
                            className="govuk-link"
                            to={`?${new URLSearchParams({ checkpoint: checkpoint.id, q: page.query, undo: r.registrationId }).toString()}`}
                          >
                            Undo<span className="govuk-visually-hidden"> {r.name}'s check-in</span>
                          </Link>
                        </p>
                      ) : r.canCheckIn ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="check-in" />
                          <input type="hidden" name="checkpointId" value={checkpoint.id} />
                          <input type="hidden" name="registrationId" value={r.registrationId} />
                          <button
                            type="submit"
                            className="govuk-button govuk-!-margin-bottom-0"
                            data-module="govuk-button"
                          >
                            Check in<span className="govuk-visually-hidden"> {r.name}</span>
                          </button>
                        </Form>
                      ) : (
                        <p className="govuk-body-s">
                          They cannot be checked in. Add them as a walk-in below if there is room.
                        </p>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}

            <h2 className="govuk-heading-m">Add a walk-in</h2>
            <p className="govuk-body">
              {page.placesTaken} of {page.event.capacity} places are taken.
            </p>
            {page.walkInsOpen ? (
              <Form method="post" id="walk-in-form" noValidate>
                <input type="hidden" name="intent" value="walk-in" />
                <input type="hidden" name="checkpointId" value={checkpoint.id} />
                <TextField field={walkInFields.name!} label="Name" autoComplete="off" spellCheck={false} />
                <TextField
                  field={walkInFields.email!}
                  type="email"
                  label="Email address (optional)"
                  hint="If they have a Nettle account with this address, the place is linked to it."
                  autoComplete="off"
                  spellCheck={false}
                />
                <button type="submit" className="govuk-button" data-module="govuk-button">
                  Add and check in
                </button>
              </Form>
            ) : (
              <p className="govuk-inset-text">Walk-ins can be added from the day the event starts until it ends.</p>
            )}
          </>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Check in – ${data.event.title} – Nettle` : "Check in – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Select, Textarea, TextField } from "~/components/forms";
import { replyFor, summaryErrors, summaryFromReply, useNettleForm } from "~/components/use-form";
import {
  addCheckpoint,
  getAgendaPage,
  removeAgendaItem,
  removeCheckpoint,
  saveAgendaItem,
} from "~/models/events/event.server";
import { authorizeEvent } from "~/models/events/policy.server";
import { agendaForm } from "~/models/events/schemas";
import { formatEventDate } from "~/models/events/time";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// The agenda (times in the event's zone, within the event, shown in time order) and the
// checkpoints where people are checked in. Removing an agenda item asks first.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await getAgendaPage(user, params.slug ?? "");
  const query = new URL(request.url).searchParams;
  const editing = page.items.find((item) => item.id === query.get("item")) ?? null;
  const removing = page.items.find((item) => item.id === query.get("remove")) ?? null;
  return {
    ...page,
    dayOptions: page.days.map((day) => ({ value: day, label: formatEventDate(new Date(`${day}T12:00:00Z`), "UTC") })),
    editing,
    removing,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  await authorizeEvent(user, { slug }, "manage");
  const here = `/events/${slug}/agenda`;
  return formAction(request, agendaForm, async (form) => {
    switch (form.intent) {
      case "save-item": {
        const { intent: _, ...input } = form;
        await saveAgendaItem(user, slug, input);
        return redirectWithFlash(here, { kind: "success", title: `${input.title} is on the agenda` });
      }
      case "remove-item": {
        // Without the confirmation step (a form posted from elsewhere), ask first.
        if (form.confirm !== "yes") return redirect(`${here}?remove=${encodeURIComponent(form.itemId)}`);
        const item = await removeAgendaItem(user, slug, form.itemId);
        return redirectWithFlash(here, { kind: "success", title: `${item.title} is removed from the agenda` });
      }
      case "add-checkpoint":
        await addCheckpoint(user, slug, form.name);
        return redirectWithFlash(here, { kind: "success", title: `Checkpoint ${form.name} added` });
      case "remove-checkpoint": {
        const checkpoint = await removeCheckpoint(user, slug, form.checkpointId);
        return redirectWithFlash(here, { kind: "success", title: `Checkpoint ${checkpoint.name} removed` });
      }
    }
  });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

function ItemForm({ page, reply }: { page: Page; reply: unknown }) {
  const editing = page.editing;
  const [form, fields] = useNettleForm(agendaForm, {
    id: "agenda-item",
    lastResult: replyFor(reply, { intent: "save-item" }),
    defaultValue: editing
      ? { intent: "save-item", itemId: editing.id, day: editing.day, startTime: editing.startTime, endTime: editing.endTime, title: editing.title, description: editing.description }
      : { intent: "save-item", day: page.days[0] },
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorSummary errors={summaryErrors(form)} />
      <input type="hidden" name="intent" value="save-item" />
      {editing ? <input type="hidden" name="itemId" value={editing.id} /> : null}
      {page.days.length > 1 ? (
        <Select field={fields.day} label="Day" options={page.dayOptions} />
      ) : (
        <input type="hidden" name="day" value={page.days[0]} />
      )}
      <TextField field={fields.startTime} label="Starts at" hint="For example, 9:30am or 14:00" width="10" />
      <TextField field={fields.endTime} label="Ends at (optional)" width="10" />
      <TextField field={fields.title} label="What happens" hint="For example, Lunch, or Teams present their work" />
      <Textarea field={fields.description} label="Details (optional)" rows={2} />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {editing ? "Save the agenda item" : "Add to the agenda"}
        </button>
        {editing ? (
          <Link className="govuk-link" to={`/events/${page.event.slug}/agenda`}>
            Cancel
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

export default function Agenda() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const here = `/events/${page.event.slug}/agenda`;
  if (page.removing) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Link className="govuk-back-link" to={here}>
            Back
          </Link>
          <h1 className="govuk-heading-l">Remove {page.removing.title} from the agenda?</h1>
          <Form method="post" action={here}>
            <input type="hidden" name="intent" value="remove-item" />
            <input type="hidden" name="itemId" value={page.removing.id} />
            <input type="hidden" name="confirm" value="yes" />
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                Remove it
              </button>
              <Link className="govuk-link" to={here}>
                Keep it
              </Link>
            </div>
          </Form>
        </div>
      </div>
    );
  }
  const checkpointReply = replyFor(reply, { intent: "add-checkpoint" });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/events/${page.event.slug}/manage`}>
          Manage {page.event.title}
        </Link>
        <ErrorSummary errors={replyFor(reply, { intent: "save-item" }) || checkpointReply ? {} : summaryFromReply(reply)} />
        <span className="govuk-caption-l">{page.event.title}</span>
        <h1 className="govuk-heading-l">Agenda and checkpoints</h1>
        <h2 className="govuk-heading-m">Agenda</h2>
        {page.items.length === 0 ? <p className="govuk-body">Nothing on the agenda yet.</p> : null}
        {page.items.length > 0 ? (
          <dl className="govuk-summary-list">
            {page.items.map((item) => (
              <div className="govuk-summary-list__row" key={item.id}>
                <dt className="govuk-summary-list__key">
                  {page.days.length > 1 ? `${formatEventDate(new Date(`${item.day}T12:00:00Z`), "UTC")}, ` : ""}
                  {item.startTime}
                  {item.endTime ? ` to ${item.endTime}` : ""}
                </dt>
                <dd className="govuk-summary-list__value">{item.title}</dd>
                <dd className="govuk-summary-list__actions">
                  <ul className="govuk-summary-list__actions-list">
                    <li className="govuk-summary-list__actions-list-item">
                      <Link className="govuk-link" to={`${here}?item=${item.id}`}>
                        Change<span className="govuk-visually-hidden"> {item.title}</span>
                      </Link>
                    </li>
                    <li className="govuk-summary-list__actions-list-item">
                      <Link className="govuk-link" to={`${here}?remove=${item.id}`}>
                        Remove<span className="govuk-visually-hidden"> {item.title}</span>
                      </Link>
                    </li>
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
        <h3 className="govuk-heading-s">{page.editing ? `Change ${page.editing.title}` : "Add to the agenda"}</h3>
        <ItemForm key={page.editing?.id ?? "new"} page={page} reply={reply} />

        <h2 className="govuk-heading-m">Checkpoints</h2>
        <p className="govuk-body">Places where people are checked in on the day, such as arrival and lunch. Each person counts once at each.</p>
        <ul className="govuk-list">
          {page.checkpoints.map((checkpoint) => (
            <li key={checkpoint.id}>
              <Form method="post" className="nettle-inline-fields">
                <input type="hidden" name="intent" value="remove-checkpoint" />
                <input type="hidden" name="checkpointId" value={checkpoint.id} />
                <p className="govuk-body govuk-!-margin-bottom-2">
                  {checkpoint.name}
                  {checkpoint.checkIns > 0 ? ` (${checkpoint.checkIns} checked in)` : ""}
                </p>
                {checkpoint.checkIns === 0 && page.checkpoints.length > 1 ? (
                  <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" data-module="govuk-button">
                    Remove<span className="govuk-visually-hidden"> {checkpoint.name}</span>
                  </button>
                ) : null}
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post">
          <input type="hidden" name="intent" value="add-checkpoint" />
          <TextField name="name" id="checkpoint-name" label="New checkpoint" hint="For example, Lunch" error={checkpointReply?.error?.name?.[0]} width="20" />
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Add checkpoint
          </button>
        </Form>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Agenda of ${data?.event.title ?? "event"} – Nettle` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

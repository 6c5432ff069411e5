import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { summaryFromReply } from "~/components/use-form";
import { authorizeEvent } from "~/models/events/policy.server";
import { isRegistrationStatus, STATUS_LABELS, STATUS_ORDER } from "~/models/registrations/labels";
import { registrationsList } from "~/models/registrations/list.server";
import { showNeeds } from "~/models/registrations/needs.server";
import { cancelRegistration } from "~/models/registrations/registration.server";
import { registrationsForm, type RegistrationsInput } from "~/models/registrations/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// Who registered, for the event's organisers: counts by status, a filter, a name search, 50 a
// page; cancelling someone's registration (after confirming); the CSV. Dietary and access needs
// are shown only when an organiser asks (a POST, audited), never in the page as loaded.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const status = url.searchParams.get("status") ?? "";
  const page = Number.parseInt(url.searchParams.get("page") ?? "1", 10);
  const list = await registrationsList(user, params.slug ?? "", {
    status: isRegistrationStatus(status) ? status : null,
    q: url.searchParams.get("q") ?? "",
    page: Number.isFinite(page) ? page : 1,
  });
  const cancelling = url.searchParams.get("cancel");
  const confirmCancel = cancelling ? (list.registrations.find((r) => r.id === cancelling) ?? null) : null;
  return { ...list, filter: { status: isRegistrationStatus(status) ? status : "", q: url.searchParams.get("q") ?? "" }, confirmCancel };
}

const needs: Record<RegistrationsInput["intent"], "viewRegistrations" | "viewNeeds"> = {
  cancel: "viewRegistrations",
  "show-needs": "viewNeeds",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  return formAction(
    request,
    registrationsForm,
    async (input) => {
      if (input.intent === "show-needs") return { needs: await showNeeds(user, slug) };
      const { name } = await cancelRegistration(user, slug, { registrationId: input.registrationId });
      return redirectWithFlash(`/events/${slug}/registrations`, {
        kind: "success",
        title: `${name}'s registration is cancelled`,
        body: "They have been told. If anyone was waiting, the place is offered to them.",
      });
    },
    {
      authorize: async ({ intent }) => {
        const capability = typeof intent === "string" && Object.hasOwn(needs, intent) ? needs[intent as RegistrationsInput["intent"]] : "viewRegistrations";
        await authorizeEvent(user, { slug }, capability);
      },
    },
  );
}

type NeedsShown = Awaited<ReturnType<typeof showNeeds>>;

export default function RegistrationsRoute() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const location = useLocation();
  const shown = reply && "needs" in reply ? (reply.needs as NeedsShown) : null;
  const errors = summaryFromReply(reply, {});
  const { event, counts } = page;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <Link className="govuk-back-link" to={`/events/${event.slug}/manage`}>
          Manage the event
        </Link>
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{event.title}</span>
        <h1 className="govuk-heading-l">Registrations</h1>
        <p className="govuk-body">
          {event.when}. {counts.confirmed + counts.offered} of {event.capacity} places taken.
        </p>

        <ul className="govuk-list">
          {STATUS_ORDER.map((status) => (
            <li key={status}>
              {STATUS_LABELS[status]}: <strong>{counts[status]}</strong>
            </li>
          ))}
        </ul>

        {page.confirmCancel ? (
          <Form method="post" className="govuk-!-margin-bottom-6">
            <h2 className="govuk-heading-m">Cancel {page.confirmCancel.name}&apos;s registration?</h2>
            <p className="govuk-body">They will be told. If anyone is waiting, the place is offered to them.</p>
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="registrationId" value={page.confirmCancel.id} />
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                Yes, cancel it
              </button>
              <Link className="govuk-link" to={location.pathname}>
                No, keep it
              </Link>
            </div>
          </Form>
        ) : null}

        <Form method="get" className="nettle-inline-fields">
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="status">
              Status
            </label>
            <select className="govuk-select" id="status" name="status" defaultValue={page.filter.status}>
              <option value="">Any</option>
              {STATUS_ORDER.map((status) => (
                <option key={status} value={status}>
                  {STATUS_LABELS[status]}
                </option>
              ))}
            </select>
          </div>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="q">
              Name
            </label>
            <input className="govuk-input" id="q" name="q" type="search" defaultValue={page.filter.q} spellCheck={false} />
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Filter
          </button>
        </Form>

        <table className="govuk-table nettle-table-stack">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {page.total} {page.total === 1 ? "registration" : "registrations"}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Status</th>
              <th scope="col" className="govuk-table__header">Challenges chosen</th>
              <th scope="col" className="govuk-table__header">Attended</th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {page.registrations.map((r) => (
              <tr key={r.id} className="govuk-table__row">
                <td className="govuk-table__cell" data-label="Name">
                  {r.name}
                  {r.walkIn ? " (walk-in)" : ""}
                </td>
                <td className="govuk-table__cell" data-label="Status">{STATUS_LABELS[r.status]}</td>
                <td className="govuk-table__cell" data-label="Challenges chosen">{r.choices.length ? r.choices.join("; ") : "No preference"}</td>
                <td className="govuk-table__cell" data-label="Attended">{r.attended ? "Yes" : "No"}</td>
                <td className="govuk-table__cell">
                  {["confirmed", "offered", "waitlisted"].includes(r.status) ? (
                    <Link className="govuk-link" to={`?cancel=${encodeURIComponent(r.id)}`}>
                      Cancel<span className="govuk-visually-hidden"> {r.name}&apos;s registration</span>
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pagination page={page.page} totalPages={page.totalPages} search={new URLSearchParams(location.search)} />

        <h2 className="govuk-heading-m">Dietary and access needs</h2>
        {page.needsDeleted ? (
          <p className="govuk-body">{page.needsDeleted}.</p>
        ) : shown ? (
          shown.rows.length ? (
            <table className="govuk-table nettle-table-stack">
              <caption className="govuk-table__caption govuk-table__caption--s">Only organisers see these. Your viewing is recorded.</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Name</th>
                  <th scope="col" className="govuk-table__header">Dietary needs</th>
                  <th scope="col" className="govuk-table__header">Access needs</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {shown.rows.map((n) => (
                  <tr key={n.registrationId} className="govuk-table__row">
                    <td className="govuk-table__cell" data-label="Name">{n.name} ({STATUS_LABELS[n.status].toLowerCase()})</td>
                    <td className="govuk-table__cell nettle-pre-wrap" data-label="Dietary needs">{n.dietary || "None given"}</td>
                    <td className="govuk-table__cell nettle-pre-wrap" data-label="Access needs">{n.access || "None given"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="govuk-body">Nobody has given any dietary or access needs.</p>
          )
        ) : (
          <Form method="post">
            <p className="govuk-body">Only organisers can see them, and each viewing is recorded. They are deleted 30 days after the event.</p>
            <input type="hidden" name="intent" value="show-needs" />
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Show dietary and access needs
            </button>
          </Form>
        )}

        <h2 className="govuk-heading-m">Download</h2>
        <Form method="post" action={`/events/${event.slug}/registrations.csv`} reloadDocument>
          <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4" data-module="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id="includeNeeds" name="includeNeeds" type="checkbox" value="yes" />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="includeNeeds">
                Include dietary and access needs (your download is recorded)
              </label>
            </div>
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Download registrations (CSV)
          </button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/events/${event.slug}/figures`}>
            Event figures
          </Link>
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Registrations – ${data.event.title} – Nettle` : "Event not found – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

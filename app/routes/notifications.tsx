import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { summaryFromReply } from "~/components/use-form";
import { listNotifications, markAllRead, markRead } from "~/models/notifications/notifications.server";
import { notificationsForm } from "~/models/notifications/schemas";
import { requireUser, safeRedirect } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// The notification centre: newest first, unread ones marked, each marked as read with a button
// (a form, so it works without JavaScript and no link changes anything).

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = Math.min(10_000, Math.max(1, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1));
  return listNotifications(user, page);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const back = safeRedirect(`/notifications${url.search}`, "/notifications");
  return formAction(request, notificationsForm, async (form) => {
    if (form.intent === "read") {
      await markRead(user, form.id);
      return redirectWithFlash(back, { kind: "success", title: "Marked as read" });
    }
    const count = await markAllRead(user);
    return redirectWithFlash(back, { kind: "success", title: count === 0 ? "Nothing was unread" : "All notifications are marked as read" });
  });
}

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

export default function Notifications() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [search] = useSearchParams();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryFromReply(reply, { id: "form" })} />
        <h1 className="govuk-heading-l">Notifications</h1>
        <p className="govuk-body">
          {page.unread === 0 ? "You have no unread notifications." : page.unread === 1 ? "You have 1 unread notification." : `You have ${page.unread} unread notifications.`}{" "}
          <Link className="govuk-link" to="/account/notifications">
            Choose which notifications you get
          </Link>
        </p>
        {page.unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Mark all as read
            </button>
          </Form>
        ) : null}
        {page.items.length === 0 ? (
          <p className="govuk-body">Nothing yet. When someone invites you, answers you or a challenge you follow changes, it appears here.</p>
        ) : (
          <ul className="govuk-list">
            {page.items.map((item) => (
              <li key={item.id} className={`govuk-!-margin-bottom-6${item.unread ? " nettle-notification--unread" : ""}`}>
                <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                  {item.unread ? (
                    <>
                      <strong className="govuk-tag govuk-tag--blue">Unread</strong>{" "}
                    </>
                  ) : null}
                  <Link className="govuk-link" to={item.href}>
                    {item.title}
                  </Link>
                </h2>
                {item.body ? <p className="govuk-body govuk-!-margin-bottom-1 nettle-pre-wrap">{item.body}</p> : null}
                <p className="govuk-body-s govuk-!-margin-bottom-1">{when.format(new Date(item.createdAt))}</p>
                {item.unread ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={item.id} />
                    <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                      Mark as read<span className="govuk-visually-hidden"> – {item.title}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <Pagination page={page.page} totalPages={page.totalPages} search={search} />
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && data.unread > 0 ? `Notifications (${data.unread} unread) – Nettle` : "Notifications – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { TableHead } from "~/components/table-head";
import { summaryFromReply } from "~/components/use-form";
import { listSessions, revokeSession, signOutOtherDevices } from "~/models/accounts/account.server";
import { sessionsForm } from "~/models/accounts/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { sessions: await listSessions(user, user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return formAction(request, sessionsForm, async (form) => {
    if (form.intent === "revoke") {
      await revokeSession(user, form.sessionId ?? "");
      return redirectWithFlash("/account/sessions", { kind: "success", title: "That device is signed out" });
    }
    const count = await signOutOtherDevices(user, user.id);
    return redirectWithFlash("/account/sessions", {
      kind: "success",
      title:
        count === 0
          ? "You were not signed in anywhere else"
          : `Signed out of ${count === 1 ? "1 other device" : `${count} other devices`}`,
    });
  });
}

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

export default function Sessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const others = sessions.filter((session) => !session.current).length;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <Link className="govuk-back-link" to="/account">
          Back to your account
        </Link>
        <ErrorSummary errors={summaryFromReply(reply)} />
        <h1 className="govuk-heading-l">Where you are signed in</h1>
        <p className="govuk-body">If you see a device you do not recognise, sign it out and change your password.</p>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">
            Your signed-in devices
          </caption>
          <TableHead columns={["Device", "Signed in", "Last used", { hidden: "Action" }]} />
          <tbody className="govuk-table__body">
            {sessions.map((session) => (
              <tr className="govuk-table__row" key={session.id}>
                <td className="govuk-table__cell">
                  {session.device}
                  {session.current ? (
                    <strong className="govuk-tag govuk-tag--green govuk-!-margin-left-2">This device</strong>
                  ) : null}
                </td>
                <td className="govuk-table__cell">{when.format(new Date(session.createdAt))}</td>
                <td className="govuk-table__cell">{when.format(new Date(session.lastSeenAt))}</td>
                <td className="govuk-table__cell">
                  {session.current ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="sessionId" value={session.id} />
                      <button
                        type="submit"
                        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        data-module="govuk-button"
                      >
                        Sign out<span className="govuk-visually-hidden"> {session.device}</span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {others > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="others" />
            <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
              Sign out everywhere else
            </button>
          </Form>
        ) : (
          <p className="govuk-body">You are not signed in anywhere else.</p>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Where you are signed in – Nettle" }];

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <p className="govuk-body">
            That session has ended already.{" "}
            <Link className="govuk-link" to="/account/sessions">
              See where you are signed in
            </Link>
            .
          </p>
        ),
      }}
    />
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { summaryFromReply } from "~/components/use-form";
import { notificationPreferences, saveNotificationPreferences } from "~/models/notifications/notifications.server";
import { preferencesForm } from "~/models/notifications/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// Which notifications a person gets, kind by kind: in Nettle, by email, both or neither.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { kinds: await notificationPreferences(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return formAction(request, preferencesForm, async (input) => {
    await saveNotificationPreferences(user, input);
    return redirectWithFlash("/account/notifications", { kind: "success", title: "Your notification settings are saved" });
  });
}

export default function NotificationSettings() {
  const { kinds } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/account">
          Your account
        </Link>
        <ErrorSummary errors={summaryFromReply(reply, { inApp: "form", email: "form" })} />
        <h1 className="govuk-heading-l">Notification settings</h1>
        <p className="govuk-body">
          Choose how you hear about each kind of news. Every email also has a link back to this page.{" "}
          <Link className="govuk-link" to="/notifications">
            See your notifications
          </Link>
        </p>
        <Form method="post">
          {kinds.map((k) => {
            const id = k.kind.replace(/\W+/g, "-");
            return (
              <div className="govuk-form-group" key={k.kind}>
                <fieldset className="govuk-fieldset">
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{k.label}</legend>
                  <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    <div className="govuk-checkboxes__item">
                      <input className="govuk-checkboxes__input" id={`inApp-${id}`} name="inApp" type="checkbox" value={k.kind} defaultChecked={k.inApp} />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={`inApp-${id}`}>
                        In Nettle
                      </label>
                    </div>
                    {k.emailChosenAt ? null : (
                      <div className="govuk-checkboxes__item">
                        <input className="govuk-checkboxes__input" id={`email-${id}`} name="email" type="checkbox" value={k.kind} defaultChecked={k.email} />
                        <label className="govuk-label govuk-checkboxes__label" htmlFor={`email-${id}`}>
                          By email
                        </label>
                      </div>
                    )}
                  </div>
                  {k.emailChosenAt ? (
                    <p className="govuk-body-s govuk-!-margin-top-2">
                      Emails about these are chosen for each search on{" "}
                      <Link className="govuk-link" to={k.emailChosenAt}>
                        your saved searches
                      </Link>
                      .
                    </p>
                  ) : null}
                </fieldset>
              </div>
            );
          })}
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Save settings
          </button>
        </Form>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Notification settings – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

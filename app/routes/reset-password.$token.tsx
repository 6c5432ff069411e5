import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import { resetPasswordFormChecked } from "~/models/accounts/password-rules.server";
import { emptyForm, PASSWORD_HINT, resetPasswordForm } from "~/models/accounts/schemas";
import { findTokenUser, resetPasswordWithToken } from "~/models/accounts/user-token.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";
import { destroySession } from "~/services/session.server";

// An unknown, used or expired link: the page says so (410 Gone) and offers a new one.
const expired = () => data({ valid: false as const }, { status: 410 });

export async function loader({ params }: LoaderFunctionArgs) {
  const user = await findTokenUser(params.token ?? "", "reset_password");
  if (!user) return expired();
  return { valid: true as const, email: user.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  // A dead link is answered 410 whatever was typed (once the body has passed the boundary's checks).
  if (!(await findTokenUser(token, "reset_password"))) return formAction(request, emptyForm, async () => expired());
  return formAction(request, resetPasswordFormChecked, async ({ password }) => {
    if (!(await resetPasswordWithToken(token, password))) return expired();
    return redirectWithFlash(
      "/signin",
      {
        kind: "success",
        title: "Your password has been changed",
        body: "Sign in with your new password. We have signed you out on all your other devices.",
      },
      { "Set-Cookie": await destroySession(request) },
    );
  });
}

export default function ResetPassword() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useNettleForm(resetPasswordForm, { lastResult: result });

  if (!loaded.valid || (result && "valid" in result)) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">This link has expired or been used</h1>
          <p className="govuk-body">Links to reset your password work for 1 hour, and only once.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/forgot-password">
              Get a new link
            </Link>{" "}
            to reset your password.
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryErrors(form)} />
        <h1 className="govuk-heading-l">Choose a new password</h1>
        {loaded.email ? (
          <p className="govuk-body">
            For your Nettle account <strong>{loaded.email}</strong>.
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)}>
          {/* Lets password managers save the new password against the right account. */}
          {loaded.email ? (
            <input type="email" name="username" autoComplete="username" value={loaded.email} readOnly hidden />
          ) : null}
          <TextField field={fields.password} type="password" label="New password" hint={PASSWORD_HINT} autoComplete="new-password" />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Change password
          </button>
        </Form>
        <p className="govuk-body">Changing your password signs you out of Nettle on all your devices.</p>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Choose a new password – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

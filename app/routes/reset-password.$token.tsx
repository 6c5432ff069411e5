import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PASSWORD_HINT } from "~/models/platform/fields";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/forms";
import { findTokenUser, resetPasswordWithToken } from "~/models/accounts/user-token.server";
import { redirectWithFlash } from "~/services/flash.server";
import { fieldErrors, readForm } from "~/services/form.server";
import { PASSWORD_MAX_LENGTH, passwordProblem } from "~/services/password.server";
import { destroySession } from "~/services/session.server";

const schema = z.object({
  password: z
    .string({ required_error: "Enter a new password" })
    .min(1, "Enter a new password")
    .max(PASSWORD_MAX_LENGTH, `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`),
});

// An unknown, used or expired link: the page says so (410 Gone) and offers a new one.
const expired = () => data({ valid: false as const }, { status: 410 });

export async function loader({ params }: LoaderFunctionArgs) {
  const user = await findTokenUser(params.token ?? "", "reset_password");
  if (!user) return expired();
  return { valid: true as const, email: user.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const form = await readForm(request);
  const user = await findTokenUser(token, "reset_password");
  if (!user) return expired();

  const parsed = schema.safeParse({ password: form.get("password") ?? undefined });
  const problem = parsed.success
    ? passwordProblem(parsed.data.password, { email: user.email ?? undefined, name: user.displayName })
    : null;
  if (!parsed.success || problem) {
    const errors = parsed.success ? { password: problem ?? "" } : fieldErrors(parsed.error);
    return data({ valid: true as const, errors }, { status: 400 });
  }

  if (!(await resetPasswordWithToken(token, parsed.data.password))) return expired();
  return redirectWithFlash(
    "/signin",
    {
      kind: "success",
      title: "Your password has been changed",
      body: "Sign in with your new password. We have signed you out on all your other devices.",
    },
    { "Set-Cookie": await destroySession(request) },
  );
}

export default function ResetPassword() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();

  if (!loaded.valid || result?.valid === false) {
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

  const errors = result && "errors" in result ? result.errors : undefined;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Choose a new password</h1>
        {loaded.email ? (
          <p className="govuk-body">
            For your Nettle account <strong>{loaded.email}</strong>.
          </p>
        ) : null}
        <Form method="post" noValidate>
          {/* Lets password managers save the new password against the right account. */}
          {loaded.email ? (
            <input type="email" name="username" autoComplete="username" value={loaded.email} readOnly hidden />
          ) : null}
          <TextField
            name="password"
            type="password"
            label="New password"
            hint={PASSWORD_HINT}
            autoComplete="new-password"
            error={errors?.password}
          />
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

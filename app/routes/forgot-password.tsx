import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import { forgotPasswordForm } from "~/models/accounts/schemas";
import { requestPasswordReset } from "~/models/accounts/user-token.server";
import { enforceRateLimit } from "~/models/platform/rate-limit.server";
import { formAction } from "~/services/form.server";

export async function loader() {
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  return formAction(request, forgotPasswordForm, async ({ email }) => {
    await enforceRateLimit(request, context, "reset", email);
    await requestPasswordReset(email);
    // The same answer whether or not the address has an account.
    return { sent: true as const, email };
  });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const [form, fields] = useNettleForm(forgotPasswordForm, { lastResult: result });

  if (result && "sent" in result) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Check your email</h1>
          <p className="govuk-body">
            If an account exists for <strong>{result.email}</strong>, we have sent a link to reset your password.
          </p>
          <p className="govuk-body">
            The link works for 1 hour. It can take a few minutes to arrive; check your spam folder too.
          </p>
          <p className="govuk-body">
            If you do not get an email, check you typed your address correctly and{" "}
            <Link className="govuk-link" to="/forgot-password">
              try again
            </Link>
            .
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryErrors(form)} />
        <h1 className="govuk-heading-l">Reset your password</h1>
        <p className="govuk-body">
          Enter the email address you use for Nettle. We will send you a link to choose a new password.
        </p>
        <Form method="post" {...getFormProps(form)}>
          <TextField field={fields.email} type="email" label="Email address" autoComplete="email" spellCheck={false} />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Send link
          </button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/signin">
            Back to sign in
          </Link>
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Reset your password – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

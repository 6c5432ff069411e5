import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { emailAddress } from "~/models/platform/fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/forms";
import { requestPasswordReset } from "~/models/accounts/user-token.server";
import { fieldErrors, keepValues, readForm } from "~/services/form.server";
import { enforceRateLimit } from "~/models/platform/rate-limit.server";

const schema = z.object({
  email: emailAddress(),
});

export async function loader() {
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = schema.safeParse({ email: form.get("email") ?? undefined });
  if (!parsed.success) {
    return data({ sent: false as const, errors: fieldErrors(parsed.error), values: keepValues(form) }, { status: 400 });
  }
  await enforceRateLimit(request, context, "reset", parsed.data.email);
  await requestPasswordReset(parsed.data.email);
  // The same answer whether or not the address has an account.
  return data({ sent: true as const, email: parsed.data.email });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();

  if (result?.sent) {
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

  const errors = result?.errors;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Reset your password</h1>
        <p className="govuk-body">
          Enter the email address you use for Nettle. We will send you a link to choose a new password.
        </p>
        <Form method="post" noValidate>
          <TextField
            name="email"
            type="email"
            label="Email address"
            autoComplete="email"
            error={errors?.email}
            defaultValue={result?.values.email}
            spellCheck={false}
          />
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

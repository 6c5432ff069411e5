import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PASSWORD_HINT } from "~/models/platform/fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios, TextField } from "~/components/forms";
import { participantKindOptions } from "~/models/accounts/participant-kinds";
import { signUp, signUpInput } from "~/models/accounts/user.server";
import { requireAnonymous, safeRedirect } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { fieldErrors, keepValues, readForm } from "~/services/form.server";
import { enforceRateLimit } from "~/models/platform/rate-limit.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  // Where to go once the account is confirmed (an invitation, say): carried through the email.
  return { redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const form = await readForm(request);
  const email = String(form.get("email") ?? "").slice(0, 254);
  const checkYourEmail = () =>
    redirectWithFlash("/check-your-email", {
      kind: "info",
      title: "Check your email",
      placement: "page",
      body: `We have sent a message to ${email.trim().toLowerCase()}. Follow the link in it to confirm your address.`,
    });
  // A bot fills every field, including one people never see: it gets the same answer.
  if (String(form.get("website") ?? "") !== "") return checkYourEmail();

  const parsed = signUpInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error), values: keepValues(form) }, { status: 400 });
  }
  // Counted only now: a form sent back with a typo creates nothing and sends nothing.
  await enforceRateLimit(request, context, "signup", parsed.data.email);
  await signUp(parsed.data, { next: safeRedirect(form.get("redirectTo"), "") || undefined });
  return checkYourEmail();
}

const kinds = [...participantKindOptions];

export default function SignUp() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && "errors" in result ? result.errors : undefined;
  const values = result && "values" in result ? result.values : {};
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Create an account</h1>
        <p className="govuk-body">
          Already have one?{" "}
          <Link className="govuk-link" to={redirectTo ? `/signin?redirectTo=${encodeURIComponent(redirectTo)}` : "/signin"}>
            Sign in
          </Link>
          .
        </p>
        <Form method="post" noValidate>
          {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
          <TextField name="displayName" label="Your name" hint="Shown to people you work with on Nettle" autoComplete="name" error={errors?.displayName} defaultValue={values.displayName} spellCheck={false} />
          <TextField name="email" type="email" label="Email address" autoComplete="email" error={errors?.email} defaultValue={values.email} spellCheck={false} />
          <Radios name="kind" legend="Which describes you best?" options={kinds} error={errors?.kind} defaultValue={values.kind} />
          <TextField
            name="password"
            type="password"
            label="Create a password"
            hint={PASSWORD_HINT}
            autoComplete="new-password"
            error={errors?.password}
          />
          <div className="nettle-honeypot" aria-hidden="true">
            <label htmlFor="website">Leave this empty</label>
            <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
          </div>
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Create account
          </button>
        </Form>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Create an account – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

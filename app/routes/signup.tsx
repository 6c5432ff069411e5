import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios, TextField } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import { participantKindOptions } from "~/models/accounts/participant-kinds";
import { signUpFormChecked } from "~/models/accounts/password-rules.server";
import { PASSWORD_HINT, signUpForm } from "~/models/accounts/schemas";
import { signUp } from "~/models/accounts/user.server";
import { enforceRateLimit } from "~/models/platform/rate-limit.server";
import { requireAnonymous, safeRedirect } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  // Where to go once the account is confirmed (an invitation, say): carried through the email.
  return { redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  return formAction(request, signUpFormChecked, async (form) => {
    const checkYourEmail = () =>
      redirectWithFlash("/check-your-email", {
        kind: "info",
        title: "Check your email",
        placement: "page",
        body: `We have sent a message to ${form.email}. Follow the link in it to confirm your address.`,
      });
    // A bot fills every field, including one people never see: it gets the same answer.
    if (form.website) return checkYourEmail();
    // Counted only now: a form sent back with a typo creates nothing and sends nothing.
    await enforceRateLimit(request, context, "signup", form.email);
    await signUp(form, { next: safeRedirect(form.redirectTo, "") || undefined });
    return checkYourEmail();
  });
}

const kinds = [...participantKindOptions];

export default function SignUp() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const [form, fields] = useNettleForm(signUpForm, { lastResult: useActionData<typeof action>() });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryErrors(form)} />
        <h1 className="govuk-heading-l">Create an account</h1>
        <p className="govuk-body">
          Already have one?{" "}
          <Link className="govuk-link" to={redirectTo ? `/signin?redirectTo=${encodeURIComponent(redirectTo)}` : "/signin"}>
            Sign in
          </Link>
          .
        </p>
        <Form method="post" {...getFormProps(form)}>
          {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
          <TextField field={fields.displayName} label="Your name" hint="Shown to people you work with on Nettle" autoComplete="name" spellCheck={false} />
          <TextField field={fields.email} type="email" label="Email address" autoComplete="email" spellCheck={false} />
          <Radios field={fields.kind} legend="Which describes you best?" options={kinds} />
          <TextField field={fields.password} type="password" label="Create a password" hint={PASSWORD_HINT} autoComplete="new-password" />
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

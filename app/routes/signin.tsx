import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/forms";
import { authenticator, requireAnonymous, safeRedirect, SignInError } from "~/services/auth.server";
import { githubSignInEnabled } from "~/models/accounts/github-sign-in.server";
import { readForm } from "~/services/form.server";
import { enforceRateLimit } from "~/models/platform/rate-limit.server";
import { createSession } from "~/services/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const url = new URL(request.url);
  return { redirectTo: safeRedirect(url.searchParams.get("redirectTo"), ""), github: githubSignInEnabled() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const form = await readForm(request.clone());
  const email = String(form.get("email") ?? "").slice(0, 254);
  const values = { email, redirectTo: String(form.get("redirectTo") ?? "") };
  await enforceRateLimit(request, context, "signin", email || undefined);
  // Decided before the session exists, so no target can fail after someone is signed in.
  const to = safeRedirect(form.get("redirectTo"));
  try {
    const userId = await authenticator.authenticate("password", request);
    return redirect(to, { headers: { "Set-Cookie": await createSession(userId, request) } });
  } catch (error) {
    if (error instanceof SignInError) {
      // One message for a wrong password and an unknown address, so neither gives anything away.
      return data({ errors: { email: error.message }, values }, { status: 400 });
    }
    throw error;
  }
}

export default function SignIn() {
  const { redirectTo, github } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={result?.errors} />
        <h1 className="govuk-heading-l">Sign in</h1>
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={result?.values.redirectTo ?? redirectTo} />
          <TextField name="email" type="email" label="Email address" autoComplete="email" error={result?.errors.email} defaultValue={result?.values.email} spellCheck={false} />
          <TextField name="password" type="password" label="Password" autoComplete="current-password" />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Sign in
          </button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/forgot-password">Forgotten your password?</Link>
        </p>
        {github ? (
          <Form method="post" action="/auth/github" reloadDocument>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Sign in with GitHub
            </button>
          </Form>
        ) : null}
        <h2 className="govuk-heading-m">New to Nettle?</h2>
        <p className="govuk-body">
          <Link className="govuk-link" to={redirectTo ? `/signup?redirectTo=${encodeURIComponent(redirectTo)}` : "/signup"}>
            Create an account
          </Link>{" "}
          to offer your skills, post a challenge for your
          council or organise a hub.
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Sign in – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

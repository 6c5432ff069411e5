import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import { githubSignInEnabled } from "~/models/accounts/github-sign-in.server";
import { signInForm } from "~/models/accounts/schemas";
import { signInWithPassword } from "~/models/accounts/sign-in.server";
import { enforceRateLimit } from "~/models/platform/rate-limit.server";
import { requireAnonymous, safeRedirect } from "~/services/auth.server";
import { formAction } from "~/services/form.server";
import { createSession } from "~/services/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const url = new URL(request.url);
  return { redirectTo: safeRedirect(url.searchParams.get("redirectTo"), ""), github: githubSignInEnabled() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  return formAction(request, signInForm, async (form) => {
    // Every attempt counts, well-formed or not: the limit protects against guessing.
    await enforceRateLimit(request, context, "signin", form.email?.slice(0, 254) || undefined);
    // Decided before the session exists, so no target can fail after someone is signed in.
    const to = safeRedirect(form.redirectTo);
    const userId = await signInWithPassword(form);
    return redirect(to, { headers: { "Set-Cookie": await createSession(userId, request) } });
  });
}

export default function SignIn() {
  const { redirectTo, github } = useLoaderData<typeof loader>();
  const [form, fields] = useNettleForm(signInForm, { lastResult: useActionData<typeof action>() });
  const keptRedirect = fields.redirectTo.initialValue;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryErrors(form)} />
        <h1 className="govuk-heading-l">Sign in</h1>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={typeof keptRedirect === "string" ? keptRedirect : redirectTo} />
          <TextField field={fields.email} type="email" label="Email address" autoComplete="email" spellCheck={false} />
          <TextField field={fields.password} type="password" label="Password" autoComplete="current-password" />
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

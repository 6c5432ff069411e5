import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { GitHubNotSetUp } from "~/components/github-not-set-up";
import { requireGitHubSignIn, startGitHubSignIn } from "~/models/accounts/github-sign-in.server";
import { githubStartForm } from "~/models/accounts/schemas";
import { enforceRateLimit } from "~/models/platform/rate-limit.server";
import { getUser, safeRedirect } from "~/services/auth.server";
import { formAction } from "~/services/form.server";

// Starts "Sign in with GitHub" (intent=signin) or "Link GitHub" (intent=link). Only a POST
// starts it; a GET shows the button, so following a link never begins a sign-in.

export async function loader({ request }: LoaderFunctionArgs) {
  requireGitHubSignIn();
  if (await getUser(request)) throw redirect("/account");
  const url = new URL(request.url);
  return { redirectTo: safeRedirect(url.searchParams.get("redirectTo"), "/") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireGitHubSignIn();
  return formAction(request, githubStartForm, async (form) => {
    const user = await getUser(request);
    if (form.intent === "link") {
      if (!user) throw redirect(`/signin?redirectTo=${encodeURIComponent("/account")}`);
      return startGitHubSignIn(request, {
        intent: "link",
        userId: user.id,
        redirectTo: safeRedirect(form.redirectTo, "/account"),
      });
    }
    const redirectTo = safeRedirect(form.redirectTo, "/");
    if (user) throw redirect(redirectTo);
    await enforceRateLimit(request, context, "signin");
    return startGitHubSignIn(request, { intent: "signin", redirectTo });
  });
}

export default function StartGitHubSignIn() {
  const { redirectTo } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sign in with GitHub</h1>
        <p className="govuk-body">
          GitHub will ask you to let Nettle see your GitHub username, name and email addresses. Nettle does not get
          access to your repositories.
        </p>
        <Form method="post" reloadDocument>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Continue to GitHub
          </button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/signin">
            Sign in with your email address instead
          </Link>
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Sign in with GitHub – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={{ 404: () => <GitHubNotSetUp /> }} />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { GitHubNotSetUp } from "~/components/github-not-set-up";
import { safeRedirect } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import {
  clearGitHubFlowCookies,
  finishGitHubSignIn,
  readGitHubFlow,
  requireGitHubSignIn,
} from "~/models/accounts/github-sign-in.server";
import { createSession } from "~/services/session.server";

// Where GitHub sends the person back: /auth/github/callback. The `_` in the file name keeps it
// out of the /auth/github page's layout, whose loader would otherwise run too. Every outcome
// is a redirect or a page that explains what happened; the state and flow cookies are
// cleared either way.

export async function loader({ request }: LoaderFunctionArgs) {
  requireGitHubSignIn();
  const url = new URL(request.url);
  const flow = await readGitHubFlow(request);
  const linking = flow?.intent === "link";
  const headers = new Headers();
  for (const cookie of await clearGitHubFlowCookies()) headers.append("Set-Cookie", cookie);

  const error = url.searchParams.get("error");
  if (error === "access_denied") {
    return redirectWithFlash(
      linking ? "/account" : "/signin",
      {
        kind: "info",
        title: "You did not give Nettle access to your GitHub account",
        body: linking
          ? "Your account is not linked to GitHub."
          : "You can sign in with your email address and password instead.",
      },
      headers,
    );
  }
  const failure = (status: number, message: string) => data({ linking, message }, { status, headers });
  if (error) {
    const description = url.searchParams.get("error_description")?.slice(0, 300);
    return failure(
      400,
      `GitHub could not ${linking ? "link your account" : "sign you in"}${description ? `: ${description}` : ` (${error.slice(0, 50)})`}.`,
    );
  }
  if (!url.searchParams.get("code") || !url.searchParams.get("state")) {
    return failure(400, "This page is only for coming back from GitHub. Start again from the sign-in page.");
  }

  const finished = await finishGitHubSignIn(request);
  if (!("userId" in finished)) return failure(finished.status, finished.message);
  if (linking) {
    return redirectWithFlash(
      safeRedirect(flow.redirectTo, "/account"),
      { kind: "success", title: "Your GitHub account is linked" },
      headers,
    );
  }
  headers.append("Set-Cookie", await createSession(finished.userId, request));
  return redirectWithFlash(safeRedirect(flow?.redirectTo, "/"), { kind: "success", title: "You are signed in with GitHub" }, headers);
}

export default function GitHubCallback() {
  const { linking, message } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">
          {linking ? "Your GitHub account was not linked" : "You could not sign in with GitHub"}
        </h1>
        <p className="govuk-body">{message}</p>
        {linking ? (
          <p className="govuk-body">
            <Link className="govuk-link" to="/account">
              Go back to your account settings
            </Link>
          </p>
        ) : (
          <ul className="govuk-list">
            <li>
              <Link className="govuk-link" to="/signin">
                Sign in with your email address and password
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to="/auth/github">
                Try signing in with GitHub again
              </Link>
            </li>
          </ul>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "GitHub sign-in – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={{ 404: () => <GitHubNotSetUp /> }} />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { confirmEmailForm } from "~/models/accounts/schemas";
import { confirmEmailWithToken, peekUserToken } from "~/models/accounts/user-token.server";
import { safeRedirect } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";
import { getSession } from "~/services/session.server";

// Opening the link only shows a button: mail scanners follow links in messages, and a GET
// must not use the link up on the person's behalf.

const expired = () => data({ valid: false as const }, { status: 410 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!(await peekUserToken(params.token ?? "", "verify_email"))) return expired();
  const next = safeRedirect(new URL(request.url).searchParams.get("next"), "");
  return next ? { valid: true as const, next } : { valid: true as const };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return formAction(request, confirmEmailForm, async (form) => {
    const next = safeRedirect(form.next, "");
    const userId = await confirmEmailWithToken(params.token ?? "");
    if (!userId) return expired();
    // The link may be opened in a browser that is not signed in (another device, say).
    const signedIn = (await getSession(request))?.userId === userId;
    return signedIn
      ? redirectWithFlash(next || "/account", { kind: "success", title: "Your email address is confirmed" })
      : redirectWithFlash(next ? `/signin?redirectTo=${encodeURIComponent(next)}` : "/signin", {
          kind: "success",
          title: "Your email address is confirmed",
          body: next.startsWith("/invitations/") ? "Sign in to accept your invitation." : "Sign in to carry on.",
        });
  });
}

export default function ConfirmEmail() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();

  if (!loaded.valid || (result && "valid" in result && result.valid === false)) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">This link has expired or been used</h1>
          <p className="govuk-body">Links to confirm your email address work for 24 hours, and only once.</p>
          <p className="govuk-body">
            If you have already confirmed your address, you can{" "}
            <Link className="govuk-link" to="/signin">
              sign in
            </Link>
            .
          </p>
          <p className="govuk-body">
            Otherwise,{" "}
            <Link className="govuk-link" to="/verify-email">
              get a new link
            </Link>{" "}
            (you will be asked to sign in first).
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Confirm your email address</h1>
        <p className="govuk-body">Select the button to confirm this is your email address for Nettle.</p>
        <Form method="post">
          {"next" in loaded && loaded.next ? <input type="hidden" name="next" value={loaded.next} /> : null}
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Confirm email address
          </button>
        </Form>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Confirm your email address – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

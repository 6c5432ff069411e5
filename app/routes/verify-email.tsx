import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { emptyForm } from "~/models/accounts/schemas";
import { resendVerificationEmail } from "~/models/accounts/user-token.server";
import { enforceRateLimit } from "~/models/platform/rate-limit.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (user.emailVerifiedAt || !user.email) throw redirect("/");
  return { email: user.email };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const email = user.email;
  if (user.emailVerifiedAt || !email) throw redirect("/");
  return formAction(request, emptyForm, async () => {
    await enforceRateLimit(request, context, "verify", email);
    await resendVerificationEmail(user, user.id);
    return redirectWithFlash("/verify-email", {
      kind: "success",
      title: "We have sent you a new link",
      body: `Check your email at ${email}. Links you were sent before no longer work.`,
    });
  });
}

export default function VerifyEmail() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Confirm your email address</h1>
        <p className="govuk-body">
          We sent a link to <strong>{email}</strong>. Follow the link to confirm your address before you carry on.
        </p>
        <p className="govuk-body">
          The link works for 24 hours. It can take a few minutes to arrive; check your spam folder too.
        </p>
        <h2 className="govuk-heading-m">Not got the email?</h2>
        <p className="govuk-body">We can send you a new link. Links we sent before will stop working.</p>
        <Form method="post">
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Send a new link
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

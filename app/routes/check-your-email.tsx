import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { readFlash } from "~/services/flash.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { flash, clear } = await readFlash(request);
  return data({ message: flash?.body ?? null }, clear ? { headers: { "Set-Cookie": clear } } : undefined);
}

export default function CheckYourEmail() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Check your email</h1>
        <p className="govuk-body">{message ?? "We have sent you a message. Follow the link in it to continue."}</p>
        <p className="govuk-body">The link works for 24 hours. It can take a few minutes to arrive; check your spam folder too.</p>
        <h2 className="govuk-heading-m">Already have an account?</h2>
        <p className="govuk-body">
          If you already had an account with that address, the message tells you how to{" "}
          <Link className="govuk-link" to="/signin">sign in</Link> or{" "}
          <Link className="govuk-link" to="/forgot-password">reset your password</Link>.
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Check your email – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

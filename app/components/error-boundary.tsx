import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { ErrorResponse } from "@remix-run/react";
import type { ReactNode } from "react";
import { FEEDBACK_URL } from "~/components/layout/phase-banner";

type StatusHandler = (error: ErrorResponse) => ReactNode;

/** Page headings for the statuses Nettle shows its own page for (GOV.UK error page patterns). */
const titles: Record<number, string> = {
  400: "Sorry, Nettle could not use what was sent",
  401: "You need to sign in to view this page",
  403: "You do not have permission to do this",
  404: "Page not found",
  410: "This link has expired or been used",
  429: "Please wait before trying again",
  503: "Sorry, the service is unavailable",
};
const SERVER_ERROR_TITLE = "Sorry, there is a problem with the service";

/** Heading of the error page, also used for `<title>` by the meta functions of routes. */
export function errorTitle(error: unknown): string {
  if (isRouteErrorResponse(error)) return titles[error.status] ?? SERVER_ERROR_TITLE;
  return SERVER_ERROR_TITLE;
}

const defaultHandlers: Record<number, StatusHandler> = {
  401: () => (
    <p className="govuk-body">
      <Link className="govuk-link" to="/">
        Go to the Nettle home page
      </Link>{" "}
      and sign in to continue.
    </p>
  ),
  // requirePermission() throws a 403 whose body says what would be needed, in words.
  403: (error) => (
    <>
      <p className="govuk-body">
        {typeof error.data === "string" && error.data.trim() && error.data !== "Forbidden"
          ? error.data
          : "Your account does not have access to this page."}
      </p>
      <p className="govuk-body">If you think you should have access, ask an organiser of your organisation or hub.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to the Nettle home page
        </Link>
      </p>
    </>
  ),
  404: () => (
    <>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p className="govuk-body">
        If the web address is correct or you selected a link or button,{" "}
        <a className="govuk-link" href={FEEDBACK_URL}>
          tell us about the problem
        </a>
        . You can also{" "}
        <Link className="govuk-link" to="/">
          go to the Nettle home page
        </Link>
        .
      </p>
    </>
  ),
  400: (error) => (
    <p className="govuk-body">
      {typeof error.data === "string" && error.data.trim() ? error.data : "Nettle could not understand what was sent."} Go
      back and try again.
    </p>
  ),
  // Each rate limit's 429 says which limit it met and when to try again (rate-limit.server.ts).
  429: (error) => (
    <p className="govuk-body">
      {typeof error.data === "string" && error.data.trim() ? error.data : "Wait a few minutes, then try again."}
    </p>
  ),
  503: () => <p className="govuk-body">You will be able to use the service later.</p>,
};

function serverError() {
  return (
    <>
      <p className="govuk-body">Try again later.</p>
      <p className="govuk-body">If you were sending information, it may not have been saved.</p>
      <p className="govuk-body">
        If the problem continues,{" "}
        <a className="govuk-link" href={FEEDBACK_URL}>
          report it on GitHub
        </a>
        .
      </p>
    </>
  );
}

/**
 * The error page for any route: a heading and guidance chosen by status. Routes can replace the
 * guidance for a status (for example a 404 that says which challenge was not found). Error
 * messages and stack traces are never shown: they may contain data the viewer must not see.
 */
export function GeneralErrorBoundary({ statusHandlers }: { statusHandlers?: Record<number, StatusHandler> }) {
  const error = useRouteError();

  let body: ReactNode;
  if (isRouteErrorResponse(error)) {
    const handler = statusHandlers?.[error.status] ?? defaultHandlers[error.status];
    body = handler ? handler(error) : serverError();
  } else {
    // Unexpected errors are logged by the server; in the browser, keep a trace for developers.
    if (typeof document !== "undefined") console.error(error);
    body = serverError();
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{errorTitle(error)}</h1>
        {body}
      </div>
    </div>
  );
}

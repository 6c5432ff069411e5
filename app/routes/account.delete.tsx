import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/forms";
import { AccountDeletionError, deleteAccount, soleOwnerMessage, soleOwnerships } from "~/models/accounts/privacy.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { readForm } from "~/services/form.server";
import { destroySession } from "~/services/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sole = await soleOwnerships(user.id);
  return {
    email: user.email,
    blocked: sole.length > 0 ? { message: soleOwnerMessage(sole), organisations: sole } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const typed = String(form.get("confirm") ?? "").slice(0, 300);
  const answer = typed.trim().toLowerCase();
  if (answer !== "delete" && (!user.email || answer !== user.email.toLowerCase())) {
    return data(
      { errors: { confirm: "Type your email address or the word delete to confirm" }, values: { confirm: typed } },
      { status: 400 },
    );
  }
  try {
    await deleteAccount(user.id);
  } catch (error) {
    if (error instanceof AccountDeletionError)
      return data({ errors: { confirm: error.message }, values: { confirm: typed } }, { status: 409 });
    throw error;
  }
  return redirectWithFlash(
    "/",
    {
      kind: "success",
      title: "Your account has been deleted",
      body: "Your personal data has been removed from Nettle. Thank you for taking part.",
    },
    { "Set-Cookie": await destroySession(request) },
  );
}

export default function DeleteAccount() {
  const { email, blocked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/account">
          Back to your account
        </Link>
        <ErrorSummary errors={result?.errors} />
        <h1 className="govuk-heading-l">Delete your account</h1>
        <p className="govuk-body">When you delete your account, Nettle removes:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>your name, email address and password</li>
          <li>your linked GitHub account and every device you are signed in on</li>
          <li>your memberships of organisations</li>
          <li>the emails Nettle sent you</li>
        </ul>
        <p className="govuk-body">
          Challenges, projects and other work you contributed stay on Nettle, credited to “former member”, so the people
          you worked with keep their record of it.
        </p>
        <p className="govuk-body">
          You may want to{" "}
          <a className="govuk-link" href="/account/data" download>
            download your data
          </a>{" "}
          first.
        </p>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            You cannot undo this. Nobody, including Nettle’s administrators, can bring your account back.
          </strong>
        </div>
        {blocked ? (
          <div className="govuk-inset-text">
            <p className="govuk-body">{blocked.message}</p>
            <ul className="govuk-list">
              {blocked.organisations.map((org) => (
                <li key={org.slug}>
                  <Link className="govuk-link" to={`/organisations/${org.slug}/members`}>
                    {org.name}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <Form method="post" noValidate>
            <TextField
              name="confirm"
              label="To confirm, type your email address or the word delete"
              hint={email ? `Your email address is ${email}` : undefined}
              error={result?.errors.confirm}
              defaultValue={result?.values.confirm}
              autoComplete="off"
              spellCheck={false}
            />
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                Delete my account
              </button>
              <Link className="govuk-link" to="/account">
                Cancel
              </Link>
            </div>
          </Form>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Delete your account – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import { accountDeletionBlock, deleteAccount } from "~/models/accounts/privacy.server";
import { deleteAccountForm } from "~/models/accounts/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";
import { destroySession } from "~/services/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { email: user.email, blocked: await accountDeletionBlock(user, user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return formAction(request, deleteAccountForm, async ({ confirm }) => {
    await deleteAccount(user, user.id, confirm);
    return redirectWithFlash(
      "/",
      {
        kind: "success",
        title: "Your account has been deleted",
        body: "Your personal data has been removed from Nettle. Thank you for taking part.",
      },
      { "Set-Cookie": await destroySession(request) },
    );
  });
}

export default function DeleteAccount() {
  const { email, blocked } = useLoaderData<typeof loader>();
  const [form, fields] = useNettleForm(deleteAccountForm, { lastResult: useActionData<typeof action>() });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/account">
          Back to your account
        </Link>
        <ErrorSummary errors={summaryErrors(form)} />
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
          <Form method="post" {...getFormProps(form)}>
            <TextField
              field={fields.confirm}
              label="To confirm, type your email address or the word delete"
              hint={email ? `Your email address is ${email}` : undefined}
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

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { findUnsubscribe, unsubscribe } from "~/models/saved-searches/unsubscribe.server";
import { formAction } from "~/services/form.server";

// The link at the foot of every saved-search email. Opening it changes nothing (mail scanners
// open links); the button stops that search's emails, without signing in.

export async function loader({ params }: LoaderFunctionArgs) {
  const search = await findUnsubscribe(params.token ?? "");
  return { name: search.name, emailing: search.emailing };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return formAction(request, z.object({}), async () => ({ stopped: (await unsubscribe(params.token ?? "")).name }), {
    refusalsAsErrorPage: true,
  });
}

export default function Unsubscribe() {
  const { name, emailing } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  if (done && "stopped" in done) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation">
            <h1 className="govuk-panel__title">You are unsubscribed</h1>
            <div className="govuk-panel__body">No more emails about “{done.stopped}”</div>
          </div>
          <p className="govuk-body">
            New results still appear in your notifications on Nettle. To delete the search or hear about it by email
            again,{" "}
            <Link className="govuk-link" to="/account/saved-searches">
              go to your saved searches
            </Link>
            .
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Stop emails about “{name}”</h1>
        {emailing ? (
          <>
            <p className="govuk-body">
              You will no longer get emails about this saved search. New results will still appear in your notifications
              on Nettle.
            </p>
            <Form method="post">
              <button type="submit" className="govuk-button" data-module="govuk-button">
                Unsubscribe
              </button>
            </Form>
          </>
        ) : (
          <p className="govuk-body">You are already unsubscribed: Nettle does not email you about this search.</p>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to="/account/saved-searches">
            Manage all your saved searches
          </Link>{" "}
          (you will be asked to sign in).
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Unsubscribe – Nettle" }];

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <>
            <p className="govuk-body">
              This unsubscribe link is not valid. It may have been copied wrongly, or the saved search has been deleted.
            </p>
            <p className="govuk-body">
              You can stop any saved search’s emails from{" "}
              <Link className="govuk-link" to="/account/saved-searches">
                your saved searches
              </Link>{" "}
              after signing in.
            </p>
          </>
        ),
      }}
    />
  );
}

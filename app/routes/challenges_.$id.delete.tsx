import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { errorTitle, GeneralErrorBoundary } from "~/components/error-boundary";
import { deleteDraft, getDraftForDeletion } from "~/models/challenges/lifecycle.server";
import { deleteDraftForm } from "~/models/challenges/schemas";
import { continueUrl } from "~/models/challenges/wizard";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// Deleting a draft the council no longer wants: a page that asks first (GET never deletes),
// then POST deletes it. Only drafts: once sent for review a challenge can only be withdrawn.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const draft = await getDraftForDeletion(user, params.id ?? "");
  if (draft.kind === "not-a-draft") throw redirect(`/challenges/${draft.id}/review`);
  return {
    title: draft.challenge.title || "Untitled challenge",
    council: draft.council,
    backUrl: continueUrl(draft.challenge),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return formAction(
    request,
    deleteDraftForm,
    async () => {
      const { title, organisationSlug } = await deleteDraft(user, params.id ?? "");
      return redirectWithFlash(`/organisations/${organisationSlug}`, { kind: "success", title: `Draft deleted: ${title}` });
    },
    { refusalsAsErrorPage: true },
  );
}

export default function DeleteDraft() {
  const { title, council, backUrl } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">{council}</span>
        <h1 className="govuk-heading-l">Delete this draft?</h1>
        <p className="govuk-body nettle-user-text">
          <strong>{title}</strong>
        </p>
        <p className="govuk-body">The draft and everything in it will be deleted. You cannot undo this.</p>
        <Form method="post" className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
            Delete draft
          </button>
          <Link className="govuk-link" to={backUrl}>
            No, keep it
          </Link>
        </Form>
      </div>
    </div>
  );
}

export const meta: MetaFunction = ({ error }) => [{ title: error ? `${errorTitle(error)} – Nettle` : "Delete this draft? – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

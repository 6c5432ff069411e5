import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Textarea } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import { authorizeInvite, invitationPage, inviteParticipant } from "~/models/applications/applications.server";
import { INVITATION_DAYS } from "~/models/applications/labels";
import { invitationForm } from "~/models/applications/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// A council member invites a matched person to a challenge, with a message.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return invitationPage(user, params.slug ?? "", params.userId ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  return formAction(
    request,
    invitationForm,
    async (input) => {
      const sent = await inviteParticipant(user, slug, params.userId ?? "", input);
      return redirectWithFlash(`/challenges/${slug}/applications`, {
        kind: "success",
        title: `Invitation sent to ${sent.name}`,
        body: `It stays open for ${INVITATION_DAYS} days.`,
      });
    },
    { authorize: () => authorizeInvite(user, slug) },
  );
}

export default function Invite() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useNettleForm(invitationForm, { lastResult: reply });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/challenges/${page.challenge.slug}/people`}>
          People for this challenge
        </Link>
        <ErrorSummary errors={summaryErrors(form)} />
        <span className="govuk-caption-l">{page.challenge.title}</span>
        <h1 className="govuk-heading-l">Invite {page.person.name}</h1>
        {page.person.headline ? <p className="govuk-body-l">{page.person.headline}</p> : null}
        {page.person.hoursPerWeek ? <p className="govuk-body">Offers {page.person.hoursPerWeek} hours a week.</p> : null}
        {page.existing ? (
          <p className="govuk-body">
            {page.existing.status === "accepted"
              ? `${page.person.name} has already been accepted for this challenge.`
              : page.existing.direction === "interest"
                ? `${page.person.name} has already offered to help.`
                : `${page.person.name} already has an invitation waiting.`}{" "}
            <Link className="govuk-link" to={`/applications/${page.existing.id}`}>
              See it
            </Link>
            .
          </p>
        ) : !page.recruiting ? (
          <p className="govuk-body">This challenge is not looking for people at the moment.</p>
        ) : (
          <Form method="post" {...getFormProps(form)}>
            <Textarea
              field={fields.message}
              label="Your message"
              hint={`Say why you think they would fit and what you hope they could do. The invitation stays open for ${INVITATION_DAYS} days.`}
            />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Send invitation
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Invite ${data.person.name} – ${data.challenge.title} – Nettle` : "Invite someone – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Textarea, TextField } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import { authorizeOffer, expressInterest, interestPage, maxPendingApplications } from "~/models/applications/applications.server";
import { interestForm } from "~/models/applications/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// "I'd like to help": a participant offers to help with a challenge, saying which role they
// would take, with a short note for the council.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { ...(await interestPage(user, params.slug ?? "")), maxPending: maxPendingApplications() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  return formAction(
    request,
    interestForm,
    async (input) => {
      const { id, title } = await expressInterest(user, slug, input);
      return redirectWithFlash(`/applications/${id}`, {
        kind: "success",
        title: "Your offer to help is sent",
        body: `The council behind “${title}” has been told. You will hear when they answer.`,
      });
    },
    { authorize: () => authorizeOffer(user, slug) },
  );
}

export default function OfferHelp() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useNettleForm(interestForm, { lastResult: reply });
  const back = `/challenges/${page.challenge.slug}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={back}>
          {page.challenge.title}
        </Link>
        <ErrorSummary errors={summaryErrors(form)} />
        <span className="govuk-caption-l">{page.challenge.title}</span>
        <h1 className="govuk-heading-l">Offer to help</h1>
        {page.pendingId ? (
          <p className="govuk-body">
            You have already offered to help with this challenge.{" "}
            <Link className="govuk-link" to={`/applications/${page.pendingId}`}>
              See your offer
            </Link>
            .
          </p>
        ) : !page.recruiting ? (
          <p className="govuk-body">This challenge is not looking for people at the moment.</p>
        ) : !page.emailVerified ? (
          <p className="govuk-body">
            <Link className="govuk-link" to="/verify-email">
              Confirm your email address
            </Link>{" "}
            before offering to help.
          </p>
        ) : (
          <>
            <p className="govuk-body">
              {page.challenge.council} will see your note, the role you would take and your profile, and will accept or
              decline your offer. You can have up to {page.maxPending} offers waiting for an answer at once.
            </p>
            <Form method="post" {...getFormProps(form)}>
              <TextField field={fields.role} label="What role would you take?" hint="For example, “GIS analyst” or “data cleaning”" width="two-thirds" />
              <Textarea
                field={fields.message}
                label="A short note to the council"
                hint="What you would bring and how much time you have. Up to 1,000 characters."
              />
              <button type="submit" className="govuk-button" data-module="govuk-button">
                Send offer to help
              </button>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Offer to help – ${data.challenge.title} – Nettle` : "Offer to help – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

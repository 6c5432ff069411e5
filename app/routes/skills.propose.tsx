import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField, Textarea } from "~/components/forms";
import { summaryFromReply, useNettleForm } from "~/components/use-form";
import { enforceRateLimit } from "~/models/platform/rate-limit.server";
import { myProposals, proposeSkill } from "~/models/taxonomy/proposals.server";
import { proposeSkillForm } from "~/models/taxonomy/schemas";
import { requireVerifiedUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

const statusWords = { pending: "Waiting for a hub organiser", accepted: "Accepted", rejected: "Not added" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const proposals = await myProposals(user);
  return {
    proposals: proposals.map((p) => ({
      id: p.id,
      name: p.name,
      status: statusWords[p.status],
      note:
        p.status === "rejected"
          ? (p.comment ?? "")
          : p.status === "accepted" && p.skill
            ? `Now part of ${p.skill.name}`
            : "",
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  return formAction(request, proposeSkillForm, async (form) => {
    await enforceRateLimit(request, context, "propose", user.id);
    await proposeSkill(user, form);
    return redirectWithFlash("/skills/propose", {
      kind: "success",
      title: `Thank you: ${form.name} is with the hub organisers`,
    });
  });
}

export default function ProposeSkill() {
  const { proposals } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useNettleForm(proposeSkillForm, { lastResult: reply });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryFromReply(reply)} />
        <h1 className="govuk-heading-l">Propose a skill</h1>
        <p className="govuk-body">
          If a skill you have is missing from the list, tell us its name. A hub organiser will add it, or tell you which
          skill already covers it. We will let you know either way.
        </p>
        <Form method="post" {...getFormProps(form)}>
          <TextField
            field={fields.name}
            label="Name of the skill"
            labelClass="govuk-label--s"
            hint="For example: Hydraulic modelling"
          />
          <Textarea
            field={fields.description}
            label="What it is, or where it is used (optional)"
            labelClass="govuk-label--s"
            rows={4}
          />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Propose skill
          </button>
        </Form>
        {proposals.length > 0 ? (
          <>
            <h2 className="govuk-heading-m">Skills you proposed</h2>
            <dl className="govuk-summary-list">
              {proposals.map((p) => (
                <div className="govuk-summary-list__row" key={p.id}>
                  <dt className="govuk-summary-list__key">{p.name}</dt>
                  <dd className="govuk-summary-list__value">
                    {p.status}
                    {p.note ? <p className="govuk-body govuk-!-margin-bottom-0">{p.note}</p> : null}
                  </dd>
                </div>
              ))}
            </dl>
          </>
        ) : null}
        <p className="govuk-body">
          <Link className="govuk-link" to="/account">
            Back to your account
          </Link>
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Propose a skill – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Select, Textarea } from "~/components/forms";
import { SkillFields } from "~/components/taxonomy/skill-fields";
import { replyFor, summaryFromReply, useNettleForm } from "~/components/use-form";
import { NONE } from "~/models/platform/policy.server";
import { listSkillsForOrganisers } from "~/models/taxonomy/manage.server";
import { taxonomyPolicy } from "~/models/taxonomy/policy.server";
import { decideProposal, pendingProposals } from "~/models/taxonomy/proposals.server";
import { proposalDecisionForm } from "~/models/taxonomy/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [proposals, skills] = await Promise.all([pendingProposals(user), listSkillsForOrganisers(user)]);
  // One proposal is decided at a time (its forms share field names): the one asked for, or the oldest.
  const asked = new URL(request.url).searchParams.get("proposal");
  const current = proposals.find((p) => p.id === asked)?.id ?? proposals[0]?.id ?? null;
  return {
    current,
    proposals: proposals.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      by: p.proposedBy?.displayName ?? "Someone who has since left",
      on: p.createdAt.toISOString().slice(0, 10),
    })),
    skills: skills.map((s) => ({ value: s.slug, label: s.name })).sort((a, b) => a.label.localeCompare(b.label)),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // The model checks again; asking first refuses others before their input is read.
  await taxonomyPolicy.authorize(user, "manage_skills", NONE);
  return formAction(request, proposalDecisionForm, async (decision) => {
    const proposal = await decideProposal(user, decision);
    const title =
      decision.intent === "reject"
        ? `${proposal.name} rejected; the proposer has been told why`
        : `${proposal.name} accepted; the proposer has been told`;
    return redirectWithFlash("/hub/taxonomy/proposals", { kind: "success", title });
  });
}

type Proposal = { id: string; name: string; description: string; by: string; on: string };
type Choice = { value: string; label: string };

export default function Proposals() {
  const { proposals, skills, current } = useLoaderData<typeof loader>();
  const shown = proposals.find((p) => p.id === current);
  const others = proposals.filter((p) => p.id !== current);
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/hub/taxonomy">
          Skills
        </Link>
        <ErrorSummary errors={summaryFromReply(reply)} />
        <h1 className="govuk-heading-l">Proposed skills</h1>
        {proposals.length === 0 ? <p className="govuk-body">No proposals are waiting.</p> : null}
        {shown ? <ProposalDecisions key={shown.id} proposal={shown} skills={skills} /> : null}
        {others.length > 0 ? (
          <>
            <h2 className="govuk-heading-m">Also waiting</h2>
            <ul className="govuk-list">
              {others.map((p) => (
                <li key={p.id}>
                  <Link className="govuk-link" to={`/hub/taxonomy/proposals?proposal=${p.id}`}>
                    {p.name}
                  </Link>{" "}
                  proposed on {p.on}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}

function ProposalDecisions({ proposal, skills }: { proposal: Proposal; skills: Choice[] }) {
  const reply = useActionData<typeof action>();
  const [newForm, newFields] = useNettleForm(proposalDecisionForm, {
    id: `new-${proposal.id}`,
    lastResult: replyFor(reply, { intent: "accept_new", proposalId: proposal.id }),
    defaultValue: { name: proposal.name, description: proposal.description },
  });
  const [synonymForm, synonymFields] = useNettleForm(proposalDecisionForm, {
    id: `synonym-${proposal.id}`,
    lastResult: replyFor(reply, { intent: "accept_synonym", proposalId: proposal.id }),
  });
  const [rejectForm, rejectFields] = useNettleForm(proposalDecisionForm, {
    id: `reject-${proposal.id}`,
    lastResult: replyFor(reply, { intent: "reject", proposalId: proposal.id }),
  });
  return (
    <section className="govuk-!-margin-bottom-9" aria-labelledby={`proposal-${proposal.id}`}>
      <h2 className="govuk-heading-m" id={`proposal-${proposal.id}`}>
        {proposal.name}
      </h2>
      <p className="govuk-body-s">
        Proposed by {proposal.by} on {proposal.on}
      </p>
      {proposal.description ? <p className="govuk-body">{proposal.description}</p> : null}
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Accept as a new skill</span>
        </summary>
        <div className="govuk-details__text">
          <Form method="post" {...getFormProps(newForm)}>
            <input type="hidden" name="intent" value="accept_new" />
            <input type="hidden" name="proposalId" value={proposal.id} />
            <SkillFields fields={newFields} />
            <Select
              field={newFields.broader}
              label="Broader skill it implies (optional)"
              placeholder="None"
              options={skills}
            />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Add {proposal.name} as a skill
            </button>
          </Form>
        </div>
      </details>
      <Form method="post" {...getFormProps(synonymForm)}>
        <input type="hidden" name="intent" value="accept_synonym" />
        <input type="hidden" name="proposalId" value={proposal.id} />
        <Select
          field={synonymFields.skill}
          label={`Or accept ${proposal.name} as another name of`}
          placeholder="Choose a skill"
          options={skills}
        />
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Accept as another name
        </button>
      </Form>
      <Form method="post" {...getFormProps(rejectForm)}>
        <input type="hidden" name="intent" value="reject" />
        <input type="hidden" name="proposalId" value={proposal.id} />
        <Textarea
          field={rejectFields.reason}
          label="Or reject it, saying why"
          hint="The person will read this."
          rows={3}
        />
        <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
          Reject {proposal.name}
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Proposed skills – Nettle hub" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { getChallengeForEdit, saveStep, skillChoices } from "~/models/challenges/draft.server";
import { ChallengeRuleError, missingForSubmission, transitionChallenge } from "~/models/challenges/lifecycle.server";
import { PUBLIC_STATUSES, statusLabels } from "~/models/challenges/status";
import { editUrl, isWizardStep, stepTitles, WIZARD_STEPS } from "~/models/challenges/wizard";
import { listThemes } from "~/models/taxonomy/theme.server";
import { requireUser } from "~/services/auth.server";
import { prisma } from "~/services/db.server";
import { redirectWithFlash } from "~/services/flash.server";
import { keepValues, readForm } from "~/services/form.server";
import { renderMarkdown } from "~/services/markdown.server";
import { StepForm } from "./step-forms";

// The intake wizard, one step per page: /challenges/<id>/edit/<step>. (`challenges_` keeps it
// out of any /challenges layout: the wizard is its own page.)

function stepFrom(params: LoaderFunctionArgs["params"]) {
  if (!isWizardStep(params.step)) throw new Response("Not found", { status: 404 });
  return params.step;
}

/** Rule errors a person cannot fix on this page become the error page. */
function asResponse(error: ChallengeRuleError) {
  return new Response(error.message, { status: error.status });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const step = stepFrom(params);
  const id = params.id ?? "";
  let challenge: Awaited<ReturnType<typeof getChallengeForEdit>>;
  try {
    challenge = await getChallengeForEdit(user, id);
  } catch (error) {
    // Waiting for review (or finished): the council sees it on its review page instead.
    if (error instanceof ChallengeRuleError && error.status === 409) throw redirect(`/challenges/${id}/review`);
    if (error instanceof ChallengeRuleError) throw asResponse(error);
    throw error;
  }
  if (!challenge) throw new Response("Not found", { status: 404 });
  const { organisation, reviewComment, wizardStep: _step, status, html, ...fields } = challenge;
  const datasetId = new URL(request.url).searchParams.get("dataset");
  return {
    step,
    challenge: fields,
    organisation: { name: organisation.name, slug: organisation.slug, verified: organisation.verifiedAt !== null },
    challengeHtml: step === "check" ? html : null,
    reviewCommentHtml: status === "changes_requested" && reviewComment ? renderMarkdown(reviewComment) : null,
    statusLabel: statusLabels[status],
    canSubmit: status === "draft" || status === "changes_requested",
    canDelete: status === "draft",
    // Changes to the data card of a public challenge wait for hub review.
    dataCardReviewed: PUBLIC_STATUSES.includes(status),
    themes: step === "themes" ? await listThemes() : [],
    skillGroups: step === "skills" ? await skillChoices() : [],
    editingDataset: step === "data" ? (fields.datasets.find((d) => d.id === datasetId) ?? null) : null,
    missing: step === "check" ? await missingForSubmission(prisma, id) : [],
    officer: { name: user.displayName, email: user.email ?? "" },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const step = stepFrom(params);
  const id = params.id ?? "";
  const form = await readForm(request);
  const values = keepValues(form);
  const selected = form.getAll("themes").filter((value): value is string => typeof value === "string");
  try {
    if (step === "check") {
      await transitionChallenge(user, id, "submit");
      return redirectWithFlash(`/challenges/${id}/review`, {
        kind: "success",
        title: "Your challenge has been sent for hub review",
        body: "A hub organiser will read it, then publish it or ask you for changes. We will show their decision here.",
      });
    }
    const result = await saveStep(user, id, step, form);
    if (!result.ok) return data({ errors: result.errors, values, selected }, { status: 400 });
    const to = editUrl(id, result.goTo);
    return result.message ? redirectWithFlash(to, { kind: "success", title: result.message }) : redirect(to);
  } catch (error) {
    if (!(error instanceof ChallengeRuleError)) throw error;
    if (error.status === 403 || error.status === 404) throw asResponse(error);
    return data({ errors: { [error.field ?? "form"]: error.message }, values, selected }, { status: error.status });
  }
}

export default function EditStep() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const index = WIZARD_STEPS.indexOf(page.step);
  const previous = index > 0 ? WIZARD_STEPS[index - 1] : undefined;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {previous ? (
          <Link className="govuk-back-link" to={editUrl(page.challenge.id, previous)}>
            Back
          </Link>
        ) : (
          <Link className="govuk-back-link" to={`/organisations/${page.organisation.slug}`}>
            Back to {page.organisation.name}
          </Link>
        )}
        <ErrorSummary errors={result?.errors} />
        {page.reviewCommentHtml ? <ChangesRequested html={page.reviewCommentHtml} /> : null}
        <span className="govuk-caption-l">
          {page.step === "check"
            ? page.organisation.name
            : `Step ${index + 1} of ${WIZARD_STEPS.length - 1} · ${page.organisation.name}`}
        </span>
        <StepForm key={`${page.step}-${page.editingDataset?.id ?? ""}`} />
      </div>
    </div>
  );
}

function ChangesRequested({ html }: { html: string }) {
  return (
    <div
      className="govuk-notification-banner"
      role="region"
      aria-labelledby="changes-requested-title"
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="changes-requested-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">Changes requested by the hub</p>
        {/* Sanitised by renderMarkdown on the server. */}
        <div dangerouslySetInnerHTML={{ __html: html }} />
        <p className="govuk-body">
          Make the changes, then send the challenge for review again from the check your answers page.
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  {
    title: page
      ? `${stepTitles[page.step]} – ${page.challenge.title || "New challenge"} – Nettle`
      : "Challenge – Nettle",
  },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

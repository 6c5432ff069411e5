import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { DatasetForm, DatasetList, DraftForm, SignOffDecision } from "~/components/outcomes/outcome-forms";
import { OutcomeSections } from "~/components/outcomes/outcome-sections";
import { replyFor, summaryFromReply } from "~/components/use-form";
import { outcomeStateLabels } from "~/models/outcomes/labels";
import { outcomeLicences } from "~/models/outcomes/licences";
import {
  getOutcomeWorkspace,
  removeOutcomeDataset,
  requestOutcomeChanges,
  saveOutcome,
  saveOutcomeDataset,
  signOffOutcome,
} from "~/models/outcomes/outcome.server";
import { COUNCIL_INTENTS, outcomeForm } from "~/models/outcomes/schemas";
import { authorizeProject } from "~/models/projects/policy.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";
import { renderMarkdown } from "~/services/markdown.server";

// A project's outcome: the team drafts it and sends it to the council, the council signs it
// off (which publishes it) or asks for changes. Hub organisers serving the council may read it.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await getOutcomeWorkspace(user, params.slug ?? "");
  const datasetParam = new URL(request.url).searchParams.get("dataset");
  const datasets = page.outcome?.datasets ?? [];
  const editingDataset = page.mayEdit && datasetParam ? (datasets.find((d) => d.id === datasetParam) ?? null) : null;
  const o = page.outcome;
  return {
    ...page,
    addingDataset: page.mayEdit && (datasetParam === "new" || editingDataset !== null),
    editingDataset,
    reviewCommentHtml: o?.reviewComment && o.state === "changes_requested" ? renderMarkdown(o.reviewComment) : null,
    html: o
      ? {
          whatWasBuilt: renderMarkdown(o.whatWasBuilt),
          results: renderMarkdown(o.results),
          howToReuse: renderMarkdown(o.howToReuse),
        }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const here = `/projects/${slug}/outcome`;
  return formAction(
    request,
    outcomeForm,
    async (form) => {
      switch (form.intent) {
        case "save":
        case "submit": {
          const { intent, ...input } = form;
          const result = await saveOutcome(user, slug, input, { submit: intent === "submit" });
          return redirectWithFlash(here, {
            kind: "success",
            title: intent === "submit" ? "Your outcome is with the council for sign-off" : "Draft saved",
            body: result.warning ?? (intent === "submit" ? "You will be told when they decide." : undefined),
          });
        }
        case "save-dataset": {
          const { intent: _, datasetId, ...input } = form;
          const { title } = await saveOutcomeDataset(user, slug, datasetId, input);
          return redirectWithFlash(here, { kind: "success", title: `${title} is saved` });
        }
        case "remove-dataset": {
          const { title } = await removeOutcomeDataset(user, slug, form.datasetId);
          return redirectWithFlash(here, { kind: "success", title: `${title} is removed` });
        }
        case "request-changes":
          await requestOutcomeChanges(user, slug, form.comment);
          return redirectWithFlash(here, {
            kind: "success",
            title: "Changes requested",
            body: "The team can see your comment.",
          });
        case "sign-off": {
          const published = await signOffOutcome(user, slug);
          return redirectWithFlash(`/outcomes/${published.slug}`, {
            kind: "success",
            title: `“${published.title}” is signed off and published`,
          });
        }
      }
    },
    {
      // The council's forms and the team's need different permissions: refuse (403) before
      // telling anyone how to fill in a form that is not theirs.
      authorize: async (fields) => {
        const council = (COUNCIL_INTENTS as readonly unknown[]).includes(fields.intent);
        await authorizeProject(user, { slug }, council ? "signOffOutcome" : "draftOutcome");
      },
    },
  );
}

export default function ProjectOutcome() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { outcome, project, repository } = page;
  const licence = outcome?.licence ? outcomeLicences[outcome.licence] : null;
  // The draft form shows its own summary (it also has the browser's checks).
  const draftReply = page.mayEdit && (replyFor(reply, { intent: "save" }) ?? replyFor(reply, { intent: "submit" }));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/projects/${project.slug}`}>
          {project.title}
        </Link>
        <ErrorSummary errors={draftReply ? {} : summaryFromReply(reply)} />
        <span className="govuk-caption-l">{project.title}</span>
        <h1 className="govuk-heading-l">
          {page.addingDataset
            ? page.editingDataset
              ? `Change ${page.editingDataset.title}`
              : "Add a dataset"
            : "Outcome"}
        </h1>
        {page.addingDataset ? (
          <>
            <p className="govuk-body">
              Data the work produced. Datasets that contain personal data are never shown to the public.
            </p>
            <DatasetForm key={page.editingDataset?.id ?? "new"} editing={page.editingDataset} reply={reply} />
          </>
        ) : (
          <>
            <p className="govuk-body">
              <strong className="govuk-tag">{outcomeStateLabels[page.state]}</strong>
            </p>
            {page.reviewCommentHtml ? (
              <div className="govuk-inset-text">
                <p className="govuk-body govuk-!-font-weight-bold">Changes requested by {page.council}:</p>
                {/* Sanitised by renderMarkdown on the server. */}
                <div dangerouslySetInnerHTML={{ __html: page.reviewCommentHtml }} />
              </div>
            ) : null}
            {page.state === "published" && outcome ? (
              <p className="govuk-body">
                <Link className="govuk-link" to={`/outcomes/${outcome.slug}`}>
                  See the published outcome
                </Link>
              </p>
            ) : null}
            {page.state === "submitted" && page.team ? (
              <p className="govuk-body">
                {page.council} will read the outcome, then sign it off or ask you for changes.
              </p>
            ) : null}
            {page.repositoryWarning ? (
              <div className="govuk-warning-text">
                <span className="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <strong className="govuk-warning-text__text">
                  <span className="govuk-visually-hidden">Warning</span>
                  {page.repositoryWarning}
                </strong>
              </div>
            ) : null}
            {repository ? (
              <p className="govuk-body">
                Repository:{" "}
                <a className="govuk-link" href={outcome?.repoUrl ?? repository.htmlUrl}>
                  {repository.fullName}
                  {outcome?.repoRef
                    ? ` at ${outcome.repoRef.length === 40 ? outcome.repoRef.slice(0, 7) : outcome.repoRef}`
                    : ""}
                </a>
              </p>
            ) : (
              <p className="govuk-body">
                No repository is linked yet.{" "}
                <Link className="govuk-link" to={`/projects/${project.slug}/repository`}>
                  Link the repository
                </Link>{" "}
                so the outcome can point to the code.
              </p>
            )}

            {page.mayEdit ? (
              <>
                <p className="govuk-body">
                  Write what the team delivered for {page.council}. Save as often as you like; when it is ready, send it
                  to the council to sign off. Once signed off it is published for everyone.
                </p>
                <DraftForm outcome={outcome} repository={repository} projectTitle={project.title} reply={reply} />
              </>
            ) : outcome && page.html ? (
              <>
                <h2 className="govuk-heading-m">{outcome.title || project.title}</h2>
                {outcome.summary ? <p className="govuk-body-l">{outcome.summary}</p> : null}
                <OutcomeSections html={page.html} />
                <p className="govuk-body">
                  Licence:{" "}
                  {licence ? (
                    <a className="govuk-link" href={licence.url}>
                      {licence.label}
                    </a>
                  ) : (
                    "not chosen yet"
                  )}
                </p>
              </>
            ) : (
              <p className="govuk-body">The team has not started the outcome yet.</p>
            )}

            <h2 className="govuk-heading-m">Data it produced</h2>
            <DatasetList datasets={outcome?.datasets ?? []} editable={page.mayEdit} />
            {page.mayEdit ? (
              <p className="govuk-body">
                <Link className="govuk-link" to="?dataset=new">
                  Add a dataset
                </Link>
              </p>
            ) : null}

            {page.mayDecide ? <SignOffDecision reply={reply} council={page.council} /> : null}
          </>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Outcome – ${data.project.title} – Nettle` : "Outcome – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

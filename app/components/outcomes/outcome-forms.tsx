import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { WarningText } from "~/components/challenge-summary";
import { DatasetCardFields } from "~/components/challenges/wizard/data-step";
import { ErrorSummary, Radios, Textarea, TextField } from "~/components/forms";
import { replyFor, summaryErrors, useNettleForm } from "~/components/use-form";
import { accessRouteLabels, datasetWarning, licenceLabels, sensitivityLabels } from "~/models/challenges/wizard";
import { outcomeLicences } from "~/models/outcomes/licences";
import { outcomeForm } from "~/models/outcomes/schemas";
import type { OutcomeWorkspace } from "~/models/outcomes/outcome.server";

// The forms of a project's outcome page (/projects/<slug>/outcome): the team's draft, its
// output datasets, and the council's decision. Each form gets only its own answer (replyFor).

type Outcome = NonNullable<OutcomeWorkspace["outcome"]>;
type Repository = OutcomeWorkspace["repository"];

const licenceOptions = (Object.keys(outcomeLicences) as (keyof typeof outcomeLicences)[]).map((value) => ({
  value,
  label: outcomeLicences[value].label,
  hint: outcomeLicences[value].code ? "For software" : "For data, reports and other writing",
}));

export function DraftForm({
  outcome,
  repository,
  projectTitle,
  reply,
}: {
  outcome: Outcome | null;
  repository: Repository;
  projectTitle: string;
  reply: unknown;
}) {
  const [form, fields] = useNettleForm(outcomeForm, {
    id: "outcome",
    lastResult: replyFor(reply, { intent: "save" }) ?? replyFor(reply, { intent: "submit" }),
    defaultValue: {
      title: outcome?.title || projectTitle,
      summary: outcome?.summary ?? "",
      whatWasBuilt: outcome?.whatWasBuilt ?? "",
      results: outcome?.results ?? "",
      howToReuse: outcome?.howToReuse ?? "",
      licence: outcome?.licence ?? "",
      demoUrl: outcome?.demoUrl ?? "",
      reportUrl: outcome?.reportUrl ?? "",
      repoPoint: outcome?.repoRef && outcome.repoRef === repository?.lastCommitSha ? "commit" : "release",
    },
  });
  const markdown = "You can use Markdown: **bold**, lists with -, and links.";
  return (
    <Form method="post" {...getFormProps(form)}>
      {/* The browser's checks and the server's answer alike (the page's own summary leaves this form's out). */}
      <ErrorSummary errors={summaryErrors(form)} />
      <TextField field={fields.title} label="Title" labelClass="govuk-label--s" hint="What the work is called." />
      <Textarea
        field={fields.summary}
        label="Summary"
        labelClass="govuk-label--s"
        rows={3}
        hint="Two or three sentences for someone who has never heard of the project. Up to 1,000 characters."
      />
      <Textarea
        field={fields.whatWasBuilt}
        label="What was built"
        labelClass="govuk-label--s"
        rows={6}
        hint={markdown}
      />
      <Textarea
        field={fields.results}
        label="Results and impact"
        labelClass="govuk-label--s"
        rows={6}
        hint={`What changed because of the work, with numbers where possible: "Found 312 drains that flood first; crews now clear them before storms". ${markdown}`}
      />
      <Textarea
        field={fields.howToReuse}
        label="How to reuse it"
        labelClass="govuk-label--s"
        rows={6}
        hint={`How another council could use the work: what they need, and the first steps. ${markdown}`}
      />
      <Radios
        field={fields.licence}
        legend="Licence"
        hint={
          repository?.licenceSpdx
            ? `The repository is licensed under ${repository.licenceSpdx}: a software licence must be the same.`
            : "The licence says what others may do with the work. Choose an open one."
        }
        options={licenceOptions}
      />
      {repository?.latestReleaseTag && repository.lastCommitSha ? (
        <Radios
          field={fields.repoPoint}
          legend="Which version of the repository does the outcome describe?"
          options={[
            { value: "release", label: `The latest release, ${repository.latestReleaseTag}` },
            { value: "commit", label: `The last commit, ${repository.lastCommitSha.slice(0, 7)}` },
          ]}
        />
      ) : null}
      <TextField
        field={fields.demoUrl}
        type="url"
        label="Demo link (optional)"
        labelClass="govuk-label--s"
        spellCheck={false}
      />
      <TextField
        field={fields.reportUrl}
        type="url"
        label="Report link (optional)"
        labelClass="govuk-label--s"
        hint="A write-up, slides or a video, starting with https://"
        spellCheck={false}
      />
      <div className="govuk-button-group">
        <button type="submit" name="intent" value="submit" className="govuk-button" data-module="govuk-button">
          Send to the council for sign-off
        </button>
        <button
          type="submit"
          name="intent"
          value="save"
          className="govuk-button govuk-button--secondary"
          data-module="govuk-button"
        >
          Save draft
        </button>
      </div>
    </Form>
  );
}

type DatasetRow = Outcome["datasets"][number];

/** The output datasets with Change and Remove; personal data shown only to these insiders. */
export function DatasetList({ datasets, editable }: { datasets: DatasetRow[]; editable: boolean }) {
  return (
    <>
      {datasets.length === 0 ? <p className="govuk-body">No datasets listed.</p> : null}
      {datasets.map((dataset) => {
        const warning = datasetWarning(dataset);
        return (
          <div className="govuk-summary-card" key={dataset.id}>
            <div className="govuk-summary-card__title-wrapper">
              <h3 className="govuk-summary-card__title">{dataset.title}</h3>
              {editable ? (
                <ul className="govuk-summary-card__actions">
                  <li className="govuk-summary-card__action">
                    <Link className="govuk-link" to={`?dataset=${dataset.id}`}>
                      Change<span className="govuk-visually-hidden"> {dataset.title}</span>
                    </Link>
                  </li>
                  <li className="govuk-summary-card__action">
                    <Form method="post">
                      <input type="hidden" name="datasetId" value={dataset.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="remove-dataset"
                        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        data-module="govuk-button"
                      >
                        Remove<span className="govuk-visually-hidden"> {dataset.title}</span>
                      </button>
                    </Form>
                  </li>
                </ul>
              ) : null}
            </div>
            <div className="govuk-summary-card__content">
              {warning ? <WarningText>{warning}</WarningText> : null}
              <dl className="govuk-summary-list">
                {[
                  ["Licence", licenceLabels[dataset.licence]],
                  ["Sensitivity", sensitivityLabels[dataset.sensitivity]],
                  ["Personal data", dataset.personalData ? "Yes – never shown to the public" : "No"],
                  ["How to get it", accessRouteLabels[dataset.accessRoute]],
                ].map(([key, text]) => (
                  <div className="govuk-summary-list__row" key={key}>
                    <dt className="govuk-summary-list__key">{key}</dt>
                    <dd className="govuk-summary-list__value">{text}</dd>
                  </div>
                ))}
              </dl>
            </div>
          </div>
        );
      })}
    </>
  );
}

/** Adding or changing one output dataset: the challenge data card's own fields. */
export function DatasetForm({ editing, reply }: { editing: DatasetRow | null; reply: unknown }) {
  const [form, fields] = useNettleForm(outcomeForm, {
    id: "dataset",
    lastResult: replyFor(reply, { intent: "save-dataset" }),
    defaultValue: editing
      ? {
          ...editing,
          link: editing.link ?? "",
          personalData: editing.personalData ? "yes" : "no",
          retentionDate: editing.retentionDate
            ? {
                day: String(new Date(editing.retentionDate).getUTCDate()),
                month: String(new Date(editing.retentionDate).getUTCMonth() + 1),
                year: String(new Date(editing.retentionDate).getUTCFullYear()),
              }
            : undefined,
        }
      : {},
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      {editing ? <input type="hidden" name="datasetId" value={editing.id} /> : null}
      <DatasetCardFields fields={fields} />
      <div className="govuk-button-group">
        <button type="submit" name="intent" value="save-dataset" className="govuk-button" data-module="govuk-button">
          {editing ? "Save changes to this dataset" : "Add dataset"}
        </button>
        <Link className="govuk-link" to=".">
          Cancel
        </Link>
      </div>
    </Form>
  );
}

/** The council's decision on an outcome sent for sign-off. */
export function SignOffDecision({ reply, council }: { reply: unknown; council: string }) {
  const [form, fields] = useNettleForm(outcomeForm, {
    id: "request-changes",
    lastResult: replyFor(reply, { intent: "request-changes" }),
  });
  return (
    <section aria-labelledby="decision-heading">
      <h2 className="govuk-heading-m" id="decision-heading">
        Your decision
      </h2>
      <p className="govuk-body">
        Signing off publishes the outcome for everyone, in {council}&apos;s name, and marks the challenge as “Outcome
        published”.
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="sign-off" />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Sign off and publish
        </button>
      </Form>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="request-changes" />
        <Textarea
          field={fields.comment}
          label="Or ask the team for changes"
          labelClass="govuk-label--s"
          hint="The team will see this. Say what to change, for example: 'Please add how many reports the tool handled.' Up to 5,000 characters."
        />
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Request changes
        </button>
      </Form>
    </section>
  );
}

import { Form, Link, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatDate, ReviewTag, WarningText } from "~/components/challenge-summary";
import { DateInput, Radios, Textarea, TextField } from "~/components/forms";
import { replyFor, summaryErrors, summaryFromReply, useNettleForm, type Field } from "~/components/use-form";
import type { WizardPageOf } from "~/models/challenges/draft-view.server";
import {
  accessRouteLabels,
  datasetWarning,
  dpiaLabels,
  editUrl,
  exampleDate,
  licenceLabels,
  sensitivityLabels,
} from "~/models/challenges/wizard";
import { dataStep } from "~/models/challenges/wizard-steps/data";
import { SaveAndContinue, StepFrame, stepFormProps } from "./step-frame";

type Page = WizardPageOf<"data">;

const options = <K extends string>(labels: Record<K, string>, hints: Partial<Record<K, string>> = {}) =>
  (Object.keys(labels) as K[]).map((key) => ({ value: key, label: labels[key], hint: hints[key] }));

export function DataStep({ page }: { page: Page }) {
  const reply = useActionData();
  // Remove and Cancel change are forms of their own: their answers are not the dataset form's.
  const fromOtherForm = replyFor(reply, { intent: "remove-dataset" }) ?? replyFor(reply, { intent: "discard-change" });
  const editing = page.editingDataset;
  const [form, fields] = useNettleForm(dataStep, {
    lastResult: fromOtherForm ? undefined : replyFor(reply, {}),
    defaultValue: editing ?? {},
  });
  const errors = { ...summaryFromReply(fromOtherForm, { datasetId: "form" }), ...summaryErrors(form) };
  const datasets = page.challenge.datasets;
  const base = editUrl(page.challengeId, "data");
  return (
    <StepFrame page={page} errors={errors}>
      <p className="govuk-body">
        List the data a team would use, and how they can get it. You do not have to share anything now: this tells the
        hub and the team what to expect.
      </p>
      <p className="govuk-body">Datasets that contain personal data are never shown to the public.</p>
      {page.dataCardReviewed ? (
        <div className="govuk-inset-text">
          This challenge is published, so a hub organiser checks new datasets and changes to datasets before the public
          sees them. Until then, the public sees the data card as last approved. Removing a dataset takes effect at
          once.
        </div>
      ) : null}
      {datasets.length === 0 ? <p className="govuk-inset-text">No datasets listed yet.</p> : null}
      {datasets.map((dataset) => (
        <DatasetCard key={dataset.id} dataset={dataset} changeUrl={`${base}?dataset=${dataset.id}`} />
      ))}

      <Form method="post" {...stepFormProps(form)} key={datasets.map((dataset) => dataset.id).join()}>
        <h2 className="govuk-heading-m">
          {editing ? `Change ${editing.title}` : datasets.length > 0 ? "Add another dataset" : "Add a dataset"}
        </h2>
        {errors.form ? (
          <p className="govuk-error-message" id="form">
            {errors.form}
          </p>
        ) : null}
        {editing ? <input type="hidden" name="datasetId" value={editing.id} /> : null}
        <DatasetCardFields fields={fields} />
        <div className="govuk-button-group">
          <button
            type="submit"
            name="intent"
            value="save-dataset"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
          >
            {editing ? "Save changes to this dataset" : "Add dataset"}
          </button>
          {editing ? (
            <Link className="govuk-link" to={base}>
              Cancel
            </Link>
          ) : null}
        </div>
        <SaveAndContinue />
      </Form>
    </StepFrame>
  );
}

/** A data card's fields (shared with an outcome's output datasets), in a conform form. */
export function DatasetCardFields({ fields }: { fields: Record<DatasetField, Field> }) {
  return (
    <>
      <TextField
        field={fields.title}
        label="Name of the dataset"
        labelClass="govuk-label--s"
        hint="For example: 'Drain blockage reports 2019 to 2024'."
      />
      <Textarea
        field={fields.description}
        label="What is in it? (optional)"
        labelClass="govuk-label--s"
        rows={3}
        hint="The main columns and how far back it goes. For example: 'One row per report: date, street, what was found.'"
      />
      <TextField
        field={fields.link}
        type="url"
        label="Link (optional)"
        labelClass="govuk-label--s"
        hint="Where it is published or described, starting with https:// or http://. Addresses on your council's intranet work too."
        spellCheck={false}
      />
      <TextField
        field={fields.format}
        label="Format (optional)"
        labelClass="govuk-label--s"
        width="20"
        hint="For example: spreadsheet (CSV or Excel), database, PDF reports."
      />
      <Radios
        field={fields.licence}
        legend="Licence"
        hint="The licence says what others may do with the data."
        options={options(licenceLabels, {
          ogl: "Most published council data uses this",
          other: "Say which in the description",
          not_licensed: "Fine for now if the data has not been published",
        })}
      />
      <Radios
        field={fields.sensitivity}
        legend="How sensitive is it?"
        hint="Use your council's security classification."
        options={options(sensitivityLabels, {
          open: "Already public, or fine to publish",
          official: "Most council information",
          official_sensitive: "Could cause harm if lost or shared, such as case records",
        })}
      />
      <Radios
        field={fields.personalData}
        legend="Does it contain personal data?"
        hint="Information about people who could be identified, such as names, addresses, case notes, or counts so small that people could be recognised."
        options={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]}
      />
      <Radios
        field={fields.dpia}
        legend="Has a data protection impact assessment (DPIA) been done?"
        hint="A DPIA is a check, usually with your data protection officer, of the risks of sharing data about people. If the data contains personal data and no DPIA has been done, talk to your data protection officer before anyone outside the council sees it."
        options={options(dpiaLabels, { not_needed: "For example, the data is not about people" })}
      />
      <Radios
        field={fields.accessRoute}
        legend="How will the team get the data?"
        options={options(accessRouteLabels, {
          open_download: "Anyone can download it. Only for data with nothing about people.",
          on_request_dsa: "The team signs an agreement with the council before they get it",
          secure_environment: "The team works on the data where it is kept and cannot take copies",
          synthetic_sample:
            "Made-up records with the same shape as the real data, so the team can start without seeing real ones",
        })}
      />
      <DateInput
        field={fields.retentionDate}
        legend="When must the team delete their copy? (optional)"
        hint={`For example ${exampleDate(12)}.`}
      />
    </>
  );
}

type DatasetField =
  | "title"
  | "description"
  | "link"
  | "format"
  | "licence"
  | "sensitivity"
  | "personalData"
  | "dpia"
  | "accessRoute"
  | "retentionDate";

/** A dataset on the card, with its governance and what waits for hub review. */
function DatasetCard({ dataset, changeUrl }: { dataset: Page["challenge"]["datasets"][number]; changeUrl: string }) {
  const warning = datasetWarning(dataset);
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title">{dataset.title}</h2>
        <ul className="govuk-summary-card__actions">
          <li className="govuk-summary-card__action">
            <Link className="govuk-link" to={changeUrl}>
              Change<span className="govuk-visually-hidden"> {dataset.title}</span>
            </Link>
          </li>
          <li className="govuk-summary-card__action">
            <DatasetButton datasetId={dataset.id} intent="remove-dataset">
              Remove<span className="govuk-visually-hidden"> {dataset.title}</span>
            </DatasetButton>
          </li>
          {dataset.review && !dataset.review.isNew ? (
            <li className="govuk-summary-card__action">
              <DatasetButton datasetId={dataset.id} intent="discard-change">
                Cancel change<span className="govuk-visually-hidden"> to {dataset.title}</span>
              </DatasetButton>
            </li>
          ) : null}
        </ul>
      </div>
      <div className="govuk-summary-card__content">
        {dataset.review ? (
          <div className="govuk-!-margin-bottom-4">
            <ReviewTag review={dataset.review} />
          </div>
        ) : null}
        {warning ? <WarningText>{warning}</WarningText> : null}
        <dl className="govuk-summary-list">
          {[
            ["Licence", licenceLabels[dataset.licence]],
            ["Sensitivity", sensitivityLabels[dataset.sensitivity]],
            ["Personal data", dataset.personalData ? "Yes" : "No"],
            ["DPIA done", dpiaLabels[dataset.dpia]],
            ["How to get it", accessRouteLabels[dataset.accessRoute]],
            ["Delete by", formatDate(dataset.retentionDate) ?? "Not set"],
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
}

function DatasetButton({
  datasetId,
  intent,
  children,
}: {
  datasetId: string;
  intent: "remove-dataset" | "discard-change";
  children: ReactNode;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="datasetId" value={datasetId} />
      <button
        type="submit"
        name="intent"
        value={intent}
        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
        data-module="govuk-button"
      >
        {children}
      </button>
    </Form>
  );
}

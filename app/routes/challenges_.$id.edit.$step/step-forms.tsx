import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ChallengeSummary, formatDate, ReviewTag, WarningText } from "~/components/challenge-summary";
import { Checkboxes, DateInput, Radios, Select, Textarea, TextField } from "~/components/forms";
import {
  accessRouteLabels,
  datasetWarning,
  dpiaLabels,
  editUrl,
  exampleDate,
  importanceLabels,
  licenceLabels,
  sensitivityLabels,
  stepTitles,
} from "~/models/challenges/wizard";
import type { action, loader } from "./route";
import { TableHead } from "~/components/table-head";

// One form per wizard step. Every step explains itself in plain words with an example: the
// people filling it in are council officers, not data specialists.

function useStep() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  /** What was typed if the last post failed, otherwise what is saved. */
  const value = (name: string, saved: string | number | null | undefined) =>
    result ? (result.values[name] ?? "") : saved === null || saved === undefined ? "" : String(saved);
  const date = (name: string, saved: Date | string | null) => {
    if (result)
      return {
        day: result.values[`${name}-day`],
        month: result.values[`${name}-month`],
        year: result.values[`${name}-year`],
      };
    if (!saved) return {};
    // Stored as calendar dates at UTC midnight.
    const when = new Date(saved);
    return {
      day: String(when.getUTCDate()),
      month: String(when.getUTCMonth() + 1),
      year: String(when.getUTCFullYear()),
    };
  };
  return { page, result, errors, value, date };
}

export function StepForm() {
  const { page } = useStep();
  switch (page.step) {
    case "problem":
      return <ProblemStep />;
    case "why":
      return <WhyStep />;
    case "outcome":
      return <OutcomeStep />;
    case "themes":
      return <ThemesStep />;
    case "area":
      return <AreaStep />;
    case "skills":
      return <SkillsStep />;
    case "team":
      return <TeamStep />;
    case "data":
      return <DataStep />;
    case "contact":
      return <ContactStep />;
    case "check":
      return <CheckStep />;
  }
}

function Heading() {
  const { page } = useStep();
  return <h1 className="govuk-heading-l">{stepTitles[page.step]}</h1>;
}

function SaveAndContinue({ label = "Save and continue" }: { label?: string }) {
  return (
    <>
      <button type="submit" name="intent" value="continue" className="govuk-button" data-module="govuk-button">
        {label}
      </button>
      <p className="govuk-body-s">
        Your answers are saved on each step. You can leave and carry on later from your council&apos;s page.
      </p>
    </>
  );
}

function StepPage({ intro, children }: { intro?: ReactNode; children: ReactNode }) {
  return (
    <>
      <Heading />
      {intro}
      <Form method="post" noValidate>
        {children}
        <SaveAndContinue />
      </Form>
    </>
  );
}

function ProblemStep() {
  const { page, errors, value } = useStep();
  const c = page.challenge;
  return (
    <StepPage
      intro={
        <p className="govuk-body">
          Tell people about a problem your council has that data could help with. Write for someone who does not work in
          local government: avoid abbreviations and jargon.
        </p>
      }
    >
      <TextField
        name="title"
        label="Title"
        labelClass="govuk-label--s"
        hint="A short question or summary, up to 120 characters. For example: 'Which streets flood after heavy rain?'"
        error={errors.title}
        defaultValue={value("title", c.title)}
      />
      <Textarea
        name="problem"
        label="What is the problem?"
        labelClass="govuk-label--s"
        rows={8}
        hint="What is happening, where, and what have you tried so far? Leave a blank line between paragraphs; you can start lines with * to make a list. For example: 'Residents report the same drains blocking every winter. We log reports but cannot see patterns across the city.' You can enter up to 10,000 characters."
        error={errors.problem}
        defaultValue={value("problem", c.problem)}
      />
      <Textarea
        name="whoIsAffected"
        label="Who does it affect?"
        labelClass="govuk-label--s"
        rows={3}
        hint="For example: 'Older residents living alone', 'Families in temporary accommodation' or 'Businesses on the high street'. You can enter up to 2,000 characters."
        error={errors.whoIsAffected}
        defaultValue={value("whoIsAffected", c.whoIsAffected)}
      />
    </StepPage>
  );
}

function WhyStep() {
  const { page, errors, value } = useStep();
  return (
    <StepPage>
      <Textarea
        name="whyItMatters"
        label="Why does this problem matter?"
        labelClass="govuk-label--s"
        rows={6}
        hint="What happens if nothing changes, and who gains if it is solved? Numbers help if you have them. For example: 'Each flood costs around £40,000 in emergency repairs and leaves families out of their homes for weeks.' You can enter up to 5,000 characters."
        error={errors.whyItMatters}
        defaultValue={value("whyItMatters", page.challenge.whyItMatters)}
      />
    </StepPage>
  );
}

function OutcomeStep() {
  const { page, errors, value } = useStep();
  return (
    <StepPage>
      <Textarea
        name="outcomeWanted"
        label="What would you like to have at the end?"
        labelClass="govuk-label--s"
        hint="For example: 'A map showing which streets are most at risk, updated every month' or 'A short report with recommendations'. You can enter up to 5,000 characters."
        error={errors.outcomeWanted}
        defaultValue={value("outcomeWanted", page.challenge.outcomeWanted)}
      />
      <Textarea
        name="successMeasures"
        label="How will you know it worked?"
        labelClass="govuk-label--s"
        hint="For example: 'Fewer emergency call-outs next winter' or 'Officers use the map in their weekly planning meeting'. You can enter up to 5,000 characters."
        error={errors.successMeasures}
        defaultValue={value("successMeasures", page.challenge.successMeasures)}
      />
    </StepPage>
  );
}

function ThemesStep() {
  const { page, result, errors } = useStep();
  const chosen = result ? result.selected : page.challenge.themes.map((theme) => theme.id);
  return (
    <StepPage>
      <Checkboxes
        name="themes"
        legend="Which themes does the challenge fit?"
        hint="Choose all that apply. People looking for challenges browse by theme."
        error={errors.themes}
        options={page.themes.map((theme) => ({ value: theme.id, label: theme.name }))}
        defaultValues={chosen}
      />
    </StepPage>
  );
}

function AreaStep() {
  const { page, errors, value } = useStep();
  return (
    <StepPage>
      <TextField
        name="area"
        label="Which area does the challenge cover?"
        labelClass="govuk-label--s"
        hint={`Usually the whole of ${page.organisation.name}. If the problem is local, name the wards, towns or villages it affects. People can search for these names.`}
        error={errors.area}
        defaultValue={value("area", page.challenge.area || page.organisation.name)}
      />
    </StepPage>
  );
}

function SkillsStep() {
  const { page, result, errors, value } = useStep();
  const skills = page.challenge.skills;
  return (
    <>
      <Heading />
      <p className="govuk-body">
        Which skills will the team need? Nettle uses them to suggest your challenge to people who have them. Add one
        skill at a time.
      </p>
      {skills.length > 0 ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Skills you have added</caption>
          <TableHead columns={["Skill", "Importance", { hidden: "Action" }]} />
          <tbody className="govuk-table__body">
            {skills.map((skill) => (
              <tr className="govuk-table__row" key={skill.id}>
                <td className="govuk-table__cell">{skill.name}</td>
                <td className="govuk-table__cell">{importanceLabels[skill.importance]}</td>
                <td className="govuk-table__cell">
                  <Form method="post">
                    <input type="hidden" name="skillId" value={skill.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="remove-skill"
                      className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                      data-module="govuk-button"
                    >
                      Remove<span className="govuk-visually-hidden"> {skill.name}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-inset-text">You have not added any skills yet. Add at least one.</p>
      )}
      {/* Keyed by the list so the picker empties after each skill is added. */}
      <Form method="post" noValidate key={skills.map((skill) => skill.id).join()}>
        <h2 className="govuk-heading-m">Add a skill</h2>
        <Select
          name="skillId"
          label="Skill"
          labelClass="govuk-label--s"
          hint="Choose the nearest match. For example, choose a mapping (GIS) skill if you want a map, or a visualisation skill for charts and dashboards."
          placeholder="Choose a skill"
          error={errors.skillId}
          defaultValue={result ? value("skillId", "") : ""}
          options={page.skillGroups.map((group) => ({
            group: group.category,
            options: group.options.map((o) => ({ value: o.id, label: o.name })),
          }))}
        />
        <Radios
          name="importance"
          legend="How important is it?"
          error={errors.importance}
          defaultValue={result ? value("importance", "") : "essential"}
          options={[
            { value: "essential", label: "Essential", hint: "The team cannot do the work without it" },
            { value: "helpful", label: "Helpful", hint: "Useful, but the team could manage without it" },
          ]}
        />
        <div className="govuk-button-group">
          <button
            type="submit"
            name="intent"
            value="add-skill"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
          >
            Add skill
          </button>
        </div>
        <SaveAndContinue />
      </Form>
    </>
  );
}

function TeamStep() {
  const { page, errors, value, date } = useStep();
  const c = page.challenge;
  return (
    <StepPage>
      <TextField
        name="teamSizeMin"
        label="Smallest team"
        labelClass="govuk-label--s"
        width="3"
        hint="Number of people, between 1 and 50. Most teams are 3 to 6 people."
        error={errors.teamSizeMin}
        defaultValue={value("teamSizeMin", c.teamSizeMin)}
      />
      <TextField
        name="teamSizeMax"
        label="Largest team"
        labelClass="govuk-label--s"
        width="3"
        hint="The same as the smallest, or more."
        error={errors.teamSizeMax}
        defaultValue={value("teamSizeMax", c.teamSizeMax)}
      />
      <TextField
        name="timeCommitment"
        label="How much time will the team need to give?"
        labelClass="govuk-label--s"
        hint="For example: 'A few hours a week for 6 weeks' or 'One hack day'."
        error={errors.timeCommitment}
        defaultValue={value("timeCommitment", c.timeCommitment)}
      />
      <DateInput
        name="deadline"
        legend="Deadline (optional)"
        hint={`The date you need the work by, for example ${exampleDate(6)}. Leave it empty if there is no deadline.`}
        error={errors.deadline}
        defaultValue={date("deadline", c.deadline)}
      />
    </StepPage>
  );
}

const options = <K extends string>(labels: Record<K, string>, hints: Partial<Record<K, string>> = {}) =>
  (Object.keys(labels) as K[]).map((key) => ({ value: key, label: labels[key], hint: hints[key] }));

function DataStep() {
  const { page, errors, value, date } = useStep();
  const editing = page.editingDataset;
  const d = editing;
  const datasets = page.challenge.datasets;
  const base = editUrl(page.challenge.id, "data");
  const yesNo = (saved: boolean | undefined) => (saved === undefined ? undefined : saved ? "yes" : "no");
  return (
    <>
      <Heading />
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
      {datasets.map((dataset) => {
        const warning = datasetWarning(dataset);
        return (
          <div className="govuk-summary-card" key={dataset.id}>
            <div className="govuk-summary-card__title-wrapper">
              <h2 className="govuk-summary-card__title">{dataset.title}</h2>
              <ul className="govuk-summary-card__actions">
                <li className="govuk-summary-card__action">
                  <Link className="govuk-link" to={`${base}?dataset=${dataset.id}`}>
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
                {dataset.review && !dataset.review.isNew ? (
                  <li className="govuk-summary-card__action">
                    <Form method="post">
                      <input type="hidden" name="datasetId" value={dataset.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="discard-change"
                        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        data-module="govuk-button"
                      >
                        Cancel change<span className="govuk-visually-hidden"> to {dataset.title}</span>
                      </button>
                    </Form>
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
      })}

      <Form method="post" noValidate key={datasets.map((dataset) => dataset.id).join()}>
        <h2 className="govuk-heading-m">
          {editing ? `Change ${editing.title}` : datasets.length > 0 ? "Add another dataset" : "Add a dataset"}
        </h2>
        {errors.form ? (
          <p className="govuk-error-message" id="form">
            {errors.form}
          </p>
        ) : null}
        {editing ? <input type="hidden" name="datasetId" value={editing.id} /> : null}
        <TextField
          name="title"
          label="Name of the dataset"
          labelClass="govuk-label--s"
          hint="For example: 'Drain blockage reports 2019 to 2024'."
          error={errors.title}
          defaultValue={value("title", d?.title)}
        />
        <Textarea
          name="description"
          label="What is in it? (optional)"
          labelClass="govuk-label--s"
          rows={3}
          hint="The main columns and how far back it goes. For example: 'One row per report: date, street, what was found.'"
          error={errors.description}
          defaultValue={value("description", d?.description)}
        />
        <TextField
          name="link"
          type="url"
          label="Link (optional)"
          labelClass="govuk-label--s"
          hint="Where it is published or described, starting with https:// or http://. Addresses on your council's intranet work too."
          error={errors.link}
          defaultValue={value("link", d?.link)}
          spellCheck={false}
        />
        <TextField
          name="format"
          label="Format (optional)"
          labelClass="govuk-label--s"
          width="20"
          hint="For example: spreadsheet (CSV or Excel), database, PDF reports."
          error={errors.format}
          defaultValue={value("format", d?.format)}
        />
        <Radios
          name="licence"
          legend="Licence"
          hint="The licence says what others may do with the data."
          error={errors.licence}
          defaultValue={value("licence", d?.licence)}
          options={options(licenceLabels, {
            ogl: "Most published council data uses this",
            other: "Say which in the description",
            not_licensed: "Fine for now if the data has not been published",
          })}
        />
        <Radios
          name="sensitivity"
          legend="How sensitive is it?"
          hint="Use your council's security classification."
          error={errors.sensitivity}
          defaultValue={value("sensitivity", d?.sensitivity)}
          options={options(sensitivityLabels, {
            open: "Already public, or fine to publish",
            official: "Most council information",
            official_sensitive: "Could cause harm if lost or shared, such as case records",
          })}
        />
        <Radios
          name="personalData"
          legend="Does it contain personal data?"
          hint="Information about people who could be identified, such as names, addresses, case notes, or counts so small that people could be recognised."
          error={errors.personalData}
          defaultValue={value("personalData", yesNo(d?.personalData))}
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]}
        />
        <Radios
          name="dpia"
          legend="Has a data protection impact assessment (DPIA) been done?"
          hint="A DPIA is a check, usually with your data protection officer, of the risks of sharing data about people. If the data contains personal data and no DPIA has been done, talk to your data protection officer before anyone outside the council sees it."
          error={errors.dpia}
          defaultValue={value("dpia", d?.dpia)}
          options={options(dpiaLabels, { not_needed: "For example, the data is not about people" })}
        />
        <Radios
          name="accessRoute"
          legend="How will the team get the data?"
          error={errors.accessRoute}
          defaultValue={value("accessRoute", d?.accessRoute)}
          options={options(accessRouteLabels, {
            open_download: "Anyone can download it. Only for data with nothing about people.",
            on_request_dsa: "The team signs an agreement with the council before they get it",
            secure_environment: "The team works on the data where it is kept and cannot take copies",
            synthetic_sample:
              "Made-up records with the same shape as the real data, so the team can start without seeing real ones",
          })}
        />
        <DateInput
          name="retentionDate"
          legend="When must the team delete their copy? (optional)"
          hint={`For example ${exampleDate(12)}.`}
          error={errors.retentionDate}
          defaultValue={date("retentionDate", d?.retentionDate ?? null)}
        />
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
    </>
  );
}

function ContactStep() {
  const { page, errors, value } = useStep();
  const c = page.challenge;
  return (
    <StepPage
      intro={
        <p className="govuk-body">
          Who can people ask about this challenge? Hub organisers and the team working on it will see these details.
        </p>
      }
    >
      <TextField
        name="contactName"
        label="Name"
        labelClass="govuk-label--s"
        autoComplete="name"
        error={errors.contactName}
        defaultValue={value("contactName", c.contactName || page.officer.name)}
      />
      <TextField
        name="contactEmail"
        type="email"
        label="Email address"
        labelClass="govuk-label--s"
        hint="A shared team mailbox works well, for example data@yourcouncil.gov.uk."
        autoComplete="email"
        spellCheck={false}
        error={errors.contactEmail}
        defaultValue={value("contactEmail", c.contactEmail || page.officer.email)}
      />
    </StepPage>
  );
}

function CheckStep() {
  const { page } = useStep();
  return (
    <>
      <h1 className="govuk-heading-l">{page.canSubmit ? "Check your answers before sending" : "Check your answers"}</h1>
      {page.missing.length > 0 && page.canSubmit ? (
        <div className="govuk-inset-text">
          <p className="govuk-body">Before you can send it for review, add:</p>
          <ul className="govuk-list govuk-list--bullet">
            {page.missing.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {page.challengeHtml ? <ChallengeSummary challenge={page.challenge} html={page.challengeHtml} editable /> : null}
      {page.canSubmit ? (
        <>
          <h2 className="govuk-heading-m">Now send your challenge for review</h2>
          <p className="govuk-body">
            A hub organiser will read it. They will publish it, or tell you what to change first.
          </p>
          {page.organisation.verified ? null : (
            <WarningText>
              {page.organisation.name} must be verified by a hub organiser before its challenges can be published.
            </WarningText>
          )}
          <Form method="post" id="form">
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Send for hub review
            </button>
          </Form>
          {page.canDelete ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/challenges/${page.challenge.id}/delete`}>
                Delete this draft
              </Link>
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p className="govuk-body">
            This challenge is {page.statusLabel.toLowerCase()}. Changes you make are saved straight away and shown in
            its history.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/challenges/${page.challenge.id}/review`}>
              Back to the challenge
            </Link>
          </p>
        </>
      )}
    </>
  );
}

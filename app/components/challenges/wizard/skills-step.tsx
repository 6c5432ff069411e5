import { Form } from "@remix-run/react";
import { Radios, Select } from "~/components/forms";
import { TableHead } from "~/components/table-head";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import type { WizardPageOf } from "~/models/challenges/draft-view.server";
import { importanceLabels } from "~/models/challenges/wizard";
import { skillsStep } from "~/models/challenges/wizard-steps/skills";
import { SaveAndContinue, StepFrame, stepFormProps, useStepReply } from "./step-frame";

export function SkillsStep({ page }: { page: WizardPageOf<"skills"> }) {
  const skills = page.challenge.skills;
  const [form, fields] = useNettleForm(skillsStep, {
    lastResult: useStepReply(),
    defaultValue: { importance: "essential" },
  });
  return (
    <StepFrame page={page} errors={summaryErrors(form)}>
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
      <Form method="post" {...stepFormProps(form)} key={skills.map((skill) => skill.id).join()}>
        <h2 className="govuk-heading-m">Add a skill</h2>
        <Select
          field={fields.skillId}
          label="Skill"
          labelClass="govuk-label--s"
          hint="Choose the nearest match. For example, choose a mapping (GIS) skill if you want a map, or a visualisation skill for charts and dashboards."
          placeholder="Choose a skill"
          options={page.skillGroups.map((group) => ({
            group: group.category,
            options: group.options.map((o) => ({ value: o.id, label: o.name })),
          }))}
        />
        <Radios
          field={fields.importance}
          legend="How important is it?"
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
    </StepFrame>
  );
}

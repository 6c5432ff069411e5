import { Select, TextField, Textarea } from "~/components/forms";
import type { Field } from "~/components/use-form";
import { SKILL_CATEGORIES } from "~/models/taxonomy/categories";

/** The fields of a skill, shared by adding one and editing one (other names one a line). */
export function SkillFields({
  fields,
}: {
  fields: { name: Field; category: Field; description: Field; synonyms: Field };
}) {
  return (
    <>
      <TextField
        field={fields.name}
        label="Name"
        labelClass="govuk-label--s"
        hint="As a UK practitioner would write it, for example: Flood risk modelling"
      />
      <Select
        field={fields.category}
        label="Category"
        labelClass="govuk-label--s"
        placeholder="Choose a category"
        options={SKILL_CATEGORIES.map((c) => ({ value: c.value, label: c.label }))}
      />
      <Textarea
        field={fields.description}
        label="Description"
        labelClass="govuk-label--s"
        hint="One plain sentence a council officer would understand."
        rows={3}
      />
      <Textarea
        field={fields.synonyms}
        label="Other names"
        labelClass="govuk-label--s"
        hint="One a line: abbreviations, tools, US spellings and common misspellings people type."
        rows={6}
      />
    </>
  );
}

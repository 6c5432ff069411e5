import { Textarea, TextField } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import type { WizardPageOf } from "~/models/challenges/draft-view.server";
import { problemStep } from "~/models/challenges/wizard-steps/problem";
import { StepForm, StepFrame, useStepReply } from "./step-frame";

export function ProblemStep({ page }: { page: WizardPageOf<"problem"> }) {
  const [form, fields] = useNettleForm(problemStep, { lastResult: useStepReply(), defaultValue: page.challenge });
  return (
    <StepFrame page={page} errors={summaryErrors(form)}>
      <p className="govuk-body">
        Tell people about a problem your council has that data could help with. Write for someone who does not work in
        local government: avoid abbreviations and jargon.
      </p>
      <StepForm form={form}>
        <TextField
          field={fields.title}
          label="Title"
          labelClass="govuk-label--s"
          hint="A short question or summary, up to 120 characters. For example: 'Which streets flood after heavy rain?'"
        />
        <Textarea
          field={fields.problem}
          label="What is the problem?"
          labelClass="govuk-label--s"
          rows={8}
          hint="What is happening, where, and what have you tried so far? Leave a blank line between paragraphs; you can start lines with * to make a list. For example: 'Residents report the same drains blocking every winter. We log reports but cannot see patterns across the city.' You can enter up to 10,000 characters."
        />
        <Textarea
          field={fields.whoIsAffected}
          label="Who does it affect?"
          labelClass="govuk-label--s"
          rows={3}
          hint="For example: 'Older residents living alone', 'Families in temporary accommodation' or 'Businesses on the high street'. You can enter up to 2,000 characters."
        />
      </StepForm>
    </StepFrame>
  );
}

import { DateInput, TextField } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import type { WizardPageOf } from "~/models/challenges/draft-view.server";
import { exampleDate } from "~/models/challenges/wizard";
import { teamStep } from "~/models/challenges/wizard-steps/team";
import { StepForm, StepFrame, useStepReply } from "./step-frame";

export function TeamStep({ page }: { page: WizardPageOf<"team"> }) {
  const [form, fields] = useNettleForm(teamStep, { lastResult: useStepReply(), defaultValue: page.challenge });
  return (
    <StepFrame page={page} errors={summaryErrors(form)}>
      <StepForm form={form}>
        <TextField
          field={fields.teamSizeMin}
          label="Smallest team"
          labelClass="govuk-label--s"
          width="3"
          hint="Number of people, between 1 and 50. Most teams are 3 to 6 people."
        />
        <TextField
          field={fields.teamSizeMax}
          label="Largest team"
          labelClass="govuk-label--s"
          width="3"
          hint="The same as the smallest, or more."
        />
        <TextField
          field={fields.timeCommitment}
          label="How much time will the team need to give?"
          labelClass="govuk-label--s"
          hint="For example: 'A few hours a week for 6 weeks' or 'One hack day'."
        />
        <DateInput
          field={fields.deadline}
          legend="Deadline (optional)"
          hint={`The date you need the work by, for example ${exampleDate(6)}. Leave it empty if there is no deadline.`}
        />
      </StepForm>
    </StepFrame>
  );
}

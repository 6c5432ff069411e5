import { Textarea } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import type { WizardPageOf } from "~/models/challenges/draft-view.server";
import { outcomeStep } from "~/models/challenges/wizard-steps/outcome";
import { StepForm, StepFrame, useStepReply } from "./step-frame";

export function OutcomeStep({ page }: { page: WizardPageOf<"outcome"> }) {
  const [form, fields] = useNettleForm(outcomeStep, { lastResult: useStepReply(), defaultValue: page.challenge });
  return (
    <StepFrame page={page} errors={summaryErrors(form)}>
      <StepForm form={form}>
        <Textarea
          field={fields.outcomeWanted}
          label="What would you like to have at the end?"
          labelClass="govuk-label--s"
          hint="For example: 'A map showing which streets are most at risk, updated every month' or 'A short report with recommendations'. You can enter up to 5,000 characters."
        />
        <Textarea
          field={fields.successMeasures}
          label="How will you know it worked?"
          labelClass="govuk-label--s"
          hint="For example: 'Fewer emergency call-outs next winter' or 'Officers use the map in their weekly planning meeting'. You can enter up to 5,000 characters."
        />
      </StepForm>
    </StepFrame>
  );
}

import { Textarea } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import type { WizardPageOf } from "~/models/challenges/draft-view.server";
import { whyStep } from "~/models/challenges/wizard-steps/why";
import { StepForm, StepFrame, useStepReply } from "./step-frame";

export function WhyStep({ page }: { page: WizardPageOf<"why"> }) {
  const [form, fields] = useNettleForm(whyStep, { lastResult: useStepReply(), defaultValue: page.challenge });
  return (
    <StepFrame page={page} errors={summaryErrors(form)}>
      <StepForm form={form}>
        <Textarea
          field={fields.whyItMatters}
          label="Why does this problem matter?"
          labelClass="govuk-label--s"
          rows={6}
          hint="What happens if nothing changes, and who gains if it is solved? Numbers help if you have them. For example: 'Each flood costs around £40,000 in emergency repairs and leaves families out of their homes for weeks.' You can enter up to 5,000 characters."
        />
      </StepForm>
    </StepFrame>
  );
}

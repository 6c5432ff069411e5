import { TextField } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import type { WizardPageOf } from "~/models/challenges/draft-view.server";
import { areaStep } from "~/models/challenges/wizard-steps/area";
import { StepForm, StepFrame, useStepReply } from "./step-frame";

export function AreaStep({ page }: { page: WizardPageOf<"area"> }) {
  const [form, fields] = useNettleForm(areaStep, { lastResult: useStepReply(), defaultValue: page.challenge });
  return (
    <StepFrame page={page} errors={summaryErrors(form)}>
      <StepForm form={form}>
        <TextField
          field={fields.area}
          label="Which area does the challenge cover?"
          labelClass="govuk-label--s"
          hint={`Usually the whole of ${page.organisation.name}. If the problem is local, name the wards, towns or villages it affects. People can search for these names.`}
        />
      </StepForm>
    </StepFrame>
  );
}

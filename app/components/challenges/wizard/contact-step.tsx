import { TextField } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import type { WizardPageOf } from "~/models/challenges/draft-view.server";
import { contactStep } from "~/models/challenges/wizard-steps/contact";
import { StepForm, StepFrame, useStepReply } from "./step-frame";

export function ContactStep({ page }: { page: WizardPageOf<"contact"> }) {
  const [form, fields] = useNettleForm(contactStep, { lastResult: useStepReply(), defaultValue: page.challenge });
  return (
    <StepFrame page={page} errors={summaryErrors(form)}>
      <p className="govuk-body">
        Who can people ask about this challenge? Hub organisers and the team working on it will see these details.
      </p>
      <StepForm form={form}>
        <TextField field={fields.contactName} label="Name" labelClass="govuk-label--s" autoComplete="name" />
        <TextField
          field={fields.contactEmail}
          type="email"
          label="Email address"
          labelClass="govuk-label--s"
          hint="A shared team mailbox works well, for example data@yourcouncil.gov.uk."
          autoComplete="email"
          spellCheck={false}
        />
      </StepForm>
    </StepFrame>
  );
}

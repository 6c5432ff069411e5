import { Checkboxes } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import type { WizardPageOf } from "~/models/challenges/draft-view.server";
import { themesStep } from "~/models/challenges/wizard-steps/themes";
import { StepForm, StepFrame, useStepReply } from "./step-frame";

export function ThemesStep({ page }: { page: WizardPageOf<"themes"> }) {
  const [form, fields] = useNettleForm(themesStep, { lastResult: useStepReply(), defaultValue: page.challenge });
  return (
    <StepFrame page={page} errors={summaryErrors(form)}>
      <StepForm form={form}>
        <Checkboxes
          field={fields.themes}
          legend="Which themes does the challenge fit?"
          hint="Choose all that apply. People looking for challenges browse by theme."
          options={page.themes.map((theme) => ({ value: theme.id, label: theme.name }))}
        />
      </StepForm>
    </StepFrame>
  );
}

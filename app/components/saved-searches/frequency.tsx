import { Radios } from "~/components/forms";
import type { Field } from "~/components/use-form";
import { frequencyOptions } from "~/models/saved-searches/schemas";

/** "How do you want to hear about new results?" with the four choices. */
export function FrequencyRadios({ field }: { field: Field }) {
  return (
    <Radios
      field={field}
      legend="How do you want to hear about new results?"
      hint="New results always appear in your notifications on Nettle."
      options={frequencyOptions}
    />
  );
}

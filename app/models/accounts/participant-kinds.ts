// What describes a person best, in the same words wherever they choose or see it (sign-up and
// account settings). Client-safe: no server imports.

export const participantKindOptions = [
  { value: "volunteer", label: "Volunteer", hint: "You give your time and skills to local projects" },
  { value: "student", label: "Student" },
  { value: "academic", label: "Academic or researcher" },
  { value: "council_staff", label: "Council staff", hint: "You work for a council and may post its challenges" },
] as const;

export const participantKindLabels: Record<string, string> = Object.fromEntries(
  participantKindOptions.map((option) => [option.value, option.label]),
);

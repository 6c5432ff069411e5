import type { SkillLevelValue } from "~/models/profiles/schemas";

// Words the profile pages show. Client-safe: no server imports.

export const skillLevelOptions: { value: SkillLevelValue; label: string; hint: string }[] = [
  { value: "expert", label: "Expert", hint: "You could teach it or lead the work" },
  { value: "practised", label: "Practised", hint: "You have used it in real work" },
  { value: "learning", label: "Learning", hint: "You are new to it and want practice" },
];

export const skillLevelLabels: Record<SkillLevelValue, string> = { expert: "Expert", practised: "Practised", learning: "Learning" };

export const profileVisibilityChoices = [
  { value: "public", label: "Everyone", hint: "Anyone can see your profile page, and councils can find you for challenges" },
  { value: "members", label: "Signed-in members", hint: "Only people signed in to Nettle can see your profile or find you" },
  { value: "private", label: "Only you", hint: "Your profile is not shown to others, and you are not suggested for challenges" },
];

export const yesNoOptions = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

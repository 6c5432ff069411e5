// Words the account pages show. Client-safe: no server imports.

export const profileVisibilityOptions = [
  { value: "public", label: "Everyone", hint: "Anyone can see your profile, including people who are not signed in" },
  { value: "members", label: "Signed-in members", hint: "Only people signed in to Nettle can see your profile" },
  {
    value: "private",
    label: "Only you",
    hint: "Your profile is not shown to others, and you are not suggested for challenges",
  },
];

import type { OutcomeState } from "~/generated/prisma/enums";

// Words for an outcome's states, client-safe.

export const outcomeStateLabels: Record<OutcomeState, string> = {
  draft: "Draft",
  submitted: "Waiting for the council's sign-off",
  changes_requested: "Changes requested",
  signed_off: "Signed off",
  published: "Published",
};

/** The team may change the outcome only while it is theirs: not while the council decides. */
export const TEAM_EDITABLE_STATES: readonly OutcomeState[] = ["draft", "changes_requested"];

// Names shared by the challenge search (server) and the challenges page (browser), so no
// server imports here.

export const SORTS = ["newest", "closing-soon"] as const;
export type ChallengeSort = (typeof SORTS)[number];

/** The most sensitive dataset on a challenge; "none" when it lists no datasets. */
export const SENSITIVITIES = ["none", "open", "official", "official_sensitive"] as const;
export type ChallengeSensitivity = (typeof SENSITIVITIES)[number];

export type ChallengeFilterKey = "theme" | "skill" | "council" | "region" | "status" | "sensitivity";
/** Filters in the order the page shows them; each may be repeated in the query string. */
export const FILTER_KEYS: readonly ChallengeFilterKey[] = [
  "theme",
  "skill",
  "council",
  "region",
  "status",
  "sensitivity",
];

export interface FacetValue {
  value: string;
  count: number;
}

export interface ChallengeFacets {
  themes: FacetValue[];
  skills: FacetValue[];
  councils: FacetValue[];
  regions: FacetValue[];
  statuses: FacetValue[];
  sensitivities: FacetValue[];
}

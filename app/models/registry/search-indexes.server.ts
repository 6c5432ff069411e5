import { challengesIndex } from "~/models/challenges/search-index.server";
import { peopleIndex } from "~/models/matching/search-index.server";
import { organisationsIndex } from "~/models/organisations/search-index.server";
import type { SearchIndex } from "~/models/platform/search-index";
import { skillsIndex } from "~/models/taxonomy/search-index.server";
import type { IndexDefinition } from "~/services/search.server";

// Every search index, composed from the domains that own them. A new domain adds its index here.
export const searchIndexes = {
  organisations: organisationsIndex,
  skills: skillsIndex,
  challenges: challengesIndex,
  people: peopleIndex,
} satisfies Record<string, SearchIndex>;

export type IndexKey = keyof typeof searchIndexes;

export const indexKeys = Object.keys(searchIndexes) as IndexKey[];

export function isIndexKey(value: string): value is IndexKey {
  return Object.hasOwn(searchIndexes, value);
}

/** What the search service needs to create an index and apply its settings. */
export function indexDefinition(key: IndexKey): IndexDefinition {
  const index: SearchIndex = searchIndexes[key];
  return { key: index.key, primaryKey: index.primaryKey, settings: index.settings() };
}

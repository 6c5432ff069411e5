import type { DomainJobs } from "~/models/platform/jobs.server";
import { applySearchSettings } from "~/models/platform/search-reindex.server";
import { indexKeys, searchIndexes } from "~/models/registry/search-indexes.server";
import { SYNONYMS_TASK } from "~/models/taxonomy/synonyms.server";

/** Brings the synonyms of every index that uses the skills' names up to date with the database. */
export async function updateSearchSynonyms(log: (line: string) => void = () => {}) {
  const keys = indexKeys.filter((key) => "prepare" in searchIndexes[key]);
  await applySearchSettings(keys, log);
}

// The taxonomy's background work: a skill renamed, merged or given synonyms in the app is
// found by its new words once the indexes' synonyms follow (queued by the change itself).
export const taxonomyJobs: DomainJobs = {
  tasks: {
    [SYNONYMS_TASK]: async (_payload, helpers) => {
      await updateSearchSynonyms((line) => helpers.logger.info(`search: ${line}`));
    },
  },
  schedules: [],
};

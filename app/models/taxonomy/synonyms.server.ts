import type { Prisma } from "~/generated/prisma/client";
import { loadSkillTaxonomy, searchSynonyms } from "~/models/taxonomy/skill-taxonomy.server";
import { prisma } from "~/services/db.server";

// The Meilisearch synonyms of the skills, from the database: organisers rename skills, add
// synonyms and merge skills in the app, so the data file is only the seed. Index settings are
// read synchronously, so the synonyms are loaded first (`refreshSkillSynonyms`, the indexes'
// `prepare`) and kept here for this process.

type Db = Prisma.TransactionClient | typeof prisma;

let loaded: Record<string, string[]> | undefined;
let fromFile: Record<string, string[]> | undefined;

/** The synonyms last loaded from the database; the data file's before the first load or seed. */
export function skillSynonyms(): Record<string, string[]> {
  return loaded ?? (fromFile ??= searchSynonyms(loadSkillTaxonomy()));
}

/** Reads every skill's names from the database; an empty table (first start) keeps the file's. */
export async function refreshSkillSynonyms(db: Db = prisma) {
  const skills = await db.skill.findMany({ select: { name: true, synonyms: true }, orderBy: { slug: "asc" } });
  if (skills.length > 0) loaded = searchSynonyms({ skills });
  return skillSynonyms();
}

export const SYNONYMS_TASK = "taxonomy:synonyms";

/**
 * Queues the job that brings the indexes' synonyms up to date with the skills table; call in
 * the transaction that changed a skill's names, so it runs only when that change commits.
 */
export async function queueSynonymsUpdate(tx: Prisma.TransactionClient) {
  await tx.$executeRaw`SELECT graphile_worker.add_job(${SYNONYMS_TASK}, '{}'::json, job_key := ${SYNONYMS_TASK}, job_key_mode := 'replace', max_attempts := 25)`;
}

import type { Settings } from "meilisearch";
import type { Prisma } from "~/generated/prisma/client";

// What a domain declares for each search index it owns: the index's settings and where its
// documents come from. The outbox drain and the reindex command both read documents through
// the source, so an index always has one definition of a document. Composed in
// app/models/registry/search-indexes.server.ts.

type Db = Prisma.TransactionClient;

export interface SearchDocument {
  id: string;
  [field: string]: unknown;
}

export interface DocumentSource {
  byIds(db: Db, ids: string[]): Promise<SearchDocument[]>;
  /** Documents in id order after `afterId`, for a full reindex. */
  page(db: Db, afterId: string | null, take: number): Promise<SearchDocument[]>;
  count(db: Db): Promise<number>;
}

export interface SearchIndex<Key extends string = string> {
  key: Key;
  primaryKey: string;
  /** Loads what `settings` needs from the database (the skills' synonyms); run before reading them. */
  prepare?: (db: Db) => Promise<void>;
  /** A function, so data files (the skill synonyms) are read only when settings are applied. */
  settings: () => Settings;
  source: DocumentSource;
}

/** The first ~300 characters of markdown as plain text, for result lists. */
export function plainSummary(markdown: string) {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`~|-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > 300 ? `${text.slice(0, 297).replace(/\s+\S*$/, "")}…` : text;
}


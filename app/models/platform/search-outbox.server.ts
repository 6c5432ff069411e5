import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/services/db.server";
import { isIndexKey, searchIndexes, type IndexKey } from "~/models/registry/search-indexes.server";
import { getSearch, type SearchService } from "~/services/search.server";

// The search outbox. A write that changes something searchable calls recordSearchChange()
// inside its own transaction, so the row exists if and only if the change committed. The
// worker drains the rows: it reads the *current* state of each document from PostgreSQL and
// pushes it (or deletes it when the record is gone), so rows never carry stale payloads and
// repeated changes to one record collapse into one push.

export const DRAIN_TASK = "search:drain";

// One drainer at a time across all workers: batches then reach Meilisearch in the order they
// read PostgreSQL, so an older read can never overwrite a newer one.
const DRAIN_LOCK_KEY = 0x6e65_7474; // "nett"

type Tx = Prisma.TransactionClient;

/** Records that documents changed; call inside the transaction that changed them. */
export async function recordSearchChange(tx: Tx, indexKey: IndexKey, documentIds: string[]) {
  if (documentIds.length === 0) return;
  await tx.searchOutbox.createMany({
    data: documentIds.map((documentId) => ({ indexName: indexKey, documentId })),
  });
  // One pending drain job is enough however many rows are waiting (job_key de-duplicates);
  // it is added in the same transaction so it only runs if the change commits.
  await tx.$executeRaw`SELECT graphile_worker.add_job(${DRAIN_TASK}, '{}'::json, job_key := ${DRAIN_TASK}, job_key_mode := 'preserve_run_at', max_attempts := 25)`;
}

export interface DrainResult {
  processed: number;
  upserted: number;
  deleted: number;
}

interface OutboxRow {
  id: bigint;
  index_name: string;
  document_id: string;
}

/**
 * Pushes waiting outbox rows to Meilisearch in batches until none are due. Throws (after
 * recording the failure and scheduling a retry on each row) when Meilisearch fails, so the
 * job queue retries the drain as well.
 */
export async function drainSearchOutbox(
  options: { search?: SearchService; batchSize?: number; log?: (line: string) => void } = {},
): Promise<DrainResult> {
  const search = options.search ?? getSearch();
  const batchSize = options.batchSize ?? 500;
  const total: DrainResult = { processed: 0, upserted: 0, deleted: 0 };

  for (;;) {
    const batch = await prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DRAIN_LOCK_KEY})`;
        const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT id, index_name, document_id FROM search_outbox
          WHERE processed_at IS NULL AND available_at <= now()
          ORDER BY id LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return null;
        const ids = rows.map((row) => row.id.toString());
        try {
          const result = await pushRows(tx, search, rows);
          await tx.$executeRaw`UPDATE search_outbox SET processed_at = now(), last_error = NULL WHERE id = ANY(${ids}::bigint[])`;
          return { ...result, processed: rows.length };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await tx.$executeRaw`
            UPDATE search_outbox
            SET attempts = attempts + 1,
                last_error = ${message.slice(0, 1000)},
                available_at = now() + make_interval(secs => LEAST(power(2, GREATEST(attempts + 1, 1)), 60))
            WHERE id = ANY(${ids}::bigint[])`;
          return { error: new SearchSyncError(rows.length, message, error) };
        }
      },
      { timeout: 180_000, maxWait: 30_000 },
    );
    if (batch === null) return total;
    if ("error" in batch) throw batch.error;
    total.processed += batch.processed;
    total.upserted += batch.upserted;
    total.deleted += batch.deleted;
    options.log?.(`search outbox: pushed ${batch.processed} change(s)`);
  }
}

export class SearchSyncError extends Error {
  override name = "SearchSyncError";
  constructor(rows: number, message: string, cause: unknown) {
    super(`Could not push ${rows} search change(s) to Meilisearch; they stay queued and will be retried: ${message}`, {
      cause,
    });
  }
}

async function pushRows(tx: Tx, search: SearchService, rows: OutboxRow[]) {
  const byIndex = new Map<IndexKey, Set<string>>();
  for (const row of rows) {
    // A row for an index this version no longer knows is dropped (marked done) on purpose.
    if (!isIndexKey(row.index_name)) continue;
    const ids = byIndex.get(row.index_name) ?? new Set<string>();
    ids.add(row.document_id);
    byIndex.set(row.index_name, ids);
  }
  let upserted = 0;
  let deleted = 0;
  for (const [key, idSet] of byIndex) {
    const ids = [...idSet];
    const documents = await searchIndexes[key].source.byIds(tx, ids);
    const found = new Set(documents.map((doc) => doc.id));
    const gone = ids.filter((id) => !found.has(id));
    const index = search.index(key);
    if (documents.length > 0) {
      await expectSuccess(index.addDocuments(documents, { primaryKey: "id" }).waitTask({ timeout: 60_000 }));
      upserted += documents.length;
    }
    if (gone.length > 0) {
      await expectSuccess(index.deleteDocuments(gone).waitTask({ timeout: 60_000 }));
      deleted += gone.length;
    }
  }
  return { upserted, deleted };
}

async function expectSuccess(taskPromise: Promise<{ status: string; error?: { message: string } | null }>) {
  const task = await taskPromise;
  if (task.status !== "succeeded") throw new Error(task.error?.message ?? `Meilisearch task ${task.status}`);
}

/** Pending work, for /healthz: how many rows wait and how long the oldest has waited. */
export async function outboxLag() {
  const [row] = await prisma.$queryRaw<{ pending: bigint; oldest_seconds: number | null; failing: bigint }[]>`
    SELECT count(*) AS pending,
           EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest_seconds,
           count(*) FILTER (WHERE attempts > 0) AS failing
    FROM search_outbox WHERE processed_at IS NULL`;
  return {
    pending: Number(row?.pending ?? 0),
    oldestSeconds: row?.oldest_seconds ?? 0,
    failing: Number(row?.failing ?? 0),
  };
}

/** Deletes processed rows older than `days`, so the table stays small. */
export async function pruneSearchOutbox(days = 7) {
  return prisma.$executeRaw`DELETE FROM search_outbox WHERE processed_at < now() - make_interval(days => ${days})`;
}

/** Re-queues every change recorded since `since` for an index (used after a reindex swap). */
export async function requeueSince(indexKey: IndexKey, since: Date) {
  return prisma.$transaction(async (tx) => {
    const count = await tx.$executeRaw`
      UPDATE search_outbox SET processed_at = NULL, available_at = now()
      WHERE index_name = ${indexKey} AND created_at >= ${since}`;
    if (count > 0) {
      await tx.$executeRaw`SELECT graphile_worker.add_job(${DRAIN_TASK}, '{}'::json, job_key := ${DRAIN_TASK}, job_key_mode := 'preserve_run_at')`;
    }
    return count;
  });
}

import type { DocumentSource, SearchIndex } from "~/models/platform/search-index";
import { prisma } from "~/services/db.server";
import { indexDefinition, indexKeys, searchIndexes, type IndexKey } from "~/models/registry/search-indexes.server";
import { getSearch, isNotFound, type SearchService } from "~/services/search.server";
import { requeueSince } from "~/models/platform/search-outbox.server";

export interface ReindexProgress {
  done: number;
  total: number;
}

/**
 * Rebuilds one index from PostgreSQL into a fresh index and swaps it in, so searches keep
 * answering from the old index until the new one is complete. Changes committed while the
 * rebuild ran are re-queued afterwards, so none is lost to the swap.
 */
export async function rebuildIndex(
  key: IndexKey,
  options: { search?: SearchService; batchSize?: number; onProgress?: (progress: ReindexProgress) => void } = {},
) {
  const search = options.search ?? getSearch();
  const batchSize = options.batchSize ?? 1_000;
  const live = search.indexName(key);
  const fresh = `${live}_rebuild_${Date.now().toString(36)}`;
  const startedAt = new Date();
  const source: DocumentSource = searchIndexes[key].source;
  await prepareSettings([key]);
  const definition = indexDefinition(key);

  await search.applySettings([definition]); // ensures the live index exists, so it can be swapped
  await search.applySettingsTo(fresh, definition);
  try {
    const total = await source.count(prisma);
    let done = 0;
    let afterId: string | null = null;
    options.onProgress?.({ done, total });
    // The next page is read from PostgreSQL while Meilisearch indexes this one: one batch in
    // flight at a time, so the two work side by side without queueing the whole table.
    let inFlight: { task: Promise<{ status: string; error?: { message: string } | null }>; size: number } | null = null;
    const settle = async () => {
      if (!inFlight) return;
      const task = await inFlight.task;
      if (task.status !== "succeeded") throw new Error(`Meilisearch refused documents: ${task.error?.message ?? task.status}`);
      done += inFlight.size;
      inFlight = null;
      options.onProgress?.({ done, total: Math.max(total, done) });
    };
    for (;;) {
      const documents = await source.page(prisma, afterId, batchSize);
      if (documents.length === 0) break;
      afterId = documents[documents.length - 1]!.id;
      const task = search.client.index(fresh).addDocuments(documents).waitTask({ timeout: 300_000 });
      task.catch(() => {}); // awaited in settle(); this only stops an early failure counting as unhandled
      await settle();
      inFlight = { task, size: documents.length };
    }
    await settle();
    const swap = await search.client.swapIndexes([{ indexes: [live, fresh], rename: false }]).waitTask({ timeout: 60_000 });
    if (swap.status !== "succeeded") throw new Error(`Meilisearch could not swap indexes: ${swap.error?.message ?? swap.status}`);
    const requeued = await requeueSince(key, startedAt);
    return { documents: done, requeued };
  } finally {
    // After a swap `fresh` holds the old documents; on failure it holds a partial build.
    await search.client.deleteIndex(fresh).waitTask({ timeout: 60_000 }).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }
}

/**
 * Rebuilds any index that is empty while PostgreSQL has documents for it: a new or wiped
 * Meilisearch (or a changed MEILI_URL / prefix) then fills itself at start instead of showing
 * nothing. Returns what it rebuilt.
 */
export async function fillEmptyIndexes(search: SearchService = getSearch()) {
  const rebuilt: { key: IndexKey; documents: number }[] = [];
  for (const key of indexKeys) {
    const inDatabase = await searchIndexes[key].source.count(prisma);
    if (inDatabase === 0) continue;
    // Changes still waiting in the outbox will reach the index through the worker anyway.
    if ((await prisma.searchOutbox.count({ where: { indexName: key, processedAt: null } })) > 0) continue;
    const stats = await search.index(key).getStats();
    if (stats.numberOfDocuments > 0 || stats.isIndexing) continue;
    const result = await rebuildIndex(key, { search });
    rebuilt.push({ key, documents: result.documents });
  }
  return rebuilt;
}

/**
 * Creates missing indexes and brings the settings of `keys` (all by default) up to date, as
 * their domains define them. Settings that already match are left alone.
 */
export async function applySearchSettings(
  keys: IndexKey[] = indexKeys,
  log: (line: string) => void = () => {},
  search: SearchService = getSearch(),
) {
  await prepareSettings(keys);
  await search.applySettings(keys.map(indexDefinition), log);
}

async function prepareSettings(keys: IndexKey[]) {
  for (const key of keys) {
    const index: SearchIndex = searchIndexes[key];
    await index.prepare?.(prisma);
  }
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import getPort from "get-port";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { startEmbeddedMeilisearch } from "../../server/embedded/meilisearch";
import { createOrganisation, deleteOrganisation, updateOrganisation } from "~/models/organisations/organisation.server";
import { drainSearchOutbox, SearchSyncError } from "~/models/platform/search-outbox.server";
import { prisma } from "~/services/db.server";
import { SearchService } from "~/services/search.server";
import { applySearchSettings } from "~/models/platform/search-reindex.server";
import type { Actor } from "~/models/platform/actor";
import { makeUser } from "../support/world";

// The outbox is what keeps Meilisearch equal to PostgreSQL. This file runs its own
// Meilisearch so it can stop and restart it without disturbing other test files.

const root = mkdtempSync(path.join(tmpdir(), "nettle-outbox-"));
let meili: Awaited<ReturnType<typeof startEmbeddedMeilisearch>>;
let port: number;
let search: SearchService;
let admin: Actor;

async function startMeili() {
  meili = await startEmbeddedMeilisearch({
    dataDir: path.join(root, "data"),
    keyFile: path.join(root, "key"),
    binary: inject("meiliBinary"),
    port,
    persistent: true,
  });
}

beforeAll(async () => {
  admin = { ...(await makeUser("admin@example.org", { isAdmin: true })), sessionId: "" };
  port = await getPort();
  await startMeili();
  search = new SearchService({ url: meili.url, apiKey: meili.masterKey, prefix: "outbox_" });
  await applySearchSettings(["organisations"], undefined, search);
});

afterAll(async () => {
  await meili.stop();
  rmSync(root, { recursive: true, force: true });
});

async function indexedNames(): Promise<Map<string, string>> {
  const { results } = await search.index("organisations").getDocuments({ limit: 1000, fields: ["id", "name"] });
  return new Map(results.map((doc) => [String(doc.id), String(doc.name)]));
}

async function databaseNames(): Promise<Map<string, string>> {
  const rows = await prisma.organisation.findMany({ select: { id: true, name: true } });
  return new Map(rows.map((row) => [row.id, row.name]));
}

async function pendingRows() {
  return prisma.searchOutbox.findMany({ where: { processedAt: null }, orderBy: { id: "asc" } });
}

describe("search outbox", () => {
  test("create, edit and delete reach the index through the outbox, in the same transaction as the change", async () => {
    const a = await createOrganisation(admin, { name: "Harbour Data Collective", kind: "community" });
    const b = await createOrganisation(admin, { name: "Fenland University", kind: "university" });
    expect((await pendingRows()).map((row) => row.documentId)).toEqual([a.id, b.id]);
    expect(await indexedNames()).toEqual(new Map());

    await updateOrganisation(admin, a.id, { name: "Harbour Open Data Collective" });
    await deleteOrganisation(admin, b.id);
    const result = await drainSearchOutbox({ search });

    expect(result).toMatchObject({ processed: 4, upserted: 1, deleted: 1 });
    expect(await indexedNames()).toEqual(await databaseNames());
    expect(await indexedNames()).toEqual(new Map([[a.id, "Harbour Open Data Collective"]]));
    expect(await pendingRows()).toEqual([]);
  });

  test("a write that fails leaves no outbox row behind", async () => {
    const before = await prisma.searchOutbox.count();
    await expect(updateOrganisation(admin, "no-such-organisation", { name: "Ghost Council" })).rejects.toThrow();
    expect(await prisma.searchOutbox.count()).toBe(before);
  });

  test("with Meilisearch stopped, writes succeed and queue; when it returns, the index matches the database", async () => {
    await drainSearchOutbox({ search });
    const kept = await createOrganisation(admin, { name: "Moorland Civic Tech", kind: "community" });
    await drainSearchOutbox({ search });

    await meili.stop();
    const created = await createOrganisation(admin, { name: "Estuary Data Hub", kind: "hub" });
    await updateOrganisation(admin, kept.id, { name: "Moorland Civic Tech Group" });
    const doomed = await createOrganisation(admin, { name: "Short-lived Group", kind: "community" });
    await deleteOrganisation(admin, doomed.id);

    await expect(drainSearchOutbox({ search })).rejects.toThrow(SearchSyncError);
    const waiting = await pendingRows();
    expect(waiting).toHaveLength(4);
    for (const row of waiting) {
      expect(row.attempts).toBe(1);
      expect(row.lastError).toBeTruthy();
      expect(row.availableAt.getTime()).toBeGreaterThan(Date.now());
    }
    // Retrying before the back-off has passed does nothing and loses nothing.
    await expect(drainSearchOutbox({ search })).resolves.toMatchObject({ processed: 0 });

    await startMeili();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, waiting[0]!.availableAt.getTime() - Date.now()) + 50));
    const result = await drainSearchOutbox({ search });

    expect(result.processed).toBe(4);
    expect(await pendingRows()).toEqual([]);
    const indexed = await indexedNames();
    expect(indexed).toEqual(await databaseNames());
    expect(indexed.get(created.id)).toBe("Estuary Data Hub");
    expect(indexed.get(kept.id)).toBe("Moorland Civic Tech Group");
    expect(indexed.has(doomed.id)).toBe(false);
  });
});

import { Meilisearch, type Settings } from "meilisearch";
import { getEnv, searchIndexPrefix } from "~/services/env.server";

// The only module that talks to Meilisearch, and it knows nothing of Nettle's records: each
// domain defines its indexes (app/models/<domain>/search-index.server.ts) and passes them in.
// Meilisearch is a derived index: PostgreSQL is the source of truth and
// app/models/platform/search-outbox.server.ts keeps the two in step.

/** An index as Meilisearch needs to know it: its key (the name without the prefix), primary key and settings. */
export interface IndexDefinition {
  key: string;
  primaryKey: string;
  settings: Settings;
}

export interface SearchConfig {
  url: string;
  apiKey?: string;
  prefix: string;
}

export class SearchService {
  readonly client: Meilisearch;
  readonly prefix: string;

  constructor(config: SearchConfig) {
    this.prefix = config.prefix;
    this.client = new Meilisearch({
      host: config.url,
      apiKey: config.apiKey,
      timeout: 10_000,
      // Without this Node's fetch asks for brotli and every response over ~1 KB stalls ~40 ms.
      requestInit: { headers: { "accept-encoding": "identity" } },
    });
  }

  indexName(key: string): string {
    return `${this.prefix}${key}`;
  }

  index<T extends Record<string, unknown> = Record<string, unknown>>(key: string) {
    return this.client.index<T>(this.indexName(key));
  }

  /** True when Meilisearch answers its health check within `timeoutMs`. */
  async isAvailable(timeoutMs = 1_000): Promise<boolean> {
    try {
      const response = await fetch(new URL("/health", this.client.config.host), {
        signal: AbortSignal.timeout(timeoutMs),
        headers: { "accept-encoding": "identity" },
      });
      return response.ok;
    } catch {
      return false;
    }
  }

  /**
   * Creates missing indexes and brings their settings up to date. Settings that already match
   * are left alone, because every settings update makes Meilisearch re-index the documents.
   */
  async applySettings(definitions: IndexDefinition[], log: (line: string) => void = () => {}) {
    for (const definition of definitions) {
      await this.applySettingsTo(this.indexName(definition.key), definition, log);
    }
  }

  async applySettingsTo(uid: string, { primaryKey, settings }: IndexDefinition, log: (line: string) => void = () => {}) {
    const exists = await this.client
      .getRawIndex(uid)
      .then(() => true)
      .catch((error: unknown) => {
        if (isNotFound(error)) return false;
        throw error;
      });
    if (!exists) {
      await this.client.createIndex(uid, { primaryKey }).waitTask({ timeout: 30_000 });
      log(`created index ${uid}`);
    }
    const current = await this.client.index(uid).getSettings();
    const changed = Object.entries(settings).filter(
      ([name, wanted]) => !sameSetting(name, current[name as keyof Settings], wanted),
    );
    if (changed.length === 0) return;
    const task = await this.client
      .index(uid)
      .updateSettings(Object.fromEntries(changed))
      .waitTask({ timeout: 120_000 });
    if (task.status !== "succeeded") {
      throw new Error(`Meilisearch refused the settings for ${uid}: ${task.error?.message ?? task.status}`);
    }
    log(`updated ${changed.map(([name]) => name).join(", ")} on ${uid}`);
  }
}

const orderInsensitive = new Set(["filterableAttributes", "sortableAttributes"]);

function sameSetting(name: string, current: unknown, wanted: unknown): boolean {
  if (orderInsensitive.has(name) && Array.isArray(current) && Array.isArray(wanted)) {
    return JSON.stringify([...current].sort()) === JSON.stringify([...wanted].sort());
  }
  if (name === "synonyms") return JSON.stringify(sortKeys(current)) === JSON.stringify(sortKeys(wanted));
  // Object settings (typoTolerance …) come back with every field filled in: compare ours only.
  if (isPlainObject(wanted) && isPlainObject(current)) {
    return Object.entries(wanted).every(([key, value]) => sameSetting(key, current[key], value));
  }
  return JSON.stringify(current) === JSON.stringify(wanted);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sortKeys(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]),
  );
}

export function isNotFound(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "cause" in error &&
    typeof error.cause === "object" &&
    error.cause !== null &&
    "code" in error.cause &&
    typeof error.cause.code === "string" &&
    error.cause.code.endsWith("_not_found")
  );
}

let singleton: SearchService | undefined;

/** The process-wide search service, configured from the environment. */
export function getSearch(): SearchService {
  if (!singleton) {
    const env = getEnv();
    singleton = new SearchService({
      url: env.MEILI_URL,
      apiKey: env.MEILI_MASTER_KEY,
      prefix: searchIndexPrefix(env),
    });
  }
  return singleton;
}

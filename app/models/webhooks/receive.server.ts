import { isIP } from "node:net";
import { verifyWithFallback } from "@octokit/webhooks-methods";
import { hit, RATE_LIMITS } from "~/models/platform/rate-limit.server";
import { prisma } from "~/services/db.server";
import { getEnv } from "~/services/env.server";
import { PROCESS_TASK } from "~/models/webhooks/tasks";

// Receiving a GitHub webhook delivery: count it against its sender's limit, check it is signed
// with our secret, store it once by its delivery id and queue its processing in the same
// transaction, then answer at once. The work happens in the worker (process.server.ts), so
// GitHub's 10-second timeout is never near and a slow database write never loses a delivery.

export interface WebhookAnswer {
  status: 200 | 202 | 400 | 401 | 429 | 503;
  body: { status: "queued" | "duplicate" } | { error: string };
  headers?: Record<string, string>;
}

export interface IncomingDelivery {
  clientIp: string | undefined;
  event: string | null;
  deliveryId: string | null;
  signature: string | null;
  /** Read only once the sender passed the rate limit and sent the headers GitHub sends. */
  readBody: () => Promise<Uint8Array>;
}

// GitHub's event names are lower-case words joined by "_"; delivery ids are GUIDs. Anything
// else is not GitHub, and must not reach the database as a key.
const EVENT_NAME = /^[a-z][a-z_]{0,63}$/;
const DELIVERY_ID = /^[A-Za-z0-9-]{1,100}$/;

/** The secrets a delivery may be signed with: the current one first, then the one being retired. */
export function webhookSecrets(env = getEnv()): string[] {
  return [env.GITHUB_WEBHOOK_SECRET, env.GITHUB_WEBHOOK_SECRET_PREVIOUS].filter((secret): secret is string => !!secret);
}

const refuse = (status: WebhookAnswer["status"], error: string, headers?: Record<string, string>): WebhookAnswer => ({
  status,
  body: { error },
  headers,
});

export async function receiveGitHubDelivery(incoming: IncomingDelivery, secrets = webhookSecrets()): Promise<WebhookAnswer> {
  // Counted before anything else, so bad signatures cost the sender as much as good ones.
  const ip = incoming.clientIp && isIP(incoming.clientIp) ? incoming.clientIp : "unknown";
  const limit = await hit(`webhook:ip:${ip}`, RATE_LIMITS.webhook.ip);
  if (!limit.allowed) {
    return refuse(429, "Too many deliveries from this address. Try again later.", {
      "Retry-After": String(limit.retryAfterSeconds),
    });
  }

  const [current, ...previous] = secrets;
  if (!current) return refuse(503, "Webhooks are not configured on this Nettle (GITHUB_WEBHOOK_SECRET is not set).");

  if (!incoming.signature) return refuse(401, "The X-Hub-Signature-256 header is missing.");
  const body = await incoming.readBody();
  if (body.byteLength === 0) return refuse(400, "The delivery has no body.");
  // GitHub signs the bytes it sends; JSON from GitHub is UTF-8, so reading them as UTF-8 gives
  // back the same bytes to sign. Anything else fails the comparison, as it should.
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  const signed = await verifyWithFallback(current, text, incoming.signature, previous);
  if (!signed) return refuse(401, "The signature does not match this delivery.");

  if (!incoming.event || !EVENT_NAME.test(incoming.event)) return refuse(400, "The X-GitHub-Event header is missing or not an event name.");
  if (!incoming.deliveryId || !DELIVERY_ID.test(incoming.deliveryId)) {
    return refuse(400, "The X-GitHub-Delivery header is missing or not a delivery id.");
  }

  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return refuse(400, "The delivery is not JSON. Set the webhook's content type to application/json.");
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    return refuse(400, "The delivery is not a JSON object.");
  }

  const stored = await storeDelivery(incoming.event, incoming.deliveryId, payload as Record<string, unknown>, text);
  return stored ? { status: 202, body: { status: "queued" } } : { status: 200, body: { status: "duplicate" } };
}

const asId = (value: unknown) => (typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? String(value) : null);
const asText = (value: unknown, max: number) => (typeof value === "string" ? storableText(value).slice(0, max) : null);

/**
 * Stores the delivery unless its id is already there, and queues its processing in the same
 * statement, so atomically (a job never points at a delivery that did not commit, and a stored
 * delivery always has its job). One statement is one round trip: this runs for every delivery
 * while GitHub waits. Returns false for a redelivery.
 */
async function storeDelivery(event: string, id: string, payload: Record<string, unknown>, text: string) {
  const repository = (payload.repository ?? null) as Record<string, unknown> | null;
  const installation = (payload.installation ?? null) as Record<string, unknown> | null;
  // PostgreSQL's jsonb refuses the NUL character (\u0000) and unpaired surrogates, even
  // escaped (a signed payload can carry them: an issue title, a commit message). Only then is
  // the payload rewritten, without them.
  const json = UNSTORABLE_ESCAPE.test(text) ? JSON.stringify(storable(payload)) : text;
  const stored = await prisma.$queryRaw<{ id: string }[]>`
    WITH inserted AS (
      INSERT INTO webhook_deliveries (id, event, action, github_repo_id, repo_full_name, installation_id, payload)
      VALUES (${id}, ${event}, ${asText(payload.action, 100)}, ${asId(repository?.id)}::bigint,
              ${asText(repository?.full_name, 200)}, ${asId(installation?.id)}::bigint, ${json}::jsonb)
      ON CONFLICT (id) DO NOTHING
      RETURNING id
    )
    SELECT inserted.id, (graphile_worker.add_job(${PROCESS_TASK}, json_build_object('id', inserted.id), job_key := ${`${PROCESS_TASK}:${id}`}, max_attempts := 10)).id AS job_id
    FROM inserted`;
  return stored.length > 0;
}

const UNSTORABLE_ESCAPE = /\\u(0000|d[89a-f][0-9a-f]{2})/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const storableText = (text: string) => text.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\uFFFD");

function storable(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [storableText(key), storable(inner)]));
  }
  return value;
}

/** For /healthz: deliveries waiting for the worker, failures in the last day, the last arrival. */
export async function webhookQueueStatus() {
  const [row] = await prisma.$queryRaw<{ waiting: number; failed: number; last: Date | null }[]>`
    SELECT
      (SELECT count(*)::int FROM webhook_deliveries WHERE processed_at IS NULL) AS waiting,
      (SELECT count(*)::int FROM webhook_deliveries WHERE result = 'failed' AND received_at > now() - interval '1 day') AS failed,
      (SELECT max(received_at) FROM webhook_deliveries) AS last`;
  return { waiting: row?.waiting ?? 0, failedLastDay: row?.failed ?? 0, lastReceivedAt: row?.last?.toISOString() ?? null };
}

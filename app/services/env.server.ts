import { isIP } from "node:net";
import { z } from "zod";

/** Express's "trust proxy": none, all, a hop count, or proxies by address. */
export type TrustProxy = boolean | number | string[];

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrSubnet(entry: string) {
  const [address = "", bits, ...extra] = entry.split("/");
  if (extra.length > 0 || !isIP(address)) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) <= max;
}

// Forwarded headers are believed only from proxies named here; anyone can send them.
const trustProxy = z
  .string()
  .trim()
  .default("false")
  .transform((value, ctx): TrustProxy => {
    if (value === "false" || value === "") return false;
    if (value === "true") return true;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(",").map((entry) => entry.trim());
    if (entries.every((entry) => PROXY_NAMES.has(entry) || isAddressOrSubnet(entry))) return entries;
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message:
        "must be false, true, a number of proxies (like 1), or proxy addresses separated by commas (like 10.0.0.1,10.0.0.0/8 or loopback)",
    });
    return z.NEVER;
  });

// Every setting Nettle reads, in one place. The README's configuration table mirrors this.
// `npm start` fills DATABASE_URL / MEILI_URL / MEILI_MASTER_KEY itself when it starts the
// embedded services, so by the time the app or worker reads them they are always present.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url({ message: "must be a postgresql:// URL" }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MEILI_URL: z.string().url({ message: "must be an http(s):// URL" }),
  MEILI_MASTER_KEY: z.string().optional(),
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, { message: "may only contain letters, digits, - and _" })
    .optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  TRUST_PROXY: trustProxy,
  PUBLIC_URL: z.string().url({ message: "must be the address people use, like https://nettle.example.org" }).optional(),
  SMTP_URL: z.string().url({ message: "must be an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.string().optional(),
  GITHUB_CLIENT_ID: z.string().optional(),
  GITHUB_CLIENT_SECRET: z.string().optional(),
  /** GitHub repository tracking (app/services/github.server.ts). All optional: public
   * repositories are read without credentials. A token or a GitHub App raises the rate limit
   * and reaches private repositories the token or installation can read. */
  GITHUB_TOKEN: z.string().optional(),
  GITHUB_APP_ID: z.string().regex(/^\d+$/, { message: "must be the App's numeric id" }).optional(),
  /** The App's private key (PEM; "\\n" in one line is accepted). */
  GITHUB_APP_PRIVATE_KEY: z.string().optional(),
  GITHUB_APP_INSTALLATION_ID: z.string().regex(/^\d+$/, { message: "must be the installation's numeric id" }).optional(),
  /** Secret shared with GitHub's webhook settings; a second one is accepted while rotating. */
  GITHUB_WEBHOOK_SECRET: z.string().optional(),
  GITHUB_WEBHOOK_SECRET_PREVIOUS: z.string().optional(),
  /** Days without repository activity or team updates before a project counts as stalled. */
  NETTLE_STALLED_AFTER_DAYS: z.coerce.number().int().min(1).max(365).default(21),
  /** Offers of help one person may have waiting for an answer at once. */
  NETTLE_MAX_PENDING_APPLICATIONS: z.coerce.number().int().min(1).max(100).default(5),
}).refine((env) => !env.GITHUB_APP_ID || (!!env.GITHUB_APP_PRIVATE_KEY && !!env.GITHUB_APP_INSTALLATION_ID), {
  path: ["GITHUB_APP_PRIVATE_KEY"],
  message: "and GITHUB_APP_INSTALLATION_ID must be set when GITHUB_APP_ID is set",
}).refine((env) => !env.GITHUB_CLIENT_ID || !!env.GITHUB_CLIENT_SECRET, {
  path: ["GITHUB_CLIENT_SECRET"],
  message: "must be set when GITHUB_CLIENT_ID is set (both come from your GitHub OAuth app)",
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join(".");
      const message = issue.code === "invalid_type" && issue.received === "undefined" ? "is not set" : issue.message;
      return `  ${name} ${message}`;
    });
    throw new ConfigError(`Nettle's configuration is not valid:\n${lines.join("\n")}\nSee "Configuration" in README.md.`);
  }
  return result.data;
}

export function getEnv(): Env {
  return (cached ??= parseEnv(process.env));
}

/**
 * Index names carry a prefix so several installations (or test runs) can share one
 * Meilisearch. `npm start` and `npm run dev` share one database, so they share one prefix too:
 * the index is derived from the database, not from the mode the app runs in.
 */
export function searchIndexPrefix(env: Env = getEnv()): string {
  return env.MEILI_INDEX_PREFIX ?? "nettle_";
}

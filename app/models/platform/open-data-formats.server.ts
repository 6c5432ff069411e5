import type { PublicChallengeRecord } from "~/models/challenges/open-data.server";
import { absoluteUrl, publicUrl } from "~/models/platform/mail.server";

// The serialisations of published challenges (CSV, Atom) and the HTTP conventions of the open
// data API. Pure functions: the routes load the records, these only write them out.

export const DATA_LICENCE = { name: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/" } as const;

// ---------------------------------------------------------------------------------------
// JSON API responses
// ---------------------------------------------------------------------------------------

const cors = { "Access-Control-Allow-Origin": "*" };
export const API_CACHE_HEADERS = { ...cors, "Cache-Control": "public, max-age=60" };

export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  return Response.json(body, { status: init.status ?? 200, headers: { ...API_CACHE_HEADERS, ...init.headers } });
}

export function apiError(
  status: number,
  message: string,
  fields?: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return Response.json(
    { error: { message, ...(fields ? { fields } : {}) } },
    { status, headers: { ...cors, "Cache-Control": "no-store", ...headers } },
  );
}

/** The API is read-only: answers CORS preflights, refuses every other non-GET method. */
export function apiMethodNotAllowed(request: Request) {
  if (request.method === "OPTIONS") {
    return new Response(null, {
      status: 204,
      headers: {
        ...cors,
        "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Max-Age": "86400",
        Allow: "GET, HEAD, OPTIONS",
      },
    });
  }
  return apiError(405, `${request.method} is not allowed: the Nettle API is read-only. Use GET.`, undefined, {
    Allow: "GET, HEAD, OPTIONS",
  });
}

// ---------------------------------------------------------------------------------------
// CSV (RFC 4180, UTF-8 with a byte order mark so Excel reads the accents right)
// ---------------------------------------------------------------------------------------

const csvColumns: [string, (r: PublicChallengeRecord) => string | number | null][] = [
  ["id", (r) => r.id],
  ["slug", (r) => r.slug],
  ["url", (r) => r.url],
  ["title", (r) => r.title],
  ["summary", (r) => r.summary],
  ["outcome_wanted", (r) => r.outcomeWanted],
  ["status", (r) => r.status],
  ["status_label", (r) => r.statusLabel],
  ["council", (r) => r.council.name],
  ["council_slug", (r) => r.council.slug],
  ["gss_code", (r) => r.council.gssCode],
  ["local_authority_code", (r) => r.council.localAuthorityCode],
  ["region", (r) => r.region],
  ["area", (r) => r.area],
  ["themes", (r) => r.themes.map((t) => t.name).join("; ")],
  [
    "essential_skills",
    (r) =>
      r.skills
        .filter((s) => s.importance === "essential")
        .map((s) => s.name)
        .join("; "),
  ],
  [
    "helpful_skills",
    (r) =>
      r.skills
        .filter((s) => s.importance === "helpful")
        .map((s) => s.name)
        .join("; "),
  ],
  ["team_size_min", (r) => r.teamSize.min],
  ["team_size_max", (r) => r.teamSize.max],
  ["time_commitment", (r) => r.timeCommitment],
  ["deadline", (r) => r.deadline],
  ["published_at", (r) => r.publishedAt],
  ["updated_at", (r) => r.updatedAt],
  ["datasets", (r) => r.datasets.map((d) => d.title).join("; ")],
];

/**
 * One CSV cell. Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe, so a title like "=HYPERLINK(…)" stays text (OWASP "CSV injection").
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function challengesCsv(records: readonly PublicChallengeRecord[]) {
  const lines = [csvColumns.map(([name]) => name).join(",")];
  for (const record of records) lines.push(csvColumns.map(([, value]) => csvCell(value(record))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------------------------------
// Atom 1.0 (RFC 4287)
// ---------------------------------------------------------------------------------------

/** Escapes text for XML and drops characters XML 1.0 forbids (they would break the feed). */
export function xmlEscape(text: string) {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
  );
}

/** A tag: URI (RFC 4151) that stays the same if the challenge's slug or title changes. */
function entryId(record: PublicChallengeRecord) {
  return `tag:${new URL(publicUrl()).hostname},2025:nettle/challenges/${record.id}`;
}

export function challengesAtom(feed: {
  title: string;
  path: string;
  alternatePath: string;
  records: readonly PublicChallengeRecord[];
  /** When the feed's subject (council, theme, installation) came to be: an empty feed's date. */
  emptySince: Date;
}) {
  const self = absoluteUrl(feed.path);
  const newest = feed.records.reduce<string | null>(
    (max, r) => (max === null || r.updatedAt > max ? r.updatedAt : max),
    null,
  );
  const entries = feed.records.map((r) => {
    const categories = r.themes.map((t) => `    <category term="${xmlEscape(t.slug)}" label="${xmlEscape(t.name)}"/>`);
    return [
      "  <entry>",
      `    <id>${xmlEscape(entryId(r))}</id>`,
      `    <title type="text">${xmlEscape(r.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(r.url)}"/>`,
      `    <published>${r.publishedAt ?? r.updatedAt}</published>`,
      `    <updated>${r.updatedAt}</updated>`,
      `    <author><name>${xmlEscape(r.council.name)}</name></author>`,
      ...categories,
      `    <summary type="text">${xmlEscape(r.summary)}</summary>`,
      "  </entry>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlEscape(self)}</id>`,
    `  <title type="text">${xmlEscape(feed.title)}</title>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(absoluteUrl(feed.alternatePath))}"/>`,
    // An empty feed still needs <updated>: when its subject appeared, stable between requests.
    `  <updated>${newest ?? feed.emptySince.toISOString()}</updated>`,
    "  <author><name>Nettle</name></author>",
    `  <rights>Challenge data: ${DATA_LICENCE.name} (${DATA_LICENCE.url})</rights>`,
    "  <generator>Nettle</generator>",
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}

export function atomResponse(xml: string) {
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300", ...cors },
  });
}

export const FEED_LIMIT = 50;

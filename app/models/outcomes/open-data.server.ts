import type { PublicOutcomeRecord } from "~/models/outcomes/public.server";
import { absoluteUrl, publicUrl } from "~/models/platform/mail.server";
import { csvCell, DATA_LICENCE, xmlEscape } from "~/models/platform/open-data-formats.server";

// Published outcomes written out as CSV and Atom, with the same conventions as the challenges'
// (app/models/platform/open-data-formats.server.ts). Pure functions: routes load the records.

const csvColumns: [string, (r: PublicOutcomeRecord) => string | number | null][] = [
  ["id", (r) => r.id],
  ["slug", (r) => r.slug],
  ["url", (r) => r.url],
  ["title", (r) => r.title],
  ["summary", (r) => r.summary],
  ["results", (r) => r.results],
  ["how_to_reuse", (r) => r.howToReuse],
  ["licence", (r) => r.licence?.spdx ?? null],
  ["licence_url", (r) => r.licence?.url ?? null],
  ["repository_url", (r) => r.repository?.url ?? null],
  ["repository_ref", (r) => r.repository?.ref ?? null],
  ["demo_url", (r) => r.demoUrl],
  ["report_url", (r) => r.reportUrl],
  ["council", (r) => r.council.name],
  ["council_slug", (r) => r.council.slug],
  ["challenge", (r) => r.challenge.title],
  ["challenge_url", (r) => r.challenge.url],
  ["themes", (r) => r.themes.map((t) => t.name).join("; ")],
  ["skills", (r) => r.skills.map((s) => s.name).join("; ")],
  ["contributors", (r) => r.contributors.map((c) => c.name).join("; ")],
  ["datasets", (r) => r.datasets.map((d) => d.title).join("; ")],
  ["published_at", (r) => r.publishedAt],
];

export function outcomesCsv(records: readonly PublicOutcomeRecord[]) {
  const lines = [csvColumns.map(([name]) => name).join(",")];
  for (const record of records) lines.push(csvColumns.map(([, value]) => csvCell(value(record))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** A tag: URI (RFC 4151) that stays the same if the outcome's slug or title changes. */
function entryId(record: PublicOutcomeRecord) {
  return `tag:${new URL(publicUrl()).hostname},2026:nettle/outcomes/${record.id}`;
}

export function outcomesAtom(records: readonly PublicOutcomeRecord[], emptySince: Date) {
  const self = absoluteUrl("/feeds/outcomes.atom");
  const newest = records.reduce<string | null>(
    (max, r) => (max === null || r.publishedAt > max ? r.publishedAt : max),
    null,
  );
  const entries = records.map((r) =>
    [
      "  <entry>",
      `    <id>${xmlEscape(entryId(r))}</id>`,
      `    <title type="text">${xmlEscape(r.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(r.url)}"/>`,
      `    <published>${r.publishedAt}</published>`,
      `    <updated>${r.publishedAt}</updated>`,
      `    <author><name>${xmlEscape(r.council.name)}</name></author>`,
      ...r.themes.map((t) => `    <category term="${xmlEscape(t.slug)}" label="${xmlEscape(t.name)}"/>`),
      ...(r.licence ? [`    <rights>${xmlEscape(r.licence.name)} (${xmlEscape(r.licence.url)})</rights>`] : []),
      `    <summary type="text">${xmlEscape(r.summary)}</summary>`,
      "  </entry>",
    ].join("\n"),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlEscape(self)}</id>`,
    '  <title type="text">Nettle: published outcomes</title>',
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(absoluteUrl("/outcomes"))}"/>`,
    `  <updated>${newest ?? emptySince.toISOString()}</updated>`,
    "  <author><name>Nettle</name></author>",
    `  <rights>Outcome descriptions: ${DATA_LICENCE.name} (${DATA_LICENCE.url}); each outcome's work under its own licence</rights>`,
    "  <generator>Nettle</generator>",
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}

/** The outcome paths and schema of the OpenAPI document (composed in challenges/openapi.server.ts). */
export function outcomeApiPaths(errorResponse: (description: string) => unknown) {
  const filter = (name: string, description: string) => ({
    name,
    in: "query",
    required: false,
    description,
    schema: { type: "string", maxLength: 100 },
  });
  return {
    "/outcomes": {
      get: {
        operationId: "listOutcomes",
        summary: "Published outcomes",
        description:
          "What teams delivered, signed off by the council. Newest first, 20 a page. Also as /outcomes.csv and /feeds/outcomes.atom.",
        parameters: [
          filter("theme", 'Theme slug, e.g. "housing".'),
          filter("council", 'Council slug, e.g. "wakefield".'),
          filter("skill", 'Skill slug, e.g. "geospatial-analysis".'),
          {
            name: "year",
            in: "query",
            required: false,
            description: "Year of publication.",
            schema: { type: "integer", minimum: 1000, maximum: 9999 },
          },
          {
            name: "page",
            in: "query",
            required: false,
            schema: { type: "integer", minimum: 1, maximum: 9999, default: 1 },
          },
        ],
        responses: {
          "200": {
            description: "A page of outcomes.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    data: { type: "array", items: { $ref: "#/components/schemas/Outcome" } },
                    meta: { type: "object" },
                    links: { type: "object" },
                  },
                },
              },
            },
          },
          "400": errorResponse("A query parameter is not valid; `error.fields` says which."),
        },
      },
    },
    "/outcomes/{slug}": {
      get: {
        operationId: "getOutcome",
        summary: "One published outcome",
        parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "The outcome.",
            content: {
              "application/json": {
                schema: { type: "object", properties: { data: { $ref: "#/components/schemas/Outcome" } } },
              },
            },
          },
          "404": errorResponse("No published outcome has this slug."),
        },
      },
    },
  };
}

const text = { type: "string" };
const nullableText = { type: ["string", "null"] };
const named = { type: "object", properties: { name: text, slug: text } };

export const outcomeApiSchema = {
  type: "object",
  properties: {
    id: text,
    slug: text,
    url: text,
    title: text,
    summary: text,
    whatWasBuilt: { type: "string", description: "Markdown." },
    results: { type: "string", description: "Markdown." },
    howToReuse: { type: "string", description: "Markdown." },
    licence: { type: ["object", "null"], properties: { id: text, name: text, spdx: text, url: text } },
    repository: {
      type: ["object", "null"],
      properties: { url: text, ref: { ...nullableText, description: "Release tag or commit SHA." } },
    },
    demoUrl: nullableText,
    reportUrl: nullableText,
    council: named,
    challenge: { type: "object", properties: { title: text, slug: text, url: text } },
    themes: { type: "array", items: named },
    skills: { type: "array", items: named },
    contributors: {
      type: "array",
      description: "People credited. Someone whose profile is not public is described by their kind, not named.",
      items: { type: "object", properties: { name: text, role: text, lead: { type: "boolean" }, url: nullableText } },
    },
    datasets: { type: "array", description: "Output datasets without personal data.", items: { type: "object" } },
    publishedAt: { type: "string", format: "date-time" },
    updatedAt: { type: "string", format: "date-time" },
  },
};

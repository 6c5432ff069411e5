import {
  AccessRoute,
  ChallengeStatus,
  DataSensitivity,
  DatasetLicence,
  SkillImportance,
} from "~/generated/prisma/enums";
import { PUBLIC_STATUSES } from "~/models/challenges/status";
import { absoluteUrl } from "~/models/platform/mail.server";
import { DATA_LICENCE } from "~/models/platform/open-data-formats.server";
import { outcomeApiPaths, outcomeApiSchema } from "~/models/outcomes/open-data.server";
import { eventApiPaths, eventApiSchema } from "~/models/events/open-data.server";

// The open data API described in OpenAPI 3.1 (served at /api/v1/openapi.json). Enums come from
// the Prisma schema, so a new status or licence shows up here without anyone editing this file.

const nullableString = { type: ["string", "null"] };

function listParameter(name: string, description: string, items: Record<string, unknown> = { type: "string" }) {
  return {
    name,
    in: "query",
    required: false,
    description,
    schema: { type: "array", items },
    style: "form",
    explode: true,
  };
}

export function openApiDocument() {
  const challengeStatuses = Object.values(ChallengeStatus).filter((s) => PUBLIC_STATUSES.includes(s));
  const errorResponse = (description: string) => ({
    description,
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  });
  return {
    openapi: "3.1.0",
    info: {
      title: "Nettle open data API",
      version: "1.0.0",
      description: [
        "Public challenges posted by UK councils on Nettle: only challenges the public may see, and only their public fields.",
        "Contact details and datasets containing personal data are never published; a dataset's link is given only for open data that anyone may download.",
        `Challenge data is published under ${DATA_LICENCE.name} (${DATA_LICENCE.url}). Please attribute "Nettle".`,
        "Contains data from mySociety's UK local authority register, CC BY 4.0.",
        "Also available: /challenges.csv (same query parameters, every matching row) and Atom feeds at /feeds/challenges.atom, /feeds/councils/{slug}.atom and /feeds/themes/{slug}.atom.",
      ].join("\n\n"),
      license: { name: DATA_LICENCE.name, identifier: "CC-BY-4.0" },
    },
    servers: [{ url: absoluteUrl("/api/v1") }],
    paths: {
      "/challenges": {
        get: {
          operationId: "listChallenges",
          summary: "Search public challenges",
          description: "Filters exactly like the challenges page. Responses may be cached for 60 seconds.",
          parameters: [
            {
              name: "q",
              in: "query",
              required: false,
              description: "Words to search for.",
              schema: { type: "string", maxLength: 200 },
            },
            listParameter("theme", 'Theme name, e.g. "Housing"; repeat for several (any of them matches).'),
            listParameter("skill", "Skill name; repeat for several."),
            listParameter("council", 'Council name as shown on Nettle, e.g. "Leeds"; repeat for several.'),
            listParameter("region", 'Region name, e.g. "Yorkshire and The Humber"; repeat for several.'),
            listParameter("status", "Status; repeat for several.", { type: "string", enum: challengeStatuses }),
            listParameter("sensitivity", 'Most sensitive dataset on the challenge ("none": no datasets).', {
              type: "string",
              enum: [...Object.values(DataSensitivity), "none"],
            }),
            {
              name: "sort",
              in: "query",
              required: false,
              schema: { type: "string", enum: ["newest", "closing-soon"], default: "newest" },
            },
            { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1, default: 1 } },
          ],
          responses: {
            "200": {
              description: "A page of public challenges.",
              content: { "application/json": { schema: { $ref: "#/components/schemas/ChallengeList" } } },
            },
            "400": errorResponse("A query parameter is not valid; `fields` names it."),
            "405": errorResponse("Only GET is allowed."),
          },
        },
      },
      "/challenges/{slug}": {
        get: {
          operationId: "getChallenge",
          summary: "One public challenge",
          parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "The challenge.",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["data"],
                    properties: { data: { $ref: "#/components/schemas/Challenge" } },
                  },
                },
              },
            },
            "404": errorResponse("No public challenge has this slug."),
            "405": errorResponse("Only GET is allowed."),
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: "This document",
          responses: {
            "200": {
              description: "The OpenAPI document.",
              content: { "application/json": { schema: { type: "object" } } },
            },
          },
        },
      },
      ...outcomeApiPaths(errorResponse),
      ...eventApiPaths(errorResponse),
    },
    components: {
      schemas: {
        Outcome: outcomeApiSchema,
        Event: eventApiSchema,
        Challenge: {
          type: "object",
          required: [
            "id",
            "slug",
            "url",
            "title",
            "summary",
            "status",
            "statusLabel",
            "council",
            "themes",
            "skills",
            "datasets",
            "updatedAt",
          ],
          properties: {
            id: { type: "string" },
            slug: { type: "string" },
            url: { type: "string", format: "uri", description: "The challenge's page on Nettle." },
            title: { type: "string" },
            summary: { type: "string", description: "The problem, as plain text, up to about 300 characters." },
            outcomeWanted: { type: "string" },
            status: { type: "string", enum: challengeStatuses },
            statusLabel: { type: "string" },
            council: {
              type: "object",
              required: ["name", "slug"],
              properties: {
                name: { type: "string" },
                slug: { type: "string" },
                gssCode: { ...nullableString, description: "ONS GSS code, e.g. E06000014." },
                localAuthorityCode: { ...nullableString, description: "Three-letter register code, e.g. YOR." },
              },
            },
            region: nullableString,
            area: { type: "string" },
            themes: {
              type: "array",
              items: {
                type: "object",
                required: ["slug", "name"],
                properties: { slug: { type: "string" }, name: { type: "string" } },
              },
            },
            skills: {
              type: "array",
              items: {
                type: "object",
                required: ["slug", "name", "importance"],
                properties: {
                  slug: { type: "string" },
                  name: { type: "string" },
                  importance: { type: "string", enum: Object.values(SkillImportance) },
                },
              },
            },
            teamSize: {
              type: "object",
              properties: { min: { type: ["integer", "null"] }, max: { type: ["integer", "null"] } },
            },
            timeCommitment: { type: "string" },
            deadline: { type: ["string", "null"], format: "date" },
            publishedAt: { type: ["string", "null"], format: "date-time" },
            updatedAt: { type: "string", format: "date-time" },
            datasets: {
              type: "array",
              description: "Datasets without personal data.",
              items: { $ref: "#/components/schemas/Dataset" },
            },
          },
        },
        Dataset: {
          type: "object",
          required: ["title", "licence", "sensitivity", "accessRoute", "link"],
          properties: {
            title: { type: "string" },
            description: { type: "string" },
            format: { type: "string" },
            licence: { type: "string", enum: Object.values(DatasetLicence) },
            sensitivity: { type: "string", enum: Object.values(DataSensitivity) },
            accessRoute: { type: "string", enum: Object.values(AccessRoute) },
            link: {
              ...nullableString,
              format: "uri",
              description: "Only for open data with an open download; otherwise null.",
            },
          },
        },
        ChallengeList: {
          type: "object",
          required: ["data", "meta", "links"],
          properties: {
            data: { type: "array", items: { $ref: "#/components/schemas/Challenge" } },
            meta: {
              type: "object",
              required: ["total", "page", "perPage", "totalPages", "degraded"],
              properties: {
                total: { type: "integer" },
                page: { type: "integer" },
                perPage: { type: "integer" },
                totalPages: { type: "integer" },
                degraded: {
                  type: "boolean",
                  description: "True when search is unavailable and a simpler search answered.",
                },
              },
            },
            links: {
              type: "object",
              required: ["self", "next", "prev"],
              properties: { self: { type: "string", format: "uri" }, next: nullableString, prev: nullableString },
            },
          },
        },
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["message"],
              properties: {
                message: { type: "string" },
                fields: {
                  type: "object",
                  additionalProperties: { type: "string" },
                  description: "Problem with each invalid parameter.",
                },
              },
            },
          },
        },
      },
    },
  };
}

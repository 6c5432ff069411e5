// The events' paths and schema in the OpenAPI document (composed in challenges/openapi.server.ts).

const text = { type: "string" };
const nullableText = { type: ["string", "null"] };
const nullableBoolean = { type: ["boolean", "null"], description: "null: not known yet (ask the organisers)." };
const dateTime = { type: "string", format: "date-time" };

export function eventApiPaths(errorResponse: (description: string) => unknown) {
  return {
    "/events": {
      get: {
        operationId: "listEvents",
        summary: "Hack days and showcases",
        description:
          "Published, cancelled and finished events: upcoming ones first (soonest first), then past ones (latest first), 20 a page. No one's registration is published. Upcoming events are also a calendar feed at /events.ics.",
        parameters: [
          { name: "hub", in: "query", required: false, description: 'Hub slug, e.g. "pennine-data-hub".', schema: { type: "string", maxLength: 100 } },
          { name: "when", in: "query", required: false, schema: { type: "string", enum: ["upcoming", "past"] } },
          { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 9999, default: 1 } },
        ],
        responses: {
          "200": {
            description: "A page of events.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    data: { type: "array", items: { $ref: "#/components/schemas/Event" } },
                    meta: { type: "object" },
                    links: { type: "object" },
                  },
                },
              },
            },
          },
          "400": errorResponse("A query parameter is not valid; `error.fields` says which."),
          "405": errorResponse("Only GET is allowed."),
        },
      },
    },
    "/events/{slug}": {
      get: {
        operationId: "getEvent",
        summary: "One event",
        parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "The event.",
            content: {
              "application/json": { schema: { type: "object", properties: { data: { $ref: "#/components/schemas/Event" } } } },
            },
          },
          "404": errorResponse("No published, cancelled or finished event has this slug."),
          "405": errorResponse("Only GET is allowed."),
        },
      },
    },
  };
}

export const eventApiSchema = {
  type: "object",
  required: ["id", "slug", "url", "title", "kind", "status", "startsAt", "endsAt", "timeZone"],
  properties: {
    id: text,
    slug: text,
    url: text,
    calendarUrl: { type: "string", description: "The event as an iCalendar file." },
    title: text,
    kind: { type: "string", enum: ["hack_day", "showcase"] },
    status: { type: "string", enum: ["published", "cancelled", "finished"] },
    description: { type: "string", description: "Markdown." },
    startsAt: dateTime,
    endsAt: dateTime,
    timeZone: { type: "string", description: "IANA zone the event's times are shown in, e.g. Europe/London." },
    when: { type: "string", description: "Start and end in words, in the event's zone." },
    attendance: { type: "string", enum: ["offline", "online", "mixed"] },
    venue: { type: ["object", "null"], properties: { name: text, address: text, postcode: text } },
    onlineUrl: nullableText,
    accessibility: {
      type: "object",
      properties: {
        stepFreeAccess: nullableBoolean,
        hearingLoop: nullableBoolean,
        quietRoom: nullableBoolean,
        accessibleToilets: nullableBoolean,
        nearestStation: nullableText,
        notes: nullableText,
      },
    },
    capacity: { type: "integer" },
    placesLeft: { type: "integer" },
    registrationOpensAt: { type: ["string", "null"], format: "date-time" },
    registrationClosesAt: { type: ["string", "null"], format: "date-time" },
    codeOfConduct: { type: "string", description: "Markdown." },
    cancelReason: nullableText,
    hub: { type: "object", properties: { name: text, slug: text } },
    challenges: {
      type: "array",
      description: "Featured challenges, in the organisers' order.",
      items: { type: "object", properties: { title: text, slug: text, council: text, url: text } },
    },
    agenda: {
      type: "array",
      items: { type: "object", properties: { startsAt: dateTime, endsAt: { type: ["string", "null"], format: "date-time" }, title: text, description: text } },
    },
    publishedAt: { type: ["string", "null"], format: "date-time" },
    updatedAt: dateTime,
  },
};

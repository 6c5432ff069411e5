import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDraft } from "~/models/challenges/lifecycle.server";
import { WIZARD_STEPS } from "~/models/challenges/wizard";
import { queueMail } from "~/models/platform/mail.server";
import { prisma } from "~/services/db.server";
import { hashToken } from "~/services/session.server";
import { expressInterest } from "~/models/applications/applications.server";
import { createPerson, createProfile } from "../factories";
import { FakeGitHubApi, fakeRepo } from "../mocks/github-api";
import { appRoutes } from "../support/routes";
import { HOSTILE, HOSTILE_IN_URL, type HostileEntry, isInvalidUtf8 } from "../support/hostile-corpus";
import { startTestServer, type RawResponse, type TestServer } from "../support/server";
import { buildWorld, makeEventRegistrations, makeFormationEvent, makeOutcomes, makeProjectWithOutcome, makeWorldEvent, makeWorldEvents, makeWorldJudging, makeWorldProject, ON_THE_DAY_CANARIES, type Role, ROLES, WORLD_JUDGE_TOKEN } from "../support/world";

// Hostile input against every route of the app, through the real HTTP server, with each role's
// session: in path parameters, in query parameters, and in the fields of every form the pages
// show (read from the HTML, so a new form joins by itself). Nothing may answer 5xx. The route
// list comes from the app (as in the authorisation matrix), so a new route joins too; a route
// whose parameters this file cannot fill fails until someone says how.
//
// To stay fast, the corpus is sampled per route by rotation: every entry reaches a share of the
// routes and every route a share of the entries, the same ones on every run.

const manifest = Object.values(appRoutes()).sort((a, b) =>
  a.id.localeCompare(b.id),
);

const publicSlug = "bus-stop-accessibility";
const invitationToken = "i".repeat(43);
const deadToken = "d".repeat(43);
let world: Awaited<ReturnType<typeof buildWorld>>;
let server: TestServer;
let draftId: string;
let mailId: string;
let applicationId: string;
let inviteeId: string;
let outcomeSlug: string;
let projectSlug: string;
let formationSlug: string;
const github = new FakeGitHubApi();
let outcomes: Awaited<ReturnType<typeof makeOutcomes>>;
let events: Awaited<ReturnType<typeof makeWorldEvents>>;
let eventSlug: string;
let registrationsSlug: string;
let judging: Awaited<ReturnType<typeof makeWorldJudging>>;

/** Real values for each parameter, keyed by the segment before it and the parameter. */
function paramValues(): Record<string, string[]> {
  return {
    "organisations/:slug": [world.council.slug],
    "hub/:slug": [world.hub.slug],
    "challenges/:slug": [publicSlug],
    "challenges/:id": [draftId],
    "edit/:step": [...WIZARD_STEPS],
    "councils/:slug": [world.council.slug],
    "themes/:slug": ["housing"],
    "taxonomy/:slug": ["geospatial-analysis"],
    "invitations/:token": [invitationToken],
    "reset-password/:token": [deadToken],
    "verify-email/:token": [deadToken],
    "unsubscribe/:token": [deadToken],
    "mail/:id": [mailId],
    "people/:userId": [world.users.participant.id],
    "applications/:id": [applicationId],
    "outcomes/:slug": [outcomeSlug, outcomes.publishedOutcome, outcomes.sentBackOutcome],
    "impact/:months": ["3"],
    "invite/:userId": [inviteeId],
    "projects/:slug": [projectSlug, outcomes.sentBackProject, outcomes.publishedProject],
    "events/:slug": [events.publishedSlug, events.draftSlug, registrationsSlug, eventSlug, formationSlug, judging.slug],
    // A real ticket, one typed with spaces and dashes, and one that is nobody's.
    "check-in/:code": [ON_THE_DAY_CANARIES.attendeeTicketCode, "qx7c-nry2", "ZZZZ9999"],
    "judge/:token": [WORLD_JUDGE_TOKEN, deadToken],
    "v1/*": ["no-such-thing"],
    "/*": ["no-such-page"],
  };
}

interface Segment {
  fixed?: string;
  key?: string;
  suffix?: string;
}

function segmentsOf(routePath: string | undefined): Segment[] {
  const parts = (routePath ?? "").split("/").filter(Boolean);
  return parts.map((part, i) => {
    const param = /^:(\w+)(.*)$/.exec(part);
    const before = parts[i - 1] ?? "";
    if (param) return { key: `${before}/:${param[1]}`, suffix: param[2] };
    if (part === "*") return { key: `${before}/*`, suffix: "" };
    return { fixed: part };
  });
}

/** Every real path of a route (one per combination of known parameter values). */
function realPaths(segments: Segment[]): string[] {
  let paths = [""];
  for (const segment of segments) {
    if (segment.fixed !== undefined) {
      paths = paths.map((p) => `${p}/${segment.fixed}`);
      continue;
    }
    const values = paramValues()[segment.key!];
    if (!values) throw new Error(`hostile-input.test.ts does not know a value for ${segment.key}: add it to paramValues()`);
    paths = paths.flatMap((p) => values.map((value) => `${p}/${value}${segment.suffix}`));
  }
  return paths.length === 1 && paths[0] === "" ? ["/"] : paths;
}

/** A path with the parameter at `index` replaced by hostile text, the others real. */
function pathWith(segments: Segment[], index: number, wire: string) {
  return segments
    .map((segment, i) => {
      if (segment.fixed !== undefined) return `/${segment.fixed}`;
      return `/${i === index ? wire : paramValues()[segment.key!]![0]}${segment.suffix}`;
    })
    .join("");
}

interface Field {
  name: string;
  type: string;
  value: string;
}

interface DiscoveredForm {
  role: Role;
  page: string;
  action: string;
  fields: Field[];
}

const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? match[1]!.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'") : undefined;
};

/** The forms of a page, as the browser would send them: action, and named fields with values. */
function formsIn(html: string, page: string) {
  const forms: { method: string; action: string; fields: Field[] }[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, attributes = "", inner = ""] = match;
    const fields: Field[] = [];
    for (const control of inner.matchAll(/<(input|textarea|select)\b([^>]*)>/g)) {
      const tag = control[2]!;
      const name = attribute(tag, "name");
      if (!name) continue;
      const type = control[1] === "input" ? (attribute(tag, "type") ?? "text") : control[1]!;
      if (type === "submit" || type === "button") continue;
      fields.push({ name, type, value: attribute(tag, "value") ?? "" });
    }
    forms.push({
      method: (attribute(` ${attributes}`, "method") ?? "get").toLowerCase(),
      action: attribute(` ${attributes}`, "action") ?? page,
      fields,
    });
  }
  return forms;
}

const randomAddress = () => `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;

interface Outcome {
  what: string;
  response: RawResponse | Error;
}

/** Runs requests a few at a time (the machine is shared) and records what each answered. */
async function runAll(requests: { what: string; send: () => Promise<RawResponse> }[]) {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      const response = await request.send().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      outcomes.push({ what: request.what, response });
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return outcomes;
}

const failures = (outcomes: Outcome[]) =>
  outcomes
    .filter(({ response }) => response instanceof Error || response.status >= 500)
    .map(({ what, response }) => `${what}: ${response instanceof Error ? response.message : response.status}`);

// Signing out would end the session the rest of the run needs; it is posted as anonymous only.
const keepsSession = (role: Role, action: string) => role === "anonymous" || !action.startsWith("/signout");

const request = (role: Role) => ({ cookie: world.cookies[role], headers: { "x-forwarded-for": randomAddress() } });

const forms: DiscoveredForm[] = [];
const queryNames = new Map<string, Set<string>>();

beforeAll(async () => {
  world = await buildWorld();
  draftId = (await createDraft({ ...world.users.owner, sessionId: "" }, world.council.id)).id;
  const housing = await prisma.theme.findUniqueOrThrow({ where: { slug: "housing" } });
  await prisma.challenge.create({
    data: {
      slug: publicSlug,
      title: "Which bus stops are hard to reach?",
      problem: "Residents report bus stops they cannot reach with a wheelchair.",
      organisationId: world.council.id,
      status: "open",
      publishedAt: new Date(),
      themes: { create: { themeId: housing.id } },
    },
  });
  outcomeSlug = (await makeProjectWithOutcome(world, "gully-watch")).outcomeSlug;
  mailId = (await queueMail(prisma, "someone@example.org", "verify-email", { name: "Someone", link: "http://localhost/verify-email/x" })).id;
  // An offer of help the council answers (its forms) and someone the council may invite.
  applicationId = (await expressInterest((await createPerson()).actor, publicSlug, { role: "Mapper", message: "Hello" })).id;
  inviteeId = (await createProfile()).person.user.id;
  // The world's project has a repository; linking asks the fake GitHub, never github.com.
  await github.start();
  process.env.GITHUB_API_URL = github.url;
  github.add(fakeRepo("leeds-data", "bus-stops"));
  projectSlug = (await makeWorldProject(world)).slug;
  await prisma.invitation.create({
    data: {
      organisationId: world.council.id,
      email: "invitee@example.org",
      role: "member",
      tokenHash: hashToken(invitationToken),
      invitedById: world.users.owner.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  outcomes = await makeOutcomes(world);
  events = await makeWorldEvents(world);
  registrationsSlug = (await makeEventRegistrations(world, [{ id: (await prisma.challenge.findUniqueOrThrow({ where: { slug: publicSlug } })).id }])).slug;
  eventSlug = (await makeWorldEvent(world)).slug;
  formationSlug = (await makeFormationEvent(world)).slug;
  judging = await makeWorldJudging(world);
  // Forwarded addresses are believed from this test only, so rate limits do not end the run early.
  server = await startTestServer({ trustProxy: ["loopback"] });

  // Read every page as every role, and the same pages with the queries their own links add
  // (?reject=…, ?confirm=…; once per set of query names), to find the forms each role is shown.
  const seen = new Set<string>();
  // The other council's owner is shown what the owner is shown, so is left out here (it
  // does take part below).
  const readers = ROLES.filter((role) => role !== "otherOwner");
  const pages: { role: Role; page: string }[] = manifest.flatMap((route) =>
    realPaths(segmentsOf(route.path)).flatMap((page) => readers.map((role) => ({ role, page }))),
  );
  const roleCount = new Map<string, number>();
  const read = async ({ role, page }: { role: Role; page: string }) => {
    const response = await server.send(page, request(role));
    if (response.status !== 200 || !String(response.headers["content-type"]).startsWith("text/html")) return;
    const pathname = page.split("?")[0]!;
    for (const link of response.body.matchAll(/href="([^"]+)"/g)) {
      const href = link[1]!.replace(/&amp;/g, "&");
      if (!href.startsWith(`${pathname}?`)) continue;
      const names = [...new URLSearchParams(href.split("?")[1]).keys()].sort().join(",");
      if (seen.has(`${role} ${pathname} ${names}`)) continue;
      seen.add(`${role} ${pathname} ${names}`);
      pages.push({ role, page: href });
    }
    for (const form of formsIn(response.body, pathname)) {
      if (form.method === "get") {
        const names = queryNames.get(form.action) ?? new Set<string>();
        for (const field of form.fields) names.add(field.name);
        queryNames.set(form.action, names);
        continue;
      }
      // The same form shown to several roles is tried as two of them.
      const signature = `${form.action} ${form.fields.map((f) => f.name).join(",")}`;
      if (seen.has(`${role} ${signature}`) || (roleCount.get(signature) ?? 0) >= 2 || !keepsSession(role, form.action)) continue;
      seen.add(`${role} ${signature}`);
      roleCount.set(signature, (roleCount.get(signature) ?? 0) + 1);
      forms.push({ role, page, action: form.action, fields: form.fields });
    }
  };
  let next = 0;
  const reader = async () => {
    while (next < pages.length) await read(pages[next++]!);
  };
  await Promise.all([reader(), reader(), reader(), reader()]);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  delete process.env.GITHUB_API_URL;
  await github.stop();
});

describe("hostile input never answers 5xx", () => {
  test("the pages show forms to test (the discovery works)", () => {
    const actions = new Set(forms.map((form) => form.action.split("/")[1]));
    for (const expected of ["signin", "signup", "forgot-password", "account", "hub", "admin", "organisations", "challenges"]) {
      expect(actions).toContain(expected);
    }
    expect(forms.length).toBeGreaterThan(30);
  });

  test("a field that is not UTF-8 is refused with 400 and a message, on every form", async () => {
    const invalid = HOSTILE.filter(isInvalidUtf8);
    const problems: string[] = [];
    const requests = forms.flatMap((form, f) => {
      const visible = form.fields.find((field) => !["hidden", "radio", "checkbox"].includes(field.type));
      if (!visible) return [];
      const entry = invalid[f % invalid.length]!;
      const fields = form.fields.map(({ name, value }): [string, string] => [name, name === visible.name ? entry.wire : encodeURIComponent(value)]);
      return [
        {
          what: `POST ${form.action} ${visible.name}=${entry.label} as ${form.role}`,
          send: async () => {
            const response = await server.post(form.action, fields, request(form.role));
            if (response.status !== 400 || !response.body.includes("contains characters Nettle cannot read")) {
              problems.push(`POST ${form.action} ${visible.name}=${entry.label} as ${form.role}: ${response.status}`);
            }
            return response;
          },
        },
      ];
    });
    expect(requests.length).toBeGreaterThan(10);
    expect(failures(await runAll(requests))).toEqual([]);
    expect(problems).toEqual([]);
  }, 300_000);

  test("in path parameters, as every role", async () => {
    const requests = manifest.flatMap((route, r) => {
      const segments = segmentsOf(route.path);
      return segments.flatMap((segment, s) =>
        segment.key === undefined
          ? []
          : HOSTILE_IN_URL.filter((_, e) => (e + r + s) % 3 === 0).flatMap((entry, e) => {
              const role = ROLES[(e + r) % ROLES.length]!;
              const target = pathWith(segments, s, entry.wire);
              const get = { what: `GET ${route.id} :${segment.key} ${entry.label} as ${role}`, send: () => server.send(target, request(role)) };
              const post = {
                what: `POST ${route.id} :${segment.key} ${entry.label} as ${role}`,
                send: () => server.send(target, { ...request(role), method: "POST", body: "intent=x" }),
              };
              return e % 2 === 0 ? [get, post] : [get];
            }),
      );
    });
    expect(requests.length).toBeGreaterThan(150);
    expect(failures(await runAll(requests))).toEqual([]);
  }, 300_000);

  test("in query parameters, as every role", async () => {
    const common = ["q", "page", "sort", "to", "redirectTo", "confirm", "reject", "status", "theme", "step"];
    const requests = manifest.flatMap((route, r) =>
      realPaths(segmentsOf(route.path))
        .slice(0, 1)
        .flatMap((page) => {
          const names = [...new Set([...common, ...(queryNames.get(page) ?? [])])];
          return HOSTILE_IN_URL.filter((_, e) => (e + r) % 4 === 0).map((entry, e) => {
            const role = ROLES[(e + r) % ROLES.length]!;
            const target = `${page}?${names.map((name) => `${name}=${entry.wire}`).join("&")}`;
            return { what: `GET ${page}?… ${entry.label} as ${role}`, send: () => server.send(target, request(role)) };
          });
        }),
    );
    expect(failures(await runAll(requests))).toEqual([]);
  }, 300_000);

  test("in the fields of every form, as the role shown it", async () => {
    const send = (form: DiscoveredForm, entry: HostileEntry, hidden: boolean) => {
      const fields = form.fields.map(({ name, type, value }): [string, string] => [
        name,
        type === "hidden" && !hidden ? encodeURIComponent(value) : entry.wire,
      ]);
      return server.post(form.action, fields, request(form.role));
    };
    const requests = forms.flatMap((form, f) =>
      HOSTILE.filter((_, e) => (e + f) % 6 === 0).map((entry, e) => {
        // Mostly with the form's own hidden values, so the request reaches the code behind them.
        const hidden = (e + f) % 3 === 1;
        return {
          what: `POST ${form.action} (${form.fields.map((x) => x.name).join(",")}) ${entry.label}${hidden ? " in hidden fields too" : ""} as ${form.role}`,
          send: () => send(form, entry, hidden),
        };
      }),
    );
    expect(failures(await runAll(requests))).toEqual([]);
  }, 300_000);
});

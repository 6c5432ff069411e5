import { beforeAll, describe, expect, test } from "vitest";
import { drainSearchOutbox } from "~/models/platform/search-outbox.server";
import { prisma } from "~/services/db.server";
import { getSearch } from "~/services/search.server";
import * as challengesApi from "~/routes/api.v1.challenges";
import * as challengeApi from "~/routes/api.v1.challenges_.$slug";
import * as csvRoute from "~/routes/challenges[.]csv";
import * as allFeed from "~/routes/feeds.challenges[.]atom";
import * as councilFeed from "~/routes/feeds.councils.$slug[.]atom";
import * as themeFeed from "~/routes/feeds.themes.$slug[.]atom";
import { loader as pageLoader } from "~/routes/challenges.$slug";
import { action as editAction, loader as editLoader } from "~/routes/challenges_.$id.edit.$step/route";
import { action as historyAction, loader as historyLoader } from "~/routes/challenges_.$id.history";
import { loader as reviewLoader } from "~/routes/challenges_.$id.review";
import { makeChallenge } from "../support/challenge-search-fixtures";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";
import { buildWorld, ROLES, type Role } from "../support/world";
import { applySearchSettings } from "~/models/platform/search-reindex.server";

// A challenge's public history: the public sees that a field changed and when; old values are
// for the council, the hubs serving it and admins; a value pasted by mistake can be removed
// from the history for good, and then appears nowhere Nettle keeps or publishes anything.

let world: Awaited<ReturnType<typeof buildWorld>>;
let id: string;
let slug: string;

const ORIGINAL = "Street lights on the estate fail for weeks.";
const PASTED = `${ORIGINAL} Reported by Mrs Jane Quill of 12 Acacia Avenue, phone 07700 900123.`;
const SECRET = "Jane Quill of 12 Acacia Avenue";

beforeAll(async () => {
  world = await buildWorld();
  await applySearchSettings();
  const challenge = await makeChallenge({
    organisationId: world.council.id,
    title: "Which street lights fail most often?",
    problem: ORIGINAL,
    themes: ["Transport"],
  });
  id = challenge.id;
  slug = challenge.slug;
});

async function editProblem(problem: string, role: Role = "owner") {
  const request = formRequest(
    `/challenges/${id}/edit/problem`,
    { title: "Which street lights fail most often?", problem, whoIsAffected: "Residents" },
    world.cookies[role],
  );
  return unwrap(await settle(editAction({ request, params: { id, step: "problem" }, context })));
}

async function page(role: Role) {
  const result = await settle(
    pageLoader({ request: getRequest(`/challenges/${slug}`, world.cookies[role]), params: { slug }, context }),
  );
  if (result instanceof Response) throw new Error(`unexpected ${result.status}`);
  return result;
}

function redact(role: Role, value: string, confirm = true) {
  const request = formRequest(
    `/challenges/${id}/history`,
    { intent: "redact", value, ...(confirm ? { confirm: "yes" } : {}) },
    world.cookies[role],
  );
  return settle(historyAction({ request, params: { id }, context }));
}

/** Every row of every table Nettle writes (and its job queue), as text, that contains `text`. */
async function rowsContaining(text: string) {
  const tables = await prisma.$queryRaw<{ schema: string; name: string }[]>`
    SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
    WHERE table_schema IN ('public', 'graphile_worker') AND table_type = 'BASE TABLE'`;
  const found: string[] = [];
  for (const table of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${table.schema}"."${table.name}" t WHERE t::text LIKE $1`,
      `%${text}%`,
    );
    if (row && row.n > 0n) found.push(`${table.schema}.${table.name}`);
  }
  return found;
}

describe("the public history", () => {
  test("an officer pastes a resident's details into a published challenge and takes them out again", async () => {
    expect((await editProblem(PASTED)).status).toBe(302);
    expect((await editProblem(ORIGINAL)).status).toBe(302);
    const edits = await prisma.challengeEvent.findMany({ where: { challengeId: id, kind: "edit" } });
    expect(edits).toHaveLength(2);
  });

  test("the public sees that the problem changed and when, never the old text", async () => {
    for (const role of ["anonymous", "participant", "otherOwner"] as const) {
      const data = await page(role);
      expect(JSON.stringify(data), role).not.toContain(SECRET);
      const edits = data.timeline.filter((e) => e.kind === "edit");
      expect(
        edits.map((e) => e.changes),
        role,
      ).toEqual([[{ field: "problem", label: "The problem" }], [{ field: "problem", label: "The problem" }]]);
      expect(edits[0]!.at).toBeInstanceOf(Date);
    }
  });

  test("the council, the hubs serving it and admins see the old values", async () => {
    for (const role of ["member", "owner", "organiser", "admin"] as const) {
      expect(JSON.stringify(await page(role)), role).toContain(SECRET);
    }
  });

  test("the hub organisers were told which field changed, without the text", async () => {
    const mail = await prisma.mail.findMany({ where: { template: "challenge-changed" } });
    expect(mail.map((m) => m.to)).toEqual([world.users.organiser.email, world.users.organiser.email]);
    expect(mail[0]!.text).toContain("The problem");
    expect(mail[0]!.text).toContain(`/challenges/${id}/history`);
    expect(mail.map((m) => m.text + m.html).join()).not.toContain("Acacia");
  });
});

describe("removing a value from the history", () => {
  let target: string;

  beforeAll(async () => {
    const first = await prisma.challengeEvent.findFirstOrThrow({
      where: { challengeId: id, kind: "edit" },
      orderBy: { id: "asc" },
    });
    target = `${first.id}.problem.to`;
  });

  test("only those allowed see the history page; others are sent to the public page", async () => {
    const open = async (role: Role) =>
      unwrap(
        await settle(
          historyLoader({
            request: getRequest(`/challenges/${id}/history`, world.cookies[role]),
            params: { id },
            context,
          }),
        ),
      );
    for (const role of ["participant", "otherOwner"] as const) {
      const result = await open(role);
      expect(result.status, role).toBe(302);
      expect(result.headers.get("location")).toBe(`/challenges/${slug}`);
    }
    const member = await open("member");
    expect((member.body as { canRedact: boolean }).canRedact).toBe(false);
    const organiser = await open("organiser");
    expect((organiser.body as { canRedact: boolean }).canRedact).toBe(true);
  });

  test("it asks for confirmation first, and a council member who is not an owner may not", async () => {
    const unconfirmed = unwrap(await redact("organiser", target, false));
    expect(unconfirmed.status).toBe(302);
    expect(unconfirmed.headers.get("location")).toBe(`/challenges/${id}/history?remove=${target}#confirm`);
    const confirming = unwrap(
      await settle(
        historyLoader({
          request: getRequest(`/challenges/${id}/history?remove=${target}`, world.cookies.organiser),
          params: { id },
          context,
        }),
      ),
    );
    expect((confirming.body as { confirm: { value: string; label: string } }).confirm).toMatchObject({
      label: "The problem",
      value: PASTED,
    });
    expect(unwrap(await redact("member", target)).status).toBe(403);
    expect(unwrap(await redact("participant", target)).status).toBe(404);
    expect(await rowsContaining(SECRET)).toEqual(["public.challenge_events"]);
  });

  test("what the challenge says now cannot be removed from its history", async () => {
    const latest = await prisma.challengeEvent.findFirstOrThrow({
      where: { challengeId: id, kind: "edit" },
      orderBy: { id: "desc" },
    });
    const refused = unwrap(await redact("owner", `${latest.id}.problem.to`));
    expect(refused.status).toBe(409);
    expect(formReply(refused.body).errors.form).toMatch(/This is what “The problem” says now/);
  });

  test("a hub organiser removes it: every copy goes, audited without the text, and the history says so", async () => {
    const removed = unwrap(await redact("organiser", target));
    expect(removed.status).toBe(302);
    const edits = await prisma.challengeEvent.findMany({
      where: { challengeId: id, kind: "edit" },
      orderBy: { id: "asc" },
    });
    // The pasted text was the "to" of the first edit and the "from" of the second.
    expect(edits.map((e) => e.changes)).toEqual([
      { problem: { from: ORIGINAL, to: null, redacted: ["to"] } },
      { problem: { from: null, to: ORIGINAL, redacted: ["from"] } },
    ]);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "challenge.redact_history" } });
    expect(entry).toMatchObject({ actorId: world.users.organiser.id, subjectId: id, organisationId: world.council.id });
    expect(entry.details).toMatchObject({ field: "problem", side: "to", copiesRemoved: 2 });

    const anonymous = await page("anonymous");
    const note = anonymous.timeline.find((e) => e.kind === "redaction");
    expect(note?.note).toBe("A value of “The problem” was removed from this history by a hub organiser");
    const member = await page("member");
    expect(member.timeline.filter((e) => e.kind === "edit").map((e) => e.changes[0])).toEqual([
      expect.objectContaining({ from: ORIGINAL, toRemoved: true }),
      expect.objectContaining({ fromRemoved: true, to: ORIGINAL }),
    ]);
    expect(unwrap(await redact("organiser", target)).status).toBe(409);
  });

  test("after removal the text appears nowhere: database, pages for every role, API, feeds, CSV, search index", async () => {
    await drainSearchOutbox();
    expect(await rowsContaining(SECRET)).toEqual([]);
    expect(await rowsContaining("07700 900123")).toEqual([]);

    const sent: string[] = [];
    for (const role of ROLES) {
      sent.push(JSON.stringify(await page(role)));
      const loaders: [(args: Parameters<typeof reviewLoader>[0]) => Promise<unknown>, string][] = [
        [historyLoader, `/challenges/${id}/history`],
        [reviewLoader, `/challenges/${id}/review`],
      ];
      for (const [loader, path] of loaders) {
        const result = await settle(
          loader({ request: getRequest(path, world.cookies[role]), params: { id }, context }),
        );
        sent.push(result instanceof Response ? `${result.status}` : JSON.stringify(result));
      }
      const check = await settle(
        editLoader({
          request: getRequest(`/challenges/${id}/edit/check`, world.cookies[role]),
          params: { id, step: "check" },
          context,
        }),
      );
      sent.push(check instanceof Response ? `${check.status}` : JSON.stringify(check));
    }
    const text = (response: Response) => response.text();
    sent.push(
      await text(await challengesApi.loader({ request: getRequest("/api/v1/challenges"), params: {}, context })),
    );
    sent.push(
      await text(
        await challengeApi.loader({ request: getRequest(`/api/v1/challenges/${slug}`), params: { slug }, context }),
      ),
    );
    sent.push(await text(await csvRoute.loader({ request: getRequest("/challenges.csv"), params: {}, context })));
    sent.push(await text(await allFeed.loader()));
    sent.push(
      await text(
        await councilFeed.loader({
          request: getRequest(`/feeds/councils/${world.council.slug}.atom`),
          params: { slug: world.council.slug },
          context,
        }),
      ),
    );
    sent.push(
      await text(
        await themeFeed.loader({
          request: getRequest("/feeds/themes/transport.atom"),
          params: { slug: "transport" },
          context,
        }),
      ),
    );
    const document = await getSearch().index("challenges").getDocument(id);
    expect(document.title).toBe("Which street lights fail most often?");
    sent.push(JSON.stringify(document));
    // The public answers do carry the challenge, so an empty answer cannot pass this test.
    expect(sent.filter((s) => s.includes("Which street lights fail most often?")).length).toBeGreaterThan(10);
    expect(sent.filter((s) => s.includes("Acacia"))).toEqual([]);
  });
});

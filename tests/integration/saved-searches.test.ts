import type { AddressInfo } from "node:net";
import { Logger, runOnce } from "graphile-worker";
import { SMTPServer } from "smtp-server";
import { beforeAll, describe, expect, test } from "vitest";
import { taskList } from "~/jobs/index";
import { deleteAccount, exportUserData } from "~/models/accounts/privacy.server";
import { transitionChallenge } from "~/models/challenges/lifecycle.server";
import { DomainError } from "~/models/platform/errors";
import { deliverMail } from "~/models/platform/mail.server";
import { applySearchSettings } from "~/models/platform/search-reindex.server";
import { digestPeriods, sendSavedSearchDigests } from "~/models/saved-searches/digest.server";
import {
  evaluateChallenge,
  evaluatePerson,
  savedSearchesAfterProfileChange,
} from "~/models/saved-searches/evaluate.server";
import {
  createSavedSearch,
  deleteSavedSearch,
  listSavedSearches,
  renameSavedSearch,
} from "~/models/saved-searches/saved-search.server";
import { unsubscribeToken } from "~/models/saved-searches/unsubscribe.server";
import { action as newAction, loader as newLoader } from "~/routes/account.saved-searches.new";
import { action as listAction, loader as listLoader } from "~/routes/account.saved-searches._index";
import { loader as challengesLoader } from "~/routes/challenges._index";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/unsubscribe.$token";
import { prisma } from "~/services/db.server";
import { createPerson, createProfile, createPublishedChallenge, type Person } from "../factories";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";
import { buildWorld } from "../support/world";

// Saved searches in both directions, against the real challenge search (Meilisearch) and the
// people index's own document builder, with the worker's real task list running the jobs.

let world: Awaited<ReturnType<typeof buildWorld>>;

/** Runs every job that is due now, as the worker would. */
async function runJobs() {
  await runOnce({ connectionString: process.env.DATABASE_URL, taskList, logger: new Logger(() => () => {}) });
}

const hitsOf = async (savedSearchId: string) =>
  (await prisma.savedSearchHit.findMany({ where: { savedSearchId }, select: { documentId: true } }))
    .map((h) => h.documentId)
    .sort();

const mailsTo = (email: string | null, template?: string) =>
  prisma.mail.findMany({ where: { to: email!, ...(template ? { template } : {}) }, orderBy: { createdAt: "asc" } });

const saveChallengeSearch = (
  person: Person,
  search: string,
  emailFrequency: "never" | "immediately" | "daily" | "weekly",
  name = search,
) => createSavedSearch(person.actor, { target: "challenges", name, emailFrequency, search });

async function profileFor(options: Parameters<typeof createProfile>[0]) {
  const { profile } = await createProfile(options);
  // The profile writer's one call (another part builds profile saving; see the brief).
  await prisma.$transaction((tx) => savedSearchesAfterProfileChange(tx, profile.userId));
  return profile;
}

async function submittedChallenge(options: Omit<Parameters<typeof createPublishedChallenge>[0], "council" | "status">) {
  return createPublishedChallenge({ council: world.council, status: "submitted", ...options });
}

beforeAll(async () => {
  await applySearchSettings(["challenges", "people"]);
  world = await buildWorld();
});

describe("challenge searches", () => {
  test("a challenge the hub approves reaches the searches it matches (words, synonyms, typos, filters), once each", async () => {
    const gis = await createPerson();
    const python = await createPerson();
    const typo = await createPerson();
    const housing = await createPerson();
    const gisSearch = await saveChallengeSearch(gis, "q=GIS&region=Yorkshire+and+The+Humber", "immediately");
    const pythonSearch = await saveChallengeSearch(python, "skill=Python", "daily");
    const typoSearch = await saveChallengeSearch(typo, "q=geospatal", "weekly");
    const housingSearch = await saveChallengeSearch(housing, "theme=Housing", "never");

    const challenge = await submittedChallenge({
      title: "Where do the drains overflow first",
      skills: [
        { slug: "geospatial-analysis", importance: "essential" },
        { slug: "python", importance: "helpful" },
      ],
      themes: ["environment-and-climate"],
    });
    await runJobs();
    // Sent for review is not published: nobody hears of it yet.
    expect(await prisma.savedSearchHit.count({ where: { documentId: challenge.id } })).toBe(0);

    await transitionChallenge(world.actors.organiser, challenge.id, "approve");
    await runJobs();
    expect(await hitsOf(gisSearch.id)).toEqual([challenge.id]);
    expect(await hitsOf(pythonSearch.id)).toEqual([challenge.id]);
    expect(await hitsOf(typoSearch.id)).toEqual([challenge.id]);
    expect(await hitsOf(housingSearch.id)).toEqual([]);

    // Everyone it matched is told in the app at once; only "email at once" gets an email now.
    for (const person of [gis, python, typo]) {
      const notes = await prisma.notification.findMany({ where: { userId: person.user.id, kind: "saved_search.hit" } });
      expect(notes).toHaveLength(1);
      expect(notes[0]!.title).toContain("Where do the drains overflow first");
    }
    expect(await prisma.notification.count({ where: { userId: housing.user.id } })).toBe(0);
    const [mail, ...more] = await mailsTo(gis.user.email, "saved-search-hit");
    expect(more).toEqual([]);
    expect(mail!.text).toContain("Where do the drains overflow first");
    expect(mail!.text).toMatch(/\/unsubscribe\/[a-z0-9]+\.[A-Za-z0-9_-]{43}/);
    expect(await mailsTo(python.user.email, "saved-search-hit")).toEqual([]);
    expect(
      (await prisma.savedSearchHit.findFirstOrThrow({ where: { savedSearchId: gisSearch.id } })).emailedAt,
    ).not.toBeNull();

    // Checked again (a repeated job): nobody is told twice.
    expect(await evaluateChallenge(challenge.id)).toBe(0);
    expect(await prisma.notification.count({ where: { userId: gis.user.id } })).toBe(1);
    expect(await mailsTo(gis.user.email, "saved-search-hit")).toHaveLength(1);

    // A housing challenge reaches only the housing search.
    const repairs = await submittedChallenge({
      title: "Which repairs come back",
      skills: [{ slug: "sql", importance: "essential" }],
      themes: ["housing"],
    });
    await transitionChallenge(world.actors.organiser, repairs.id, "approve");
    await runJobs();
    expect(await hitsOf(housingSearch.id)).toEqual([repairs.id]);
    expect(await hitsOf(gisSearch.id)).toEqual([challenge.id]);
  });

  test("the challenges page offers to save the search it shows, named in words; signed out it offers to sign in", async () => {
    const url = "/challenges?q=GIS&region=Yorkshire+and+The+Humber";
    const signedIn = unwrap(
      await settle(challengesLoader({ request: getRequest(url, world.cookies.participant), params: {}, context })),
    ).body as {
      save: { search: string; description: string; signedIn: boolean };
    };
    expect(signedIn.save).toEqual({
      search: "q=GIS&region=Yorkshire+and+The+Humber",
      description: '"GIS" challenges in Yorkshire and The Humber',
      signedIn: true,
    });
    const anonymous = unwrap(await settle(challengesLoader({ request: getRequest(url), params: {}, context })))
      .body as {
      save: { signedIn: boolean };
    };
    expect(anonymous.save.signedIn).toBe(false);

    // The form posts to the saved-search page, which saves the parsed search.
    const person = await createPerson();
    const posted = await settle(
      newAction({
        request: formRequest(
          "/account/saved-searches/new?target=challenges",
          {
            target: "challenges",
            search: signedIn.save.search,
            name: signedIn.save.description,
            emailFrequency: "weekly",
          },
          person.cookie,
        ),
        params: {},
        context,
      }),
    );
    expect(unwrap(posted).status).toBe(302);
    const saved = await prisma.savedSearch.findFirstOrThrow({ where: { userId: person.user.id } });
    expect(saved).toMatchObject({
      target: "challenges",
      name: '"GIS" challenges in Yorkshire and The Humber',
      emailFrequency: "weekly",
    });
    expect(saved.query).toMatchObject({ q: "GIS", region: ["Yorkshire and The Humber"], skill: [] });
  });
});

describe("people searches", () => {
  test("only people matching would show are found: hidden, closed, unconfirmed and unavailable people never are", async () => {
    const [arcgis, geospatial] = await Promise.all(
      ["arcgis", "geospatial-analysis"].map((slug) => prisma.skill.findUniqueOrThrow({ where: { slug } })),
    );
    await prisma.skillLink.upsert({
      where: { fromId_toId_kind: { fromId: arcgis!.id, toId: geospatial!.id, kind: "broader" } },
      create: { fromId: arcgis!.id, toId: geospatial!.id, kind: "broader" },
      update: {},
    });
    const search = await createSavedSearch(world.actors.member, {
      target: "people",
      name: "Mapping people",
      emailFrequency: "immediately",
      organisation: world.council.slug,
      // Any name for a skill: "GIS" is a synonym of geospatial analysis.
      skills: "GIS",
      remoteOnly: false,
    });
    const expert = await profileFor({
      skills: [{ slug: "geospatial-analysis", level: "expert" }],
      headline: "Flood mapper",
    });
    const implied = await profileFor({ skills: [{ slug: "arcgis", level: "practised" }] });
    const membersOnly = await profileFor({
      skills: [{ slug: "geospatial-analysis", level: "practised" }],
      visibility: "members",
    });
    const hidden = await profileFor({
      skills: [{ slug: "geospatial-analysis", level: "expert" }],
      visibility: "private",
    });
    const closed = await profileFor({
      skills: [{ slug: "geospatial-analysis", level: "expert" }],
      openToInvitations: false,
    });
    const unconfirmed = await profileFor({
      person: await createPerson({ verified: false }),
      skills: [{ slug: "geospatial-analysis", level: "expert" }],
    });
    const gone = await profileFor({
      skills: [{ slug: "geospatial-analysis", level: "expert" }],
      availableUntil: new Date(Date.now() - 3 * 86_400_000),
    });
    const other = await profileFor({ skills: [{ slug: "python", level: "expert" }] });
    await runJobs();

    expect(await hitsOf(search.id)).toEqual([expert.userId, implied.userId, membersOnly.userId].sort());
    for (const never of [hidden, closed, unconfirmed, gone, other]) {
      expect(await prisma.savedSearchHit.count({ where: { documentId: never.userId } })).toBe(0);
    }
    const notes = await prisma.notification.findMany({
      where: { userId: world.users.member.id, kind: "saved_search.hit" },
    });
    expect(notes.map((n) => n.href).sort()).toEqual(
      [expert, implied, membersOnly].map((p) => `/people/${p.userId}`).sort(),
    );
    expect((await mailsTo(world.users.member.email, "saved-search-hit")).map((m) => m.text).join("\n")).toContain(
      "Flood mapper",
    );

    // Saving the profile again tells nobody twice.
    await prisma.$transaction((tx) => savedSearchesAfterProfileChange(tx, expert.userId));
    await runJobs();
    expect(
      await prisma.notification.count({ where: { userId: world.users.member.id, kind: "saved_search.hit" } }),
    ).toBe(3);

    // Someone who hides their profile later drops out of the list of what the search found.
    await prisma.user.update({ where: { id: membersOnly.userId }, data: { visibility: "private" } });
    const [listed] = (await listSavedSearches(world.actors.member)).filter((s) => s.id === search.id);
    expect(listed!.recent.map((r) => r.href).sort()).toEqual(
      [expert, implied].map((p) => `/people/${p.userId}`).sort(),
    );
  });

  test("only the council's members may save one, see it or change it; someone who leaves stops hearing", async () => {
    const input = {
      target: "people" as const,
      name: "Hydrology",
      emailFrequency: "daily" as const,
      organisation: world.council.slug,
      skills: "Python",
      remoteOnly: false,
    };
    // Bradford's owner and a volunteer are not members of Leeds.
    for (const outsider of [world.actors.otherOwner, world.actors.participant]) {
      const refused = await createSavedSearch(outsider, input).catch((error: unknown) => error);
      expect(DomainError.is(refused) && refused.kind).toBe("forbidden");
    }
    const page = unwrap(
      await settle(
        newLoader({
          request: getRequest(
            `/account/saved-searches/new?target=people&organisation=${world.council.slug}`,
            world.cookies.otherOwner,
          ),
          params: {},
          context,
        }),
      ),
    );
    expect(page.status).toBe(403);

    const leaver = await createPerson();
    await prisma.membership.create({
      data: { userId: leaver.user.id, organisationId: world.council.id, role: "member" },
    });
    const search = await createSavedSearch(leaver.actor, input);
    // Nobody else sees or changes it.
    expect((await listSavedSearches(world.actors.owner)).map((s) => s.id)).not.toContain(search.id);
    const renamed = await renameSavedSearch(world.actors.owner, search.id, "Mine now").catch((error: unknown) => error);
    expect(DomainError.is(renamed) && renamed.kind).toBe("not_found");
    const deleted = await deleteSavedSearch(world.actors.otherOwner, search.id).catch((error: unknown) => error);
    expect(DomainError.is(deleted) && deleted.kind).toBe("not_found");

    await prisma.membership.deleteMany({ where: { userId: leaver.user.id } });
    const pythonist = await profileFor({ skills: [{ slug: "python", level: "expert" }] });
    expect(await evaluatePerson(pythonist.userId)).toBe(0);
    expect(await hitsOf(search.id)).toEqual([]);
  });
});

describe("digests", () => {
  // Searches saved on Sunday 1 November 2026 at noon (UK time is GMT then).
  const savedAt = new Date("2026-11-01T12:00:00Z");

  async function personWithHits(frequency: "daily" | "weekly", titles: string[]) {
    const person = await createPerson();
    const search = await saveChallengeSearch(
      person,
      `q=${encodeURIComponent(titles[0]!.split(" ")[0]!)}`,
      frequency,
      `My ${frequency} search`,
    );
    await prisma.savedSearch.update({ where: { id: search.id }, data: { createdAt: savedAt } });
    for (const title of titles) await newHit(search.id, title);
    return { person, search };
  }

  async function newHit(savedSearchId: string, title: string) {
    const challenge = await createPublishedChallenge({ council: world.council, title });
    await prisma.savedSearchHit.create({
      data: { savedSearchId, documentId: challenge.id, title, href: `/challenges/${challenge.slug}` },
    });
  }

  const count = (text: string, part: string) => text.split(part).length - 1;

  test("7am UK time every day: each new result once, grouped by search; nothing when nothing is new", async () => {
    const { person, search } = await personWithHits("daily", ["Zebrafish crossings audit", "Zebrafish ponds survey"]);
    // Before the first 7am after saving: not yet.
    await sendSavedSearchDigests(new Date("2026-11-02T06:59:00Z"));
    expect(await mailsTo(person.user.email)).toEqual([]);

    await sendSavedSearchDigests(new Date("2026-11-02T07:05:00Z"));
    const [first, ...others] = await mailsTo(person.user.email, "saved-search-digest");
    expect(others).toEqual([]);
    expect(count(first!.text, "Zebrafish crossings audit")).toBe(1);
    expect(count(first!.text, "Zebrafish ponds survey")).toBe(1);
    expect(count(first!.text, 'Your saved search "My daily search"')).toBe(1);
    expect(first!.text).toMatch(/\/unsubscribe\/[a-z0-9]+\.[A-Za-z0-9_-]{43}/);

    // Run again in the same day (another worker, the next hour): nothing more.
    await sendSavedSearchDigests(new Date("2026-11-02T07:06:00Z"));
    await newHit(search.id, "Zebrafish hatchery data");
    await sendSavedSearchDigests(new Date("2026-11-02T15:00:00Z"));
    expect(await mailsTo(person.user.email)).toHaveLength(1);

    // The next morning: only what is new.
    await sendSavedSearchDigests(new Date("2026-11-03T07:00:00Z"));
    const second = (await mailsTo(person.user.email, "saved-search-digest"))[1]!;
    expect(count(second.text, "Zebrafish hatchery data")).toBe(1);
    expect(second.text).not.toContain("Zebrafish crossings audit");
    expect(second.subject).toBe("1 new result for your saved searches");

    // A morning with nothing new sends nothing.
    await sendSavedSearchDigests(new Date("2026-11-04T07:00:00Z"));
    expect(await mailsTo(person.user.email)).toHaveLength(2);
  });

  test("weekly: Monday 7am UK time only", async () => {
    const { person } = await personWithHits("weekly", ["Yellowhammer counts"]);
    await sendSavedSearchDigests(new Date("2026-11-02T06:59:00Z"));
    expect(await mailsTo(person.user.email)).toEqual([]);
    await sendSavedSearchDigests(new Date("2026-11-02T07:00:00Z"));
    expect(await mailsTo(person.user.email)).toHaveLength(1);
    await sendSavedSearchDigests(new Date("2026-11-05T07:00:00Z"));
    await sendSavedSearchDigests(new Date("2026-11-09T07:00:00Z"));
    expect(await mailsTo(person.user.email)).toHaveLength(1);
  });

  test("7am means UK time in summer too", () => {
    // 1 July 2026 is a Wednesday in British Summer Time (UTC+1).
    expect(digestPeriods(new Date("2026-07-01T05:59:00Z")).daily.toISOString()).toBe("2026-06-30T06:00:00.000Z");
    expect(digestPeriods(new Date("2026-07-01T06:00:00Z")).daily.toISOString()).toBe("2026-07-01T06:00:00.000Z");
    expect(digestPeriods(new Date("2026-07-01T06:00:00Z")).weekly.toISOString()).toBe("2026-06-29T06:00:00.000Z");
    expect(digestPeriods(new Date("2026-11-02T06:59:00Z")).weekly.toISOString()).toBe("2026-10-26T07:00:00.000Z");
  });
});

describe("unsubscribing from the email itself", () => {
  test("the link opens a page that changes nothing; its button stops that search's emails, signed out", async () => {
    const person = await createPerson();
    const search = await saveChallengeSearch(person, "q=parking", "daily", "Parking");
    const token = await unsubscribeToken(search.id);
    const page = unwrap(
      await settle(unsubscribeLoader({ request: getRequest(`/unsubscribe/${token}`), params: { token }, context })),
    );
    expect(page).toMatchObject({ status: 200, body: { name: "Parking", emailing: true } });
    expect((await prisma.savedSearch.findUniqueOrThrow({ where: { id: search.id } })).emailFrequency).toBe("daily");

    const posted = unwrap(
      await settle(
        unsubscribeAction({ request: formRequest(`/unsubscribe/${token}`, {}), params: { token }, context }),
      ),
    );
    expect(posted).toMatchObject({ status: 200, body: { stopped: "Parking" } });
    expect((await prisma.savedSearch.findUniqueOrThrow({ where: { id: search.id } })).emailFrequency).toBe("never");
  });

  test("mail programs get a one-click List-Unsubscribe that works by itself (RFC 8058)", async () => {
    const person = await createPerson();
    const search = await saveChallengeSearch(person, "q=allotments", "immediately", "Allotments");
    const challenge = await createPublishedChallenge({ council: world.council, title: "Allotments waiting list" });
    await evaluateChallenge(challenge.id);
    expect(await hitsOf(search.id)).toEqual([challenge.id]);
    const mail = (await mailsTo(person.user.email, "saved-search-hit"))[0]!;

    // Delivered over real SMTP to a server in this process.
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          received.push(Buffer.concat(chunks).toString("utf8"));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    try {
      expect(await deliverMail(mail.id, { log: () => {} })).toBe("sent");
    } finally {
      delete process.env.SMTP_URL;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const head = received[0]!.split("\r\n\r\n")[0]!.replace(/\r\n[ \t]+/g, " ");
    const link = /^List-Unsubscribe: <([^>]+)>$/m.exec(head)?.[1];
    expect(link).toMatch(/\/unsubscribe\/[a-z0-9]+\.[A-Za-z0-9_-]{43}$/);
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);

    // The mail program posts "List-Unsubscribe=One-Click" to the link, with no cookie.
    const token = new URL(link!).pathname.split("/").at(-1)!;
    const posted = unwrap(
      await settle(
        unsubscribeAction({
          request: formRequest(`/unsubscribe/${token}`, { "List-Unsubscribe": "One-Click" }),
          params: { token },
          context,
        }),
      ),
    );
    expect(posted).toMatchObject({ status: 200, body: { stopped: "Allotments" } });
    expect((await prisma.savedSearch.findUniqueOrThrow({ where: { id: search.id } })).emailFrequency).toBe("never");
  });

  test("a tampered or made-up link is a clear 404 and changes nothing", async () => {
    const person = await createPerson();
    const search = await saveChallengeSearch(person, "q=bins", "immediately", "Bins");
    const token = await unsubscribeToken(search.id);
    const other = await saveChallengeSearch(await createPerson(), "q=bins", "daily", "Someone else's");
    const tampered = [
      `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`,
      `${other.id}.${token.split(".")[1]}`,
      "nonsense",
      `${search.id}.`,
    ];
    for (const bad of tampered) {
      const answers = [
        await settle(
          unsubscribeLoader({ request: getRequest(`/unsubscribe/${bad}`), params: { token: bad }, context }),
        ),
        await settle(
          unsubscribeAction({ request: formRequest(`/unsubscribe/${bad}`, {}), params: { token: bad }, context }),
        ),
      ];
      for (const answer of answers) {
        expect(answer).toBeInstanceOf(Response);
        expect((answer as Response).status).toBe(404);
        expect(await (answer as Response).text()).toContain("This unsubscribe link is not valid");
      }
    }
    expect((await prisma.savedSearch.findUniqueOrThrow({ where: { id: search.id } })).emailFrequency).toBe(
      "immediately",
    );
    expect((await prisma.savedSearch.findUniqueOrThrow({ where: { id: other.id } })).emailFrequency).toBe("daily");
  });
});

describe("bad input is answered beside the field, with what was typed kept", () => {
  const post = async (
    fields: Record<string, string>,
    cookie: string | undefined,
    path = "/account/saved-searches/new",
  ) => unwrap(await settle(newAction({ request: formRequest(path, fields, cookie), params: {}, context })));

  test("an empty name, an unknown frequency, an unknown skill, too many searches", async () => {
    const person = await createPerson();
    const empty = await post(
      { target: "challenges", search: "q=roads", name: "  ", emailFrequency: "daily" },
      person.cookie,
    );
    expect(empty.status).toBe(400);
    expect(formReply(empty.body)).toMatchObject({
      errors: { name: "Enter a name for this search" },
      values: { search: "q=roads", emailFrequency: "daily" },
    });

    const hourly = await post(
      { target: "challenges", search: "q=roads", name: "Roads", emailFrequency: "hourly" },
      person.cookie,
    );
    expect(hourly.status).toBe(400);
    expect(formReply(hourly.body)).toMatchObject({
      errors: { emailFrequency: "Choose how you want to hear about new results" },
      values: { name: "Roads" },
    });

    const unknown = await post(
      {
        target: "people",
        organisation: world.council.slug,
        skills: "GIS, underwater basket weaving",
        name: "Divers",
        emailFrequency: "daily",
      },
      world.cookies.member,
    );
    expect(unknown.status).toBe(400);
    expect(formReply(unknown.body)).toMatchObject({
      errors: { skills: expect.stringContaining('Nettle does not know the skill "underwater basket weaving"') },
      values: { skills: "GIS, underwater basket weaving", name: "Divers" },
    });

    for (let i = 0; i < 20; i++) await saveChallengeSearch(person, `q=road${i}`, "never", `Road ${i}`);
    const tooMany = await post(
      { target: "challenges", search: "q=roads", name: "One more", emailFrequency: "daily" },
      person.cookie,
    );
    expect(tooMany.status).toBe(400);
    expect(formReply(tooMany.body)).toMatchObject({
      errors: { name: expect.stringContaining("You already have 20 saved searches") },
      values: { name: "One more" },
    });
    expect(await prisma.savedSearch.count({ where: { userId: person.user.id } })).toBe(20);

    // Signed out, nothing is saved: sign in first.
    const anonymous = await post(
      { target: "challenges", search: "", name: "Anything", emailFrequency: "daily" },
      undefined,
    );
    expect(anonymous.status).toBe(302);
  });
});

describe("/account/saved-searches", () => {
  const list = async (person: Person, query = "") =>
    unwrap(
      await settle(
        listLoader({ request: getRequest(`/account/saved-searches${query}`, person.cookie), params: {}, context }),
      ),
    );
  const act = async (person: Person, fields: Record<string, string>) =>
    unwrap(
      await settle(
        listAction({ request: formRequest("/account/saved-searches", fields, person.cookie), params: {}, context }),
      ),
    );

  test("lists, renames, changes how to hear and deletes after confirming; empty at first", async () => {
    const person = await createPerson();
    expect((await list(person)).body).toMatchObject({ searches: [] });
    const search = await saveChallengeSearch(person, "skill=SQL&region=London", "daily", "SQL in London");
    const shown = (await list(person)).body as {
      searches: { id: string; runHref: string; description: string }[];
      confirmDelete: string | null;
    };
    expect(shown.searches).toMatchObject([
      { id: search.id, runHref: "/challenges?skill=SQL&region=London", description: "SQL challenges in London" },
    ]);
    expect(shown.confirmDelete).toBeNull();

    const blank = await act(person, { intent: "rename", id: search.id, name: "" });
    expect(blank.status).toBe(400);
    expect(formReply(blank.body).errors).toEqual({ name: "Enter a name for this search" });
    expect((await act(person, { intent: "rename", id: search.id, name: "London SQL" })).status).toBe(302);
    expect((await act(person, { intent: "frequency", id: search.id, emailFrequency: "weekly" })).status).toBe(302);
    const bad = await act(person, { intent: "frequency", id: search.id, emailFrequency: "sometimes" });
    expect(bad.status).toBe(400);
    expect(await prisma.savedSearch.findUniqueOrThrow({ where: { id: search.id } })).toMatchObject({
      name: "London SQL",
      emailFrequency: "weekly",
    });

    // Someone else cannot touch it; the answer does not say whose it is.
    expect((await act(await createPerson(), { intent: "delete", id: search.id })).status).toBe(404);
    expect(((await list(person, `?delete=${search.id}`)).body as { confirmDelete: string }).confirmDelete).toBe(
      search.id,
    );
    expect((await act(person, { intent: "delete", id: search.id })).status).toBe(302);
    expect(await prisma.savedSearch.count({ where: { id: search.id } })).toBe(0);
  });
});

describe("a person's data", () => {
  test("saved searches are in the data download and go when the account is deleted", async () => {
    const person = await createPerson();
    const search = await saveChallengeSearch(person, "q=libraries", "weekly", "Libraries");
    const exported = await exportUserData(person.actor, person.user.id);
    expect(exported?.savedSearches).toMatchObject([
      { name: "Libraries", target: "challenges", emailFrequency: "weekly", query: { q: "libraries" } },
    ]);
    // Someone else's download never carries it.
    expect(
      (await exportUserData((await createPerson()).actor, person.user.id).catch(() => null))?.savedSearches ?? [],
    ).toEqual([]);

    await deleteAccount(person.actor, person.user.id, "delete");
    expect(await prisma.savedSearch.count({ where: { id: search.id } })).toBe(0);
  });
});

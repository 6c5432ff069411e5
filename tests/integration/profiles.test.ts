import { beforeAll, describe, expect, test } from "vitest";
import { drainSearchOutbox } from "~/models/platform/search-outbox.server";
import { applySearchSettings } from "~/models/platform/search-reindex.server";
import { changeProfileSkill, replaceProfileSkills, saveProfileDetails, viewProfile } from "~/models/profiles/profile.server";
import { MAX_PROFILE_SKILLS } from "~/models/profiles/schemas";
import { action as accountAction } from "~/routes/account._index";
import { loader as dataLoader } from "~/routes/account.data";
import { action as deleteAction } from "~/routes/account.delete";
import { action as profileAction, loader as profileLoader } from "~/routes/account.profile";
import { loader as personLoader } from "~/routes/people.$userId";
import { prisma } from "~/services/db.server";
import { getSearch } from "~/services/search.server";
import { createPerson, createProfile, createPublishedChallenge, createVerifiedCouncil, ensureReferenceData, type Person } from "../factories";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";

// The skills profile: a person edits it (/account/profile) and others see it as the person
// chose (/people/<id>). Each write reaches the people index through the outbox.

beforeAll(async () => {
  await ensureReferenceData();
  await applySearchSettings();
  // The skills index, for the skill search on the profile page.
  await drainSearchOutbox();
});

const skillId = async (slug: string) => (await prisma.skill.findUniqueOrThrow({ where: { slug } })).id;
const themeId = async (slug: string) => (await prisma.theme.findUniqueOrThrow({ where: { slug } })).id;

const post = async (person: Person, fields: Record<string, string>, path = "/account/profile") =>
  settle(profileAction({ request: formRequest(path, fields, person.cookie), params: {}, context }));

const pageFor = async (person: Person | null, query = "") => {
  const result = await settle(profileLoader({ request: getRequest(`/account/profile${query}`, person?.cookie), params: {}, context }));
  return unwrap(result);
};

const details = (overrides: Record<string, string> = {}): Record<string, string> => ({
  intent: "details",
  kind: "volunteer",
  headline: "Mapping and flood data",
  bio: "I map **rivers**.",
  region: "Yorkshire and The Humber",
  remoteOk: "yes",
  hoursPerWeek: "6",
  "availableFrom.day": "",
  "availableFrom.month": "",
  "availableFrom.year": "",
  "availableUntil.day": "",
  "availableUntil.month": "",
  "availableUntil.year": "",
  institutionId: "",
  githubUrl: "",
  portfolioUrl: "",
  visibility: "members",
  openToInvitations: "yes",
  ...overrides,
});

async function peopleDocument(userId: string) {
  return getSearch()
    .index("people")
    .getDocument(userId)
    .catch(() => null);
}

describe("editing a profile", () => {
  test("the page needs a signed-in person", async () => {
    const { status, headers } = await pageFor(null);
    expect(status).toBe(302);
    expect(headers.get("location")).toBe("/signin?redirectTo=%2Faccount%2Fprofile");
  });

  test("saves every field, audits it and puts the person in the people index", async () => {
    const person = await createPerson({ kind: "volunteer" });
    const waste = await themeId("waste");
    const university = await prisma.organisation.create({ data: { name: "Test University", slug: `test-uni-${person.user.id}`, kind: "university" } });
    const response = (await post(
      person,
      details({
        kind: "student",
        themes: waste,
        hoursPerWeek: "12",
        "availableFrom.day": "1",
        "availableFrom.month": "2",
        "availableFrom.year": "2027",
        "availableUntil.day": "30",
        "availableUntil.month": "6",
        "availableUntil.year": "2027",
        institutionId: university.id,
        githubUrl: "https://github.com/river-mapper",
        portfolioUrl: "https://example.org/maps",
        visibility: "public",
      }),
    )) as Response;
    expect(response.status).toBe(302);
    const saved = await prisma.profile.findUniqueOrThrow({ where: { userId: person.user.id }, include: { interests: true, user: true } });
    expect(saved).toMatchObject({
      headline: "Mapping and flood data",
      region: "Yorkshire and The Humber",
      remoteOk: true,
      hoursPerWeek: 12,
      availableFrom: new Date("2027-02-01T00:00:00Z"),
      availableUntil: new Date("2027-06-30T00:00:00Z"),
      institutionId: university.id,
      githubUrl: "https://github.com/river-mapper",
      openToInvitations: true,
      user: { kind: "student", visibility: "public" },
    });
    expect(saved.interests.map((i) => i.themeId)).toEqual([waste]);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { subjectId: person.user.id, action: "profiles.update_profile" } });
    expect(entry.actorId).toBe(person.user.id);

    await drainSearchOutbox();
    expect(await peopleDocument(person.user.id)).toMatchObject({ hoursPerWeek: 12, kind: "student", region: "Yorkshire and The Humber" });
  });

  test("a university is kept only for students and academics", async () => {
    const person = await createPerson();
    const university = await prisma.organisation.create({ data: { name: "Other University", slug: `other-uni-${person.user.id}`, kind: "university" } });
    await post(person, details({ kind: "volunteer", institutionId: university.id }));
    expect((await prisma.profile.findUniqueOrThrow({ where: { userId: person.user.id } })).institutionId).toBeNull();
  });

  test.each([
    ["absurd hours", { hoursPerWeek: "400" }, "hoursPerWeek", "Enter hours per week as a whole number from 1 to 60"],
    ["hours that are not a number", { hoursPerWeek: "lots" }, "hoursPerWeek", "Enter hours per week as a whole number from 1 to 60"],
    [
      "a window that ends before it starts",
      {
        "availableFrom.day": "1",
        "availableFrom.month": "9",
        "availableFrom.year": "2027",
        "availableUntil.day": "1",
        "availableUntil.month": "3",
        "availableUntil.year": "2027",
      },
      "availableUntil",
      "The date you are available until must be the same as or after the date you are available from",
    ],
    ["an oversized bio", { bio: "word ".repeat(1200) }, "bio", "About you must be 5,000 characters or fewer"],
    ["a GitHub address that is not a profile", { githubUrl: "https://gitlab.com/someone" }, "githubUrl", "Enter your GitHub profile address, like https://github.com/your-name"],
    ["a portfolio without https", { portfolioUrl: "http://example.org" }, "portfolioUrl", "Enter a web address starting with https://, like https://example.org"],
    ["a region not on the list", { region: "Atlantis" }, "region", "Choose a region from the list"],
    ["an unknown interest", { themes: "no-such-theme" }, "themes", "Choose interests from the list"],
  ])("%s is answered beside its field, with what was typed kept", async (_name, fields, field, message) => {
    const person = await createPerson();
    const result = await post(person, details({ headline: "Kept headline", ...fields }));
    const { status, body } = unwrap(result);
    expect(status).toBe(400);
    const reply = formReply(body);
    expect(reply.errors[field]).toBe(message);
    expect(reply.values.headline).toBe("Kept headline");
    expect(await prisma.profile.findUnique({ where: { userId: person.user.id } })).toBeNull();
  });

  test("someone else cannot change a person's profile, even calling the model directly", async () => {
    const owner = await createPerson();
    const other = await createPerson();
    await expect(
      saveProfileDetails(other.actor, owner.user.id, {
        intent: "details",
        kind: "volunteer",
        headline: "Hijacked",
        bio: "",
        themes: [],
        remoteOk: "yes",
        availableFrom: null,
        availableUntil: null,
        visibility: "public",
        openToInvitations: "yes",
      }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await expect(
      changeProfileSkill(other.actor, owner.user.id, { intent: "add-skill", skillId: await skillId("python"), level: "expert" }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await expect(replaceProfileSkills(other.actor, owner.user.id, [{ slug: "python", level: "expert" }])).rejects.toMatchObject({ kind: "forbidden" });
    expect(await prisma.profile.findUnique({ where: { userId: owner.user.id } })).toBeNull();
  });

  test("setting every skill at once refuses an unknown skill and changes nothing", async () => {
    const { person } = await createProfile({ skills: [{ slug: "qgis", level: "expert" }] });
    await expect(
      replaceProfileSkills(person.actor, person.user.id, [{ slug: "python", level: "expert" }, { slug: "underwater-basket-weaving", level: "learning" }]),
    ).rejects.toMatchObject({ kind: "invalid", message: "There is no skill underwater-basket-weaving in the list." });
    expect((await prisma.profileSkill.findMany({ where: { userId: person.user.id }, include: { skill: true } })).map((s) => s.skill.slug)).toEqual(["qgis"]);
    await replaceProfileSkills(person.actor, person.user.id, [{ slug: "python", level: "expert" }]);
    expect((await prisma.profileSkill.findMany({ where: { userId: person.user.id }, include: { skill: true } })).map((s) => s.skill.slug)).toEqual(["python"]);
  });
});

describe("skills on a profile", () => {
  test("finding a skill by a typed word, adding it with a level, changing the level and removing it", async () => {
    const person = await createPerson();
    const page = await pageFor(person, "?q=arcgis");
    const matches = (page.body as { matches: { id: string; name: string }[] }).matches;
    expect(matches[0]?.name).toBe("ArcGIS");

    const arcgis = await skillId("arcgis");
    expect(((await post(person, { intent: "add-skill", skillId: arcgis, level: "practised", q: "arcgis" })) as Response).status).toBe(302);
    expect(await prisma.profileSkill.findMany({ where: { userId: person.user.id }, select: { skillId: true, level: true } })).toEqual([
      { skillId: arcgis, level: "practised" },
    ]);
    await post(person, { intent: "set-level", skillId: arcgis, level: "expert" });
    expect((await prisma.profileSkill.findFirstOrThrow({ where: { userId: person.user.id } })).level).toBe("expert");
    await drainSearchOutbox();
    expect(await peopleDocument(person.user.id)).toMatchObject({ skillSlugs: ["arcgis"], skillLevels: { arcgis: "expert" } });

    await post(person, { intent: "remove-skill", skillId: arcgis });
    expect(await prisma.profileSkill.count({ where: { userId: person.user.id } })).toBe(0);
  });

  test("a search in other words finds the skill (synonyms), and a word with no skill says so", async () => {
    const person = await createPerson();
    const esri = (await pageFor(person, "?q=esri")).body as { matches: { name: string }[] };
    expect(esri.matches.map((m) => m.name)).toContain("ArcGIS");
    const none = (await pageFor(person, "?q=zzqqxx")).body as { matches: unknown[] };
    expect(none.matches).toEqual([]);
  });

  test("an unknown skill is refused beside the skill, asking to choose from the list", async () => {
    const person = await createPerson();
    const { status, body } = unwrap(await post(person, { intent: "add-skill", skillId: "no-such-skill", level: "expert", q: "map" }));
    expect(status).toBe(400);
    const reply = formReply(body);
    expect(reply.errors.skillId).toBe("Choose a skill from the list. If yours is missing, propose it.");
    expect(reply.values.q).toBe("map");
  });

  test(`a profile lists at most ${MAX_PROFILE_SKILLS} skills`, async () => {
    const person = await createPerson();
    const skills = await prisma.skill.findMany({ take: MAX_PROFILE_SKILLS + 1, orderBy: { slug: "asc" }, select: { id: true } });
    await prisma.profile.create({
      data: {
        userId: person.user.id,
        skills: { create: skills.slice(0, MAX_PROFILE_SKILLS).map((s) => ({ skillId: s.id, level: "learning" as const })) },
      },
    });
    const { status, body } = unwrap(await post(person, { intent: "add-skill", skillId: skills.at(-1)!.id, level: "expert" }));
    expect(status).toBe(400);
    expect(formReply(body).errors.skillId).toBe(`You can list up to ${MAX_PROFILE_SKILLS} skills. Remove one to add another.`);
  });
});

describe("who sees a profile page", () => {
  const open = async (userId: string, viewer: Person | null) =>
    unwrap(await settle(personLoader({ request: getRequest(`/people/${userId}`, viewer?.cookie), params: { userId }, context })));

  test("public to everyone, members-only to signed-in people, hidden to the person alone, deleted to nobody", async () => {
    const stranger = await createPerson();
    const { person: publicPerson } = await createProfile({ visibility: "public", headline: "Public headline" });
    const { person: membersPerson } = await createProfile({ visibility: "members" });
    const { person: hiddenPerson } = await createProfile({ visibility: "private", openToInvitations: false });
    const { person: gone } = await createProfile({ visibility: "public" });
    await prisma.user.update({ where: { id: gone.user.id }, data: { deletedAt: new Date() } });

    expect((await open(publicPerson.user.id, null)).status).toBe(200);
    expect((await open(membersPerson.user.id, null)).status).toBe(404);
    expect((await open(membersPerson.user.id, stranger)).status).toBe(200);
    expect((await open(hiddenPerson.user.id, stranger)).status).toBe(404);
    expect((await open(hiddenPerson.user.id, hiddenPerson)).status).toBe(200);
    expect((await open(gone.user.id, null)).status).toBe(404);
    expect((await open(gone.user.id, gone)).status).toBe(404);
    expect((await open("no-such-person", stranger)).status).toBe(404);
  });

  test("shows skills grouped by level, interests and links, with the bio sanitised", async () => {
    const { person } = await createProfile({
      visibility: "public",
      skills: [
        { slug: "arcgis", level: "expert" },
        { slug: "python", level: "learning" },
      ],
      themes: ["waste"],
      bio: 'Hello <script>alert("x")</script> **there** [link](javascript:alert(1))',
    });
    const view = await viewProfile(null, person.user.id);
    expect(view.skillsByLevel).toEqual([
      { level: "expert", skills: ["ArcGIS"] },
      { level: "practised", skills: [] },
      { level: "learning", skills: ["Python"] },
    ]);
    expect(view.interests).toEqual(["Waste and recycling"]);
    expect(view.bioHtml).toContain("<strong>there</strong>");
    expect(view.bioHtml).not.toContain("<script");
    expect(view.bioHtml).not.toContain("javascript:");

    // The page sends only what it shows: not the hours, availability, email or openness.
    const sent = JSON.stringify(unwrap(await settle(personLoader({ request: getRequest(`/people/${person.user.id}`), params: { userId: person.user.id }, context }))).body);
    expect(sent).toContain("ArcGIS");
    for (const hidden of ["hoursPerWeek", "availableFrom", "openToInvitations", person.user.email!]) expect(sent).not.toContain(hidden);
  });
});

describe("hiding a profile", () => {
  test("hiding it or closing it to invitations removes the person from the people index once the outbox drains", async () => {
    const { person } = await createProfile({ visibility: "members", skills: [{ slug: "python", level: "expert" }] });
    await drainSearchOutbox();
    expect(await peopleDocument(person.user.id)).not.toBeNull();

    await post(person, details({ visibility: "private" }));
    await drainSearchOutbox();
    expect(await peopleDocument(person.user.id)).toBeNull();

    await post(person, details({ visibility: "members" }));
    await drainSearchOutbox();
    expect(await peopleDocument(person.user.id)).not.toBeNull();

    await post(person, details({ visibility: "members", openToInvitations: "no" }));
    await drainSearchOutbox();
    expect(await peopleDocument(person.user.id)).toBeNull();
  });

  test("choosing 'Only you' on the account page removes the person from the people index too", async () => {
    const { person } = await createProfile({ visibility: "members" });
    await drainSearchOutbox();
    expect(await peopleDocument(person.user.id)).not.toBeNull();
    const response = (await settle(
      accountAction({
        request: formRequest("/account", { intent: "profile", displayName: person.user.displayName, kind: "volunteer", visibility: "private" }, person.cookie),
        params: {},
        context,
      }),
    )) as Response;
    expect(response.status).toBe(302);
    await drainSearchOutbox();
    expect(await peopleDocument(person.user.id)).toBeNull();
  });
});

describe("the profile in the account's data", () => {
  test("the data download carries the profile, skills, interests, applications, team places, notifications and saved searches", async () => {
    const { council } = await createVerifiedCouncil();
    const challenge = await createPublishedChallenge({ council, title: "Where do bins overflow?" });
    const { person } = await createProfile({ skills: [{ slug: "arcgis", level: "expert" }], themes: ["waste"], headline: "Bins and maps" });
    const { person: other } = await createProfile({ headline: "Someone else entirely" });
    const application = await prisma.challengeApplication.create({
      data: { challengeId: challenge.id, userId: person.user.id, direction: "interest", message: "I can map the bins", role: "Analyst" },
    });
    await prisma.teamMember.create({ data: { challengeId: challenge.id, userId: person.user.id, role: "Analyst", hoursPerWeek: 4, applicationId: application.id } });
    await prisma.notification.createMany({
      data: [
        { userId: person.user.id, kind: "application.accepted", title: "You are in the team", href: "/" },
        { userId: other.user.id, kind: "application.accepted", title: "Other person's news", href: "/" },
      ],
    });
    await prisma.savedSearch.create({ data: { userId: person.user.id, target: "challenges", name: "Bins in Yorkshire", query: { q: "bins" } } });

    const response = await dataLoader({ request: getRequest("/account/data", person.cookie), params: {}, context });
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      skillsProfile: { headline: "Bins and maps", skills: [{ skill: "ArcGIS", level: "expert" }], interests: ["Waste and recycling"] },
      applications: [{ message: "I can map the bins", role: "Analyst", challenge: { title: "Where do bins overflow?" } }],
      teamPlaces: [{ role: "Analyst", hoursPerWeek: 4 }],
      notifications: [{ title: "You are in the team" }],
      savedSearches: [{ name: "Bins in Yorkshire", query: { q: "bins" } }],
      notificationSettings: [],
      follows: [],
    });
    expect(text).not.toContain("Someone else entirely");
    expect(text).not.toContain("Other person's news");
  });

  test("deleting the account deletes the profile and removes the person from the people index", async () => {
    const { person } = await createProfile({ visibility: "public", skills: [{ slug: "python", level: "expert" }] });
    await prisma.savedSearch.create({ data: { userId: person.user.id, target: "challenges", name: "Python work", query: { q: "python" } } });
    await drainSearchOutbox();
    expect(await peopleDocument(person.user.id)).not.toBeNull();

    const response = (await settle(
      deleteAction({ request: formRequest("/account/delete", { confirm: "delete" }, person.cookie), params: {}, context }),
    )) as Response;
    expect(response.status).toBe(302);
    expect(await prisma.profile.findUnique({ where: { userId: person.user.id } })).toBeNull();
    expect(await prisma.profileSkill.count({ where: { userId: person.user.id } })).toBe(0);
    expect(await prisma.savedSearch.count({ where: { userId: person.user.id } })).toBe(0);
    await drainSearchOutbox();
    expect(await peopleDocument(person.user.id)).toBeNull();
  });
});

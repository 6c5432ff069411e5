import { beforeAll, describe, expect, it } from "vitest";
import { applyFormation, planOf, suggestFormation } from "~/models/event-teams/formation/model.server";
import { showcase } from "~/models/showcase/showcase.server";
import { DomainError } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";
import { action as suggestAction, loader as suggestLoader } from "~/routes/events.$slug_.teams_.suggest";
import { loader as presentLoader } from "~/routes/events.$slug_.present";
import { formationSolver } from "~/models/event-teams/formation/solver.server";
import { createEvent, createPerson, ensureReferenceData, createProfile, createPublishedChallenge, createVerifiedCouncil, type Person } from "../factories";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";

// Team formation as organisers use it (the suggestion's model and page) and the showcase as
// the public reads it, against the real database.

// Seeding the skills and councils and loading HiGHS take most of the first test's time on a
// loaded machine; they belong to the set-up, which has its own, longer limit.
beforeAll(async () => {
  await ensureReferenceData();
  await formationSolver();
}, 120_000);

let codes = 0;
async function register(eventId: string, options: { person?: Person; choices?: string[]; status?: "confirmed" | "waitlisted" | "cancelled"; shareSkills?: boolean; attended?: boolean; guest?: string } = {}) {
  return prisma.registration.create({
    data: {
      eventId,
      userId: options.person?.user.id ?? null,
      guestName: options.guest ?? "",
      status: options.status ?? "confirmed",
      ticketCode: `T${++codes}X${Date.now() % 100000}`,
      shareSkills: options.shareSkills ?? true,
      attendedAt: options.attended ? new Date() : null,
      confirmedAt: new Date(),
      choices: { create: (options.choices ?? []).map((challengeId, i) => ({ challengeId, rank: i + 1 })) },
    },
  });
}

const volunteer = async (skills: string[]) => (await createProfile({ skills: skills.map((slug) => ({ slug, level: "practised" as const })) })).person;

async function failure(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (DomainError.is(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("who the suggestion is for", () => {
  it("takes confirmed people not in a team, uses shared skills with the broader skills they imply, and leaves out the rest", async () => {
    const { event, organiser, challenges } = await createEvent();
    const [potholes, bins] = challenges as [{ id: string }, { id: string }];
    // ArcGIS implies geospatial analysis, which potholes needs.
    const mapper = await volunteer(["arcgis"]);
    const coder = await volunteer(["python"]);
    const private_ = await volunteer(["python"]);
    await register(event.id, { person: mapper, choices: [bins.id, potholes.id] });
    await register(event.id, { person: coder, choices: [bins.id] });
    await register(event.id, { person: private_, choices: [potholes.id], shareSkills: false });
    await register(event.id, { guest: "Wendy Waiting", status: "waitlisted" });
    await register(event.id, { guest: "Colin Cancelled", status: "cancelled" });
    const placed = await register(event.id, { guest: "Tess Teamed", choices: [potholes.id] });
    const team = await prisma.eventTeam.create({ data: { eventId: event.id, challengeId: potholes.id, name: "Already here" } });
    await prisma.eventTeamMember.create({ data: { eventId: event.id, teamId: team.id, registrationId: placed.id } });

    const { result } = await suggestFormation(organiser.actor, event.slug);
    const names = result.teams.flatMap((t) => t.members.filter((m) => !m.existing).map((m) => m.name)).sort();
    expect(names).toEqual([coder.user.displayName, mapper.user.displayName, private_.user.displayName].sort());
    expect(result.teams.flatMap((t) => t.members).some((m) => m.name === "Wendy Waiting" || m.name === "Colin Cancelled")).toBe(false);
    // The mapper's ArcGIS covers potholes' geospatial analysis, so they are moved from their
    // first choice to potholes; the person who keeps their skills private covers nothing.
    const mapperTeam = result.teams.find((t) => t.members.some((m) => m.name === mapper.user.displayName))!;
    expect(mapperTeam.challengeId).toBe(potholes.id);
    expect(mapperTeam.members.find((m) => m.name === mapper.user.displayName)!.covers).toEqual(["geospatial-analysis"]);
    const privateMember = result.teams.flatMap((t) => t.members).find((m) => m.name === private_.user.displayName)!;
    expect(privateMember.covers).toEqual([]);
  });

  it("once the event has started, takes only people who checked in", async () => {
    const { event, organiser, challenges } = await createEvent({ startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 3_600_000) });
    await register(event.id, { guest: "Here Early", choices: [challenges[0]!.id], attended: true });
    await register(event.id, { guest: "Here Too", choices: [challenges[0]!.id], attended: true });
    await register(event.id, { guest: "Never Came", choices: [challenges[0]!.id] });
    const { result } = await suggestFormation(organiser.actor, event.slug);
    expect(result.teams.flatMap((t) => t.members.map((m) => m.name)).sort()).toEqual(["Here Early", "Here Too"]);
  });

  it("refuses people who are not the event's organisers, and does not reveal a draft", async () => {
    const { event } = await createEvent();
    const outsider = await createPerson();
    expect((await failure(suggestFormation(outsider.actor, event.slug))).kind).toBe("forbidden");
    const { event: draft } = await createEvent({ status: "draft" });
    expect((await failure(suggestFormation(outsider.actor, draft.slug))).kind).toBe("not_found");
    expect((await failure(applyFormation(outsider.actor, event.slug, { basis: "0".repeat(32), teams: [] }))).kind).toBe("forbidden");
  });

  it("names the essential skill nobody attending has, at its challenge", async () => {
    const { council } = await createVerifiedCouncil();
    const sql = await createPublishedChallenge({ council, title: `Which streets flood? ${Date.now()}`, skills: [{ slug: "sql", importance: "essential" }] });
    const { event, organiser } = await createEvent({ challenges: [sql] });
    await register(event.id, { person: await volunteer(["python"]), choices: [sql.id] });
    await register(event.id, { person: await volunteer(["data-visualisation"]), choices: [sql.id] });
    const { result } = await suggestFormation(organiser.actor, event.slug);
    expect(result.gaps.map((g) => g.message)).toEqual([`${sql.title} – team 1 has nobody with SQL: nobody attending shares SQL.`]);
  });
});

describe("applying a suggestion", () => {
  it("places everyone as shown, as the organisers' placing, and writes it to the audit log", async () => {
    const { event, organiser, challenges } = await createEvent();
    for (const name of ["Ann", "Bob", "Cat", "Dan"]) await register(event.id, { guest: name, choices: [challenges[1]!.id] });
    const suggestion = await suggestFormation(organiser.actor, event.slug);
    const { placed, teamsCreated } = await applyFormation(organiser.actor, event.slug, planOf(suggestion));
    expect({ placed, teamsCreated }).toEqual({ placed: 4, teamsCreated: 1 });
    const members = await prisma.eventTeamMember.findMany({ where: { eventId: event.id }, select: { source: true, team: { select: { name: true, challengeId: true } } } });
    expect(members).toHaveLength(4);
    expect(new Set(members.map((m) => `${m.source}:${m.team.challengeId}:${m.team.name}`))).toEqual(new Set([`organiser:${challenges[1]!.id}:${suggestion.result.teams[0]!.name}`]));
    const audit = await prisma.auditLog.findFirst({ where: { action: "event_teams.apply_suggestion", subjectId: event.id }, select: { actorId: true, details: true } });
    expect(audit).toMatchObject({ actorId: organiser.user.id, details: { placed: 4, teamsCreated: 1 } });
  });

  it("refuses a suggestion made before someone joined a team, and places nobody", async () => {
    const { event, organiser, challenges } = await createEvent();
    const regs = [];
    for (const name of ["Ann", "Bob", "Cat"]) regs.push(await register(event.id, { guest: name, choices: [challenges[0]!.id] }));
    const stale = planOf(await suggestFormation(organiser.actor, event.slug));
    // Meanwhile Ann creates a team herself.
    const team = await prisma.eventTeam.create({ data: { eventId: event.id, challengeId: challenges[0]!.id, name: "Ann's own" } });
    await prisma.eventTeamMember.create({ data: { eventId: event.id, teamId: team.id, registrationId: regs[0]!.id } });
    const refused = await failure(applyFormation(organiser.actor, event.slug, stale));
    expect(refused.kind).toBe("conflict");
    expect(refused.message).toContain("Suggest teams again");
    expect(await prisma.eventTeamMember.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("through the page: a suggestion is shown on POST, applying redirects to the teams page, a tampered plan is refused beside the form", async () => {
    const { event, organiser, challenges } = await createEvent();
    for (const name of ["Ann", "Bob"]) await register(event.id, { guest: name, choices: [challenges[0]!.id] });
    const path = `/events/${event.slug}/teams/suggest`;
    const page = unwrap(await settle(suggestLoader({ request: getRequest(path, organiser.cookie), params: { slug: event.slug }, context })));
    expect(page.body).toMatchObject({ unassigned: 2 });
    const shown = unwrap(await settle(suggestAction({ request: formRequest(path, { intent: "suggest" }, organiser.cookie), params: { slug: event.slug }, context })));
    const suggestion = (shown.body as { suggestion: { plan: string; byRank: { first: number } } }).suggestion;
    expect(suggestion.byRank.first).toBe(2);
    // Nothing is stored by suggesting.
    expect(await prisma.eventTeam.count({ where: { eventId: event.id } })).toBe(0);

    const tampered = JSON.parse(suggestion.plan) as { teams: { registrationIds: string[] }[] };
    tampered.teams[0]!.registrationIds.push("someone-else");
    const refused = unwrap(await settle(suggestAction({ request: formRequest(path, { intent: "apply", plan: JSON.stringify(tampered) }, organiser.cookie), params: { slug: event.slug }, context })));
    expect(refused.status).toBe(409);
    expect(formReply(refused.body).errors.form).toContain("Suggest teams again");

    const broken = unwrap(await settle(suggestAction({ request: formRequest(path, { intent: "apply", plan: "{not json" }, organiser.cookie), params: { slug: event.slug }, context })));
    expect(broken.status).toBe(400);

    const applied = unwrap(await settle(suggestAction({ request: formRequest(path, { intent: "apply", plan: suggestion.plan }, organiser.cookie), params: { slug: event.slug }, context })));
    expect(applied.status).toBe(302);
    expect(applied.headers.get("location")).toBe(`/events/${event.slug}/teams`);
    expect(await prisma.eventTeamMember.count({ where: { eventId: event.id } })).toBe(2);
  });
});

describe("the showcase", () => {
  it("lists teams with members in presentation order, their links and announced awards only, and is not there for a draft", async () => {
    const { event, challenges } = await createEvent({ status: "finished" });
    const make = async (name: string, order: number | null, demoUrl = "") => {
      const team = await prisma.eventTeam.create({ data: { eventId: event.id, challengeId: challenges[0]!.id, name, presentationOrder: order, demoUrl } });
      const reg = await register(event.id, { guest: `${name} Hiddenperson` });
      await prisma.eventTeamMember.create({ data: { eventId: event.id, teamId: team.id, registrationId: reg.id } });
      return team;
    };
    const second = await make("Second up", 2, "javascript:alert(1)");
    const first = await make("First up", 1, "https://example.org/first");
    await make("Unordered", null);
    await prisma.eventTeam.create({ data: { eventId: event.id, challengeId: challenges[0]!.id, name: "Nobody in it" } });
    await prisma.award.create({ data: { eventId: event.id, name: "Best use of data", teamId: first.id, announcedAt: new Date() } });
    await prisma.award.create({ data: { eventId: event.id, name: "Not yet announced", teamId: second.id } });

    const page = await showcase(null, event.slug);
    expect(page.teams.map((t) => t.name)).toEqual(["First up", "Second up", "Unordered"]);
    expect(page.teams[0]).toMatchObject({ demoUrl: "https://example.org/first", awards: [{ name: "Best use of data", peoplesChoice: false }] });
    expect(page.teams[1]).toMatchObject({ demoUrl: null, awards: [] });
    expect(JSON.stringify(page)).not.toContain("Hiddenperson");

    const { event: draft } = await createEvent({ status: "draft" });
    expect((await failure(showcase(null, draft.slug))).kind).toBe("not_found");
  });

  it("presentation mode shows one team per slide and survives a slide number that is not one", async () => {
    const { event, challenges } = await createEvent();
    for (const name of ["Alpha", "Beta"]) {
      const team = await prisma.eventTeam.create({ data: { eventId: event.id, challengeId: challenges[0]!.id, name } });
      const reg = await register(event.id, { guest: `${name} person` });
      await prisma.eventTeamMember.create({ data: { eventId: event.id, teamId: team.id, registrationId: reg.id } });
    }
    const slide = async (query: string) =>
      unwrap(await settle(presentLoader({ request: getRequest(`/events/${event.slug}/present${query}`), params: { slug: event.slug }, context }))).body as {
        number: number;
        count: number;
        slide: { name: string } | null;
      };
    expect(await slide("?team=2")).toMatchObject({ number: 2, count: 2, slide: { name: "Beta" } });
    expect(await slide("?team=99")).toMatchObject({ number: 2, slide: { name: "Beta" } });
    expect(await slide("?team=-1%00")).toMatchObject({ number: 1, slide: { name: "Alpha" } });
  });
});

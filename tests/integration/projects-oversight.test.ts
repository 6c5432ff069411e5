import { beforeAll, describe, expect, test } from "vitest";
import { hubsServing } from "~/models/platform/policy.server";
import { markStalledProjects } from "~/models/projects/jobs.server";
import { listCouncilProjects, listHubProjects, listMyProjects, projectListInput, PROJECTS_PER_PAGE } from "~/models/projects/lists.server";
import { recordProjectEvents } from "~/models/projects/timeline.server";
import { prisma } from "~/services/db.server";
import { createHub, createPerson, createProject, createVerifiedCouncil, type Person } from "../factories";

// Who oversees projects: a hub's organisers see every project of the councils their hub
// serves, a council its own, each participant their teams; nobody else's. And time passing
// is evidence: a quiet project becomes stalled, its overseers are told once per stall.

const DAY = 86_400_000;
const filter = (input: Record<string, unknown> = {}) => projectListInput.parse(input);
const slugsOf = (list: { items: { slug: string }[] }) => list.items.map((item) => item.slug).sort();

async function councilOutside(region: string) {
  const other = await prisma.organisation.findFirstOrThrow({
    where: { kind: "council", region: { not: region }, claimedById: null, memberships: { none: {} } },
    orderBy: { name: "asc" },
    select: { localAuthorityCode: true, region: true },
  });
  return createVerifiedCouncil({ code: other.localAuthorityCode! });
}

type HubWithOrganiser = Awaited<ReturnType<typeof createHub>>;

describe("lists of projects, per role", () => {
  let a: Awaited<ReturnType<typeof createVerifiedCouncil>>;
  let b: Awaited<ReturnType<typeof createVerifiedCouncil>>;
  let hubA: HubWithOrganiser;
  let hubB: HubWithOrganiser;
  let quietHub: HubWithOrganiser;
  let a1: Awaited<ReturnType<typeof createProject>>;
  let a2: Awaited<ReturnType<typeof createProject>>;
  let bProject: Awaited<ReturnType<typeof createProject>>;
  let admin: Person;
  let stranger: Person;

  beforeAll(async () => {
    a = await createVerifiedCouncil();
    b = await councilOutside(a.council.region!);
    hubA = await createHub({ region: a.council.region! });
    hubB = await createHub({ region: b.council.region! });
    const quietRegion = await prisma.organisation.findFirstOrThrow({
      where: { kind: "council", region: { notIn: [a.council.region!, b.council.region!] } },
      select: { region: true },
    });
    quietHub = await createHub({ region: quietRegion.region! });
    a1 = await createProject({ council: a, withHub: false, title: "Potholes that come back" });
    a2 = await createProject({ council: a, withHub: false, title: "Where the buses run late" });
    bProject = await createProject({ council: b, withHub: false, title: "Empty shops on the high street" });
    admin = await createPerson({ admin: true });
    stranger = await createPerson();
    // a1 is stalled, quiet since long ago; a2 worked on yesterday, with a failing sync.
    await prisma.project.update({ where: { id: a1.project.id }, data: { stage: "stalled", lastActivityAt: new Date(Date.now() - 40 * DAY) } });
    await prisma.project.update({ where: { id: a2.project.id }, data: { stage: "active", lastActivityAt: new Date(Date.now() - DAY) } });
    await prisma.repository.create({
      data: {
        projectId: a2.project.id,
        owner: "leeds-data",
        name: "buses",
        fullNameKey: "leeds-data/buses",
        htmlUrl: "https://github.com/leeds-data/buses",
        syncStatus: "failed",
        syncError: "GitHub says the repository no longer exists.",
      },
    });
  });

  test("a hub's organisers see every project of the councils the hub serves, stalled first; another hub's see none of them", async () => {
    const list = await listHubProjects(hubA.organiser.actor, hubA.hub, filter());
    expect(list.items.map((item) => item.slug)).toEqual([a1.project.slug, a2.project.slug]);
    expect(list.counts.find((c) => c.stage === "stalled")?.count).toBe(1);
    expect(list.items[1]!.repository).toMatchObject({ fullName: "leeds-data/buses", syncError: "GitHub says the repository no longer exists." });
    expect(list.items[0]!.repository).toBeNull();
    expect(list.councils.map((c) => c.slug)).toEqual([a.council.slug]);

    expect(slugsOf(await listHubProjects(hubB.organiser.actor, hubB.hub, filter()))).toEqual([bProject.project.slug]);
    const quiet = await listHubProjects(quietHub.organiser.actor, quietHub.hub, filter());
    expect(quiet.total).toBe(0);
    expect(quiet.items).toEqual([]);
    // Admins see any hub's list.
    expect(slugsOf(await listHubProjects(admin.actor, hubA.hub, filter()))).toEqual(slugsOf({ items: [a1.project, a2.project] }));
  });

  test("nobody else may list a hub's projects: not another hub's organiser, the council, the team or a stranger", async () => {
    for (const who of [hubB.organiser, a.owner, a1.lead, stranger]) {
      await expect(listHubProjects(who.actor, hubA.hub, filter())).rejects.toMatchObject({ kind: "forbidden" });
    }
  });

  test("filters by stage and council; a council the hub does not serve never widens the list", async () => {
    const stalled = await listHubProjects(hubA.organiser.actor, hubA.hub, filter({ stage: "stalled" }));
    expect(stalled.items.map((i) => i.slug)).toEqual([a1.project.slug]);
    const byCouncil = await listHubProjects(hubA.organiser.actor, hubA.hub, filter({ council: a.council.slug }));
    expect(byCouncil.total).toBe(2);
    const foreign = await listHubProjects(hubA.organiser.actor, hubA.hub, filter({ council: b.council.slug }));
    expect(slugsOf(foreign)).not.toContain(bProject.project.slug);
    expect(foreign.council).toBeNull();
    // Nonsense in the query string is read as "no filter", never an error.
    const nonsense = await listHubProjects(hubA.organiser.actor, hubA.hub, filter({ stage: "\u0000", page: "-3" }));
    expect(nonsense.total).toBe(2);
  });

  test("a council's members and the hubs serving it see its projects; other councils and hubs do not", async () => {
    expect(slugsOf(await listCouncilProjects(a.owner.actor, a.council.slug, filter()))).toEqual(slugsOf({ items: [a1.project, a2.project] }));
    expect((await listCouncilProjects(hubA.organiser.actor, a.council.slug, filter())).total).toBe(2);
    for (const who of [b.owner, hubB.organiser, a1.lead, stranger]) {
      await expect(listCouncilProjects(who.actor, a.council.slug, filter())).rejects.toMatchObject({ kind: "forbidden" });
    }
    await expect(listCouncilProjects(a.owner.actor, hubA.hub.slug, filter())).rejects.toMatchObject({ kind: "not_found" });
  });

  test("a participant sees the teams they are in and were in, and a team they left no longer shows its sync error", async () => {
    const mine = await listMyProjects(a2.lead.actor);
    expect(mine.current.map((p) => p.project.slug)).toEqual([a2.project.slug]);
    expect(mine.current[0]).toMatchObject({ teamRole: "lead", project: { repository: { syncError: "GitHub says the repository no longer exists." } } });
    const leaver = a2.members[0]!;
    await prisma.teamMember.updateMany({ where: { projectId: a2.project.id, userId: leaver.user.id }, data: { leftAt: new Date() } });
    const theirs = await listMyProjects(leaver.actor);
    expect(theirs.current).toEqual([]);
    expect(theirs.past.map((p) => p.project.slug)).toEqual([a2.project.slug]);
    expect(theirs.past[0]!.project.repository?.syncError).toBeNull();
    expect(await listMyProjects(stranger.actor)).toEqual({ current: [], past: [] });
  });

  test("stalled projects come first on every page, however many there are", async () => {
    const council = await councilOutside(a.council.region!);
    const { hub, organiser } = await createHub({ region: "Nowhere in particular" });
    await prisma.hubCouncil.create({ data: { hubId: hub.id, councilId: council.council.id } });
    const made: { slug: string; stalled: boolean }[] = [];
    for (let i = 0; i < PROJECTS_PER_PAGE + 3; i++) {
      const { project } = await createProject({ council, withHub: false, members: [] });
      const stalled = i % 4 === 0;
      await prisma.project.update({
        where: { id: project.id },
        data: { stage: stalled ? "stalled" : "active", lastActivityAt: new Date(Date.now() - (stalled ? 30 + i : i) * DAY) },
      });
      made.push({ slug: project.slug, stalled });
    }
    const first = await listHubProjects(organiser.actor, hub, filter());
    const second = await listHubProjects(organiser.actor, hub, filter({ page: 2 }));
    const seen = [...first.items, ...second.items];
    expect(seen).toHaveLength(made.length);
    expect(new Set(seen.map((p) => p.slug)).size).toBe(made.length);
    const stalledCount = made.filter((m) => m.stalled).length;
    expect(seen.slice(0, stalledCount).every((p) => p.stage === "stalled")).toBe(true);
    expect(seen.slice(stalledCount).every((p) => p.stage !== "stalled")).toBe(true);
  });
});

describe("stalled projects", () => {
  const toldAbout = (slug: string) =>
    prisma.notification.groupBy({ by: ["userId"], where: { kind: "project_stalled", href: `/projects/${slug}` }, _count: { _all: true } });

  test("told once per stall: running twice tells nobody twice; work resumes, the marker clears; a second stall tells them again", async () => {
    const made = await createProject();
    const { project } = made;
    await prisma.repository.create({
      data: {
        projectId: project.id,
        owner: "o",
        name: `stall-${project.slug}`,
        fullNameKey: `o/stall-${project.slug}`,
        htmlUrl: "https://github.com/o/n",
        lastCommitAt: project.createdAt,
      },
    });
    // Every hub serving the council is told (other tests' hubs may serve this region too).
    const hubs = await hubsServing(made.council);
    const organisers = await prisma.membership.findMany({ where: { organisationId: { in: hubs.map((h) => h.id) } }, select: { userId: true } });
    expect(organisers.map((o) => o.userId)).toContain(made.organiser!.user.id);
    const everyone = [...new Set([made.lead, ...made.members, made.owner].map((p) => p.user.id).concat(organisers.map((o) => o.userId)))].sort();

    // Not yet: 20 days of quiet is within the default 21.
    await markStalledProjects(new Date(project.createdAt.getTime() + 20 * DAY));
    expect((await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).stage).not.toBe("stalled");

    const later = new Date(project.createdAt.getTime() + 22 * DAY);
    // Two workers at once, then again: the conditional claim lets one of them tell people.
    await Promise.all([markStalledProjects(later), markStalledProjects(later)]);
    await markStalledProjects(later);
    await markStalledProjects(new Date(later.getTime() + DAY));
    const stalled = await prisma.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(stalled.stage).toBe("stalled");
    expect(stalled.stalledNotifiedAt).toEqual(later);
    const first = await toldAbout(project.slug);
    expect(first.map((row) => row.userId).sort()).toEqual(everyone);
    expect(first.every((row) => row._count._all === 1)).toBe(true);
    // Each was emailed too (the kind's default), once.
    const emails = await prisma.mail.count({ where: { to: made.owner.user.email!, subject: { contains: project.title } } });
    expect(emails).toBe(1);

    // A push: work resumed, so the project is active again and the marker is cleared.
    await prisma.$transaction((tx) =>
      recordProjectEvents(tx, project.id, [
        { kind: "push", source: "webhook", occurredAt: new Date(), title: "1 commit to main", dedupeKey: `head:${project.id}` },
      ]),
    );
    const resumed = await prisma.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(resumed.stage).toBe("active");
    expect(resumed.stalledNotifiedAt).toBeNull();

    // Quiet again for longer than the threshold: told again, once.
    const again = new Date(Date.now() + 25 * DAY);
    await markStalledProjects(again);
    await markStalledProjects(again);
    const second = await toldAbout(project.slug);
    expect(second.every((row) => row._count._all === 2)).toBe(true);
    expect(second).toHaveLength(everyone.length);
  });

  test("delivered and published projects never stall, and someone who left the team is not told", async () => {
    const delivered = await createProject();
    await prisma.project.update({ where: { id: delivered.project.id }, data: { stage: "delivered", deliveryAgreedAt: new Date() } });
    const quiet = await createProject();
    const leaver = quiet.members[0]!;
    await prisma.teamMember.updateMany({ where: { projectId: quiet.project.id, userId: leaver.user.id }, data: { leftAt: new Date() } });
    await markStalledProjects(new Date(Date.now() + 60 * DAY));
    expect((await prisma.project.findUniqueOrThrow({ where: { id: delivered.project.id } })).stage).toBe("delivered");
    expect(await toldAbout(delivered.project.slug)).toEqual([]);
    const told = (await toldAbout(quiet.project.slug)).map((row) => row.userId);
    expect(told).toContain(quiet.lead.user.id);
    expect(told).not.toContain(leaver.user.id);
  });
});

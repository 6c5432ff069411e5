import crypto from "node:crypto";
import type { ChallengeStatus, EventKind, EventStatus, Organisation, ParticipantKind, ProfileVisibility, SkillImportance, SkillLevel, User } from "~/generated/prisma/client";
import type { Actor } from "~/models/platform/actor";
import { seedReferenceData } from "~/models/platform/seed.server";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { placeInProject } from "~/models/projects/project.server";
import { prisma } from "~/services/db.server";
import { hashPassword } from "~/services/password.server";
import { createSession } from "~/services/session.server";
import { cookieFrom } from "./support/http";

// Valid records in one call each, for tests: a person (with the Actor model functions take and
// a signed-in cookie for routes), a verified council with its owner, a hub with its organiser,
// a published challenge. Each makes what it needs and returns it; nothing here stubs Nettle.

export const TEST_PASSWORD = "kettle orbit meadow";

let referenceData: Promise<unknown> | undefined;
let passwordHash: Promise<string> | undefined;

/** The councils, skills and themes every database starts with (once per test file). */
export function ensureReferenceData() {
  return (referenceData ??= seedReferenceData());
}

const unique = () => crypto.randomBytes(4).toString("hex");

export interface Person {
  user: User;
  /** What model functions take as `actor`. */
  actor: Actor;
  /** A Cookie header of a fresh session, for calling loaders and actions. */
  cookie: string;
}

export function actorFor(user: User, sessionId = "test"): Actor {
  const { id, email, displayName, emailVerifiedAt, isAdmin, kind, visibility } = user;
  return { id, email, displayName, emailVerifiedAt, isAdmin, kind, visibility, sessionId };
}

export async function cookieFor(userId: string) {
  return cookieFrom(await createSession(userId, new Request("http://localhost/", { headers: { "user-agent": "vitest" } })));
}

/** A person with a confirmed address and the password TEST_PASSWORD. */
export async function createPerson(
  options: { email?: string; name?: string; kind?: ParticipantKind; admin?: boolean; verified?: boolean } = {},
): Promise<Person> {
  const email = (options.email ?? `person-${unique()}@example.org`).toLowerCase();
  const user = await prisma.user.create({
    data: {
      email,
      displayName: options.name ?? email.split("@")[0]!,
      passwordHash: await (passwordHash ??= hashPassword(TEST_PASSWORD)),
      kind: options.kind ?? "volunteer",
      isAdmin: options.admin ?? false,
      emailVerifiedAt: options.verified === false ? null : new Date(),
    },
  });
  return { user, actor: actorFor(user), cookie: await cookieFor(user.id) };
}

/**
 * A council from the register, claimed by its owner and verified (by `verifiedBy`, or nobody
 * in particular): `code` picks it by local-authority code, otherwise any council nobody holds.
 */
export async function createVerifiedCouncil(options: { code?: string; owner?: Person; verifiedBy?: Person } = {}) {
  await ensureReferenceData();
  const council = await prisma.organisation.findFirstOrThrow({
    where: options.code
      ? { localAuthorityCode: options.code }
      : { kind: "council", claimedById: null, verifiedAt: null, memberships: { none: {} } },
    orderBy: { name: "asc" },
  });
  const owner = options.owner ?? (await createPerson({ kind: "council_staff", name: `${council.name} officer` }));
  const verified = await prisma.organisation.update({
    where: { id: council.id },
    data: { claimedAt: new Date(), claimedById: owner.user.id, verifiedAt: new Date(), verifiedById: options.verifiedBy?.user.id ?? null },
  });
  await prisma.membership.create({ data: { userId: owner.user.id, organisationId: council.id, role: "owner" } });
  return { council: verified, owner };
}

/** A hub serving `region` (the register's name, e.g. "Yorkshire and The Humber") with one organiser. */
export async function createHub(options: { region: string; name?: string; slug?: string; organiser?: Person }) {
  const name = options.name ?? `Hub ${unique()}`;
  const hub = await prisma.organisation.create({
    data: {
      slug: options.slug ?? `hub-${unique()}`,
      name,
      kind: "hub",
      region: options.region,
      servesRegions: [options.region],
      verifiedAt: new Date(),
    },
  });
  const organiser = options.organiser ?? (await createPerson({ name: `${name} organiser` }));
  await prisma.membership.create({ data: { userId: organiser.user.id, organisationId: hub.id, role: "owner" } });
  return { hub, organiser };
}

/**
 * A challenge as the wizard and hub review leave it: every step filled in, published (status
 * "open" unless given), on its timeline, and queued for search.
 */
export async function createPublishedChallenge(options: {
  council: Pick<Organisation, "id" | "name">;
  author?: Person;
  title?: string;
  problem?: string;
  area?: string;
  status?: ChallengeStatus;
  themes?: string[];
  skills?: { slug: string; importance: SkillImportance }[];
}) {
  await ensureReferenceData();
  const title = options.title ?? `Which streets flood first? ${unique()}`;
  const themes = await prisma.theme.findMany({ where: { slug: { in: options.themes ?? ["environment-and-climate"] } }, select: { id: true } });
  const skills = await prisma.skill.findMany({
    where: { slug: { in: (options.skills ?? [{ slug: "geospatial-analysis", importance: "essential" }]).map((s) => s.slug) } },
    select: { id: true, slug: true },
  });
  const importance = new Map((options.skills ?? [{ slug: "geospatial-analysis", importance: "essential" as const }]).map((s) => [s.slug, s.importance]));
  return prisma.$transaction(async (tx) => {
    const challenge = await tx.challenge.create({
      data: {
        slug: `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${unique()}`,
        organisationId: options.council.id,
        createdById: options.author?.user.id ?? null,
        status: options.status ?? "open",
        title,
        problem: options.problem ?? "The same streets flood every winter and we cannot see the pattern.",
        whoIsAffected: "Residents of low-lying streets",
        whyItMatters: "Families lose belongings and roads close.",
        outcomeWanted: "A map of the streets most at risk.",
        successMeasures: "Fewer emergency call-outs next winter.",
        area: options.area ?? options.council.name,
        teamSizeMin: 2,
        teamSizeMax: 5,
        timeCommitment: "A few hours a week for six weeks",
        contactName: "Sam Officer",
        contactEmail: options.author?.user.email ?? "officer@example.org",
        wizardStep: 10,
        submittedAt: new Date(),
        publishedAt: new Date(),
        themes: { create: themes.map((theme) => ({ themeId: theme.id })) },
        skills: { create: skills.map((skill) => ({ skillId: skill.id, importance: importance.get(skill.slug) ?? "essential" })) },
        events: { create: { kind: "status", fromStatus: "submitted", toStatus: options.status ?? "open" } },
      },
    });
    await recordSearchChange(tx, "challenges", [challenge.id]);
    return challenge;
  });
}

/**
 * A skills profile for `person` (a new volunteer unless given): skills by slug with a level,
 * interests by theme slug, and the other fields as given. Queued for the people index.
 */
export async function createProfile(
  options: {
    person?: Person;
    skills?: { slug: string; level: SkillLevel }[];
    themes?: string[];
    region?: string | null;
    remoteOk?: boolean;
    hoursPerWeek?: number | null;
    availableFrom?: Date | null;
    availableUntil?: Date | null;
    openToInvitations?: boolean;
    visibility?: ProfileVisibility;
    kind?: ParticipantKind;
    headline?: string;
    bio?: string;
  } = {},
) {
  await ensureReferenceData();
  const person = options.person ?? (await createPerson({ kind: options.kind ?? "volunteer" }));
  const wanted = options.skills ?? [{ slug: "python", level: "practised" as const }];
  const skills = await prisma.skill.findMany({ where: { slug: { in: wanted.map((s) => s.slug) } }, select: { id: true, slug: true } });
  if (skills.length !== wanted.length) throw new Error(`createProfile: unknown skill in ${wanted.map((s) => s.slug).join(", ")}`);
  const themes = await prisma.theme.findMany({ where: { slug: { in: options.themes ?? [] } }, select: { id: true } });
  const level = new Map(wanted.map((s) => [s.slug, s.level]));
  return prisma.$transaction(async (tx) => {
    if (options.visibility || options.kind) {
      await tx.user.update({
        where: { id: person.user.id },
        data: { ...(options.visibility ? { visibility: options.visibility } : {}), ...(options.kind ? { kind: options.kind } : {}) },
      });
    }
    const profile = await tx.profile.create({
      data: {
        userId: person.user.id,
        headline: options.headline ?? "Data volunteer",
        bio: options.bio ?? "",
        region: options.region === undefined ? "Yorkshire and The Humber" : options.region,
        remoteOk: options.remoteOk ?? true,
        hoursPerWeek: options.hoursPerWeek === undefined ? 6 : options.hoursPerWeek,
        availableFrom: options.availableFrom ?? null,
        availableUntil: options.availableUntil ?? null,
        openToInvitations: options.openToInvitations ?? true,
        skills: { create: skills.map((s) => ({ skillId: s.id, level: level.get(s.slug)! })) },
        interests: { create: themes.map((t) => ({ themeId: t.id })) },
      },
    });
    await recordSearchChange(tx, "people", [person.user.id]);
    return { person, profile };
  });
}

/**
 * A project as accepting a team leaves it: a verified council (with its owner) and a hub
 * serving its region, a challenge in progress, and team places for `lead` and `members`
 * (new volunteers unless given) put into the project the way applications/ does it.
 */
export async function createProject(
  options: {
    council?: { council: Organisation; owner: Person };
    lead?: Person;
    members?: Person[];
    title?: string;
    status?: ChallengeStatus;
    withHub?: boolean;
  } = {},
) {
  const { council, owner } = options.council ?? (await createVerifiedCouncil());
  const hub = options.withHub === false || !council.region ? null : await createHub({ region: council.region });
  const challenge = await createPublishedChallenge({ council, author: owner, title: options.title, status: options.status ?? "in_progress" });
  const lead = options.lead ?? (await createPerson({ name: `Lead ${unique()}` }));
  const members = options.members ?? [await createPerson({ name: `Member ${unique()}` })];
  let projectId = "";
  for (const person of [lead, ...members]) {
    await prisma.$transaction(async (tx) => {
      await tx.teamMember.create({
        data: { challengeId: challenge.id, userId: person.user.id, role: "Data analyst", hoursPerWeek: 4, acceptedById: owner.user.id },
      });
      projectId = (await placeInProject(tx, { challengeId: challenge.id, userId: person.user.id, actorId: owner.user.id })).projectId;
    });
  }
  const project = await prisma.project.findUniqueOrThrow({ where: { id: projectId } });
  return { project, challenge, council, owner, hub: hub?.hub ?? null, organiser: hub?.organiser ?? null, lead, members };
}

/**
 * An event run by a hub (a new hub with its organiser unless given), featuring the given
 * challenges (two new open ones of a new verified council unless given), published unless a
 * status is given, a week from now for a day, with an "Arrival" checkpoint and, for a hack
 * day, the usual criteria (one of them the council's adoption question).
 */
export async function createEvent(
  options: {
    hub?: { hub: Organisation; organiser: Person };
    challenges?: { id: string }[];
    title?: string;
    status?: EventStatus;
    capacity?: number;
    startsAt?: Date;
    endsAt?: Date;
    kind?: EventKind;
    registrationOpensAt?: Date | null;
    registrationClosesAt?: Date | null;
    offerHours?: number;
  } = {},
) {
  await ensureReferenceData();
  let hub = options.hub;
  let challenges = options.challenges;
  if (!challenges) {
    const { council } = await createVerifiedCouncil();
    hub ??= council.region ? await createHub({ region: council.region }) : undefined;
    challenges = [
      await createPublishedChallenge({ council, title: `Where do potholes come back? ${unique()}`, skills: [{ slug: "geospatial-analysis", importance: "essential" }] }),
      await createPublishedChallenge({ council, title: `Who misses bin collections? ${unique()}`, skills: [{ slug: "python", importance: "essential" }] }),
    ];
  }
  hub ??= await createHub({ region: "Yorkshire and The Humber" });
  const startsAt = options.startsAt ?? new Date(Date.now() + 7 * 86_400_000);
  const endsAt = options.endsAt ?? new Date(startsAt.getTime() + 8 * 3_600_000);
  const title = options.title ?? `Open data hack day ${unique()}`;
  const status = options.status ?? "published";
  const event = await prisma.event.create({
    data: {
      slug: `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${unique()}`,
      hubId: hub.hub.id,
      kind: options.kind ?? "hack_day",
      status,
      title,
      description: "A day of working on our councils' open data problems.",
      startsAt,
      endsAt,
      venueName: "Central Library",
      venueAddress: "Calverley Street, Leeds",
      venuePostcode: "LS1 3AB",
      stepFreeAccess: true,
      hearingLoop: false,
      quietRoom: true,
      nearestStation: "Leeds (10 minutes' walk)",
      capacity: options.capacity ?? 30,
      registrationOpensAt: options.registrationOpensAt ?? null,
      registrationClosesAt: options.registrationClosesAt ?? null,
      offerHours: options.offerHours ?? 48,
      codeOfConduct: "Be kind. Harassment is not tolerated.",
      publishedAt: status === "draft" ? null : new Date(),
      finishedAt: status === "finished" ? endsAt : null,
      cancelledAt: status === "cancelled" ? new Date() : null,
      createdById: hub.organiser.user.id,
      challenges: { create: challenges.map((challenge, position) => ({ challengeId: challenge.id, position })) },
      checkpoints: { create: [{ name: "Arrival", position: 0 }] },
      criteria:
        (options.kind ?? "hack_day") === "hack_day"
          ? {
              create: [
                { name: "Quality of the work", weight: 3, position: 0 },
                { name: "Use of open data", weight: 2, position: 1 },
                { name: "Could we adopt this?", description: "Could the council use this within a year?", weight: 3, adoption: true, position: 2 },
              ],
            }
          : undefined,
    },
  });
  return { event, hub: hub.hub, organiser: hub.organiser, challenges };
}

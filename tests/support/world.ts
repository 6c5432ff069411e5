import type { Actor } from "~/models/platform/actor";
import { scheduleImpactChecks } from "~/models/impact/impact.server";
import { prisma } from "~/services/db.server";
import * as outcomes from "~/models/outcomes/outcome.server";
import { placeInProject } from "~/models/projects/project.server";
import { acceptDataTerms, inviteToTeam } from "~/models/projects/team.server";
import { register } from "~/models/registrations/registration.server";
import { cookieFor, createEvent, createHub, createPerson, createProject, createPublishedChallenge, createVerifiedCouncil, ensureReferenceData } from "../factories";
import { hashToken } from "~/services/session.server";
import { makeAttendee, makeTeam } from "./event-teams";

// A small world with one person in each role, for permission tests: a verified council (Leeds)
// with an owner and a member, another council (Bradford) with its own owner, a hub serving
// Yorkshire and The Humber with an organiser, a participant with no memberships, an admin.

// "team" leads the world's project (makeWorldProject) and has accepted its data terms.
export const ROLES = ["anonymous", "participant", "member", "owner", "otherOwner", "organiser", "admin", "team"] as const;
export type Role = (typeof ROLES)[number];

/** A person with a confirmed address (tests/factories.ts), as the user row. */
export async function makeUser(email: string, options: { isAdmin?: boolean; verified?: boolean; displayName?: string } = {}) {
  const person = await createPerson({ email, name: options.displayName, admin: options.isAdmin, verified: options.verified });
  return person.user;
}

export { cookieFor };

export async function buildWorld() {
  await ensureReferenceData();
  const people = {
    participant: await createPerson({ email: "participant@example.org" }),
    member: await createPerson({ email: "member@example.org" }),
    owner: await createPerson({ email: "owner@example.org" }),
    otherOwner: await createPerson({ email: "other-owner@example.org" }),
    organiser: await createPerson({ email: "organiser@example.org" }),
    admin: await createPerson({ email: "admin@example.org", admin: true }),
    team: await createPerson({ email: "team@example.org", name: "Team Lead" }),
  };
  const { council } = await createVerifiedCouncil({ code: "LDS", owner: people.owner, verifiedBy: people.organiser });
  await prisma.membership.create({ data: { userId: people.member.user.id, organisationId: council.id, role: "member" } });
  // Bradford is claimed by its owner but not verified yet.
  const otherCouncil = await prisma.organisation.update({
    where: { localAuthorityCode: "BRD" },
    data: { claimedAt: new Date(), claimedById: people.otherOwner.user.id },
  });
  await prisma.membership.create({ data: { userId: people.otherOwner.user.id, organisationId: otherCouncil.id, role: "owner" } });
  const { hub } = await createHub({ region: council.region!, name: "Test Hub", slug: "test-hub", organiser: people.organiser });

  const users = Object.fromEntries(Object.entries(people).map(([role, person]) => [role, person.user])) as {
    [R in keyof typeof people]: (typeof people)[R]["user"];
  };
  /** What model functions take as `actor`, per role. */
  const actors = Object.fromEntries(Object.entries(people).map(([role, person]) => [role, person.actor])) as {
    [R in keyof typeof people]: Actor;
  };
  const cookies: Record<Role, string | undefined> = { anonymous: undefined } as Record<Role, string | undefined>;
  for (const [role, person] of Object.entries(people)) cookies[role as Role] = person.cookie;
  return { council, otherCouncil, hub, users, actors, cookies };
}

/** Restricted values of the outcomes part (issue 10), planted by makeOutcomes. */
export const OUTCOME_CANARIES = {
  /** What a team wrote in an outcome the council has not signed off: the team, council and its hubs. */
  draftOutcomeSummary: "Canary draft outcome summary d3f8",
  /** The council's comment sending an outcome back: for the team, council and its hubs. */
  outcomeReviewComment: "Canary outcome review comment k2m9: the figures look wrong",
  /** An output dataset with personal data: never public, even once the outcome is published. */
  outcomePersonalDataset: "Canary outcome personal dataset w7e2",
} as const;

/** Restricted values of the events part (issue 11), planted by makeWorldEvents. */
export const EVENT_CANARIES = {
  /** A draft event's title: only the hub's organisers (and admins) see it. */
  draftEventTitle: "Canary draft event title e4t7",
} as const;

/** Restricted values of the registrations part (issue 11), planted by makeEventRegistrations. */
export const REGISTRATION_CANARIES = {
  /** The participant's dietary needs: the event's organisers only, when they ask. */
  dietaryNeed: "Canary dietary need p4k8: no sesame",
  /** The participant's access needs: the event's organisers only, when they ask. */
  accessNeed: "Canary access need t6w3: I use a white cane",
  /** The participant's ticket code: theirs alone (the organisers' check-in pages are part C's). */
  ticketCode: "CANRYTKT",
} as const;

/** Restricted values of check-in and teams at events (issue 11, part C), planted by makeWorldEvent. */
export const ON_THE_DAY_CANARIES = {
  /** An attendee's ticket code: the organisers' check-in pages only. */
  attendeeTicketCode: "QX7CNRY2",
  /** An attendee's email address: the organisers' check-in pages only. */
  attendeeEmail: "canary-attendee-p4n8@example.org",
} as const;
/** Restricted values of judging (issue 11, part E), planted by makeWorldJudging. */
export const JUDGING_CANARIES = {
  /** A judge's email address: for the event's organisers only. */
  judgeEmail: "canary-judge-x4k7@example.org",
  /** Why a judge declared a conflict of interest: for the organisers only. */
  judgeConflictReason: "Canary conflict reason p3w8: my niece is in this team",
  /** Results rows with scores, before the organisers publish them: organisers only. */
  unpublishedScores: /"rawPercent":\d/,
} as const;

/** The world's judge's link token (only its sha256 is stored). */
export const WORLD_JUDGE_TOKEN = "J".repeat(43);

/**
 * Restricted values planted in the world, each a string found nowhere else, so a test can
 * search everything a route sends for them. Which roles may see each one, where, is declared
 * by the test that plants them (see the authorisation matrix).
 */
export const CANARIES = {
  contactEmail: "canary-contact-q7x2@example.org",
  personalDatasetTitle: "Canary personal dataset k3v9",
  personalDatasetDescription: "Name and address of the resident, phone number (canary m2p8)",
  personalDatasetLink: "https://canary-personal-z5w1.example.org/residents.csv",
  /** The personal dataset's DPIA answer: the only dataset in the world answering "no". */
  personalDatasetDpia: /"dpia":"no"/,
  /** The personal dataset's retention date, the only one in the world. */
  personalDatasetRetention: "2091-02-03",
  oldValue: "Canary old text w8r4: Mrs Example of 1 Canary Row",
  oldContactEmail: "canary-old-contact-h4j6@example.org",
  pendingDatasetTitle: "Canary dataset waiting for review n6t3",
  pendingLink: "https://canary-pending-b9c5.example.org/lights",
  /** What someone wrote when proposing a skill: for hub organisers deciding it. */
  proposalNote: "Canary proposal note r2d7: I use it at my employer",
  /** The participant's skills profile, hidden (visibility private): theirs alone. */
  hiddenProfileHeadline: "Canary hidden profile headline r5y1",
  /** The member's skills profile, for signed-in members only. */
  membersProfileBio: "Canary members-only bio c8d2",
  /** A members-only profile's headline: shown to those matching people for a challenge. */
  matchedPersonHeadline: "Canary matched volunteer headline r5e1",
  /** A volunteer's note offering help: for the council and its hubs, not other volunteers. */
  applicantNote: "Canary applicant note r5d2: I care for my mother on Tuesdays",
  /** Where the project's personal data lives: for team members who accepted the data terms. */
  teamDatasetLink: "https://canary-team-data-u3k8.example.org/households.csv",
  /** What failed when syncing the project's repository: for the team, the council and its hubs. */
  syncError: "Canary sync error f6q1: GitHub refused the token",
  /** A pending project invitation's message: for insiders (the invited person is outside the roles). */
  projectInvitationMessage: "Canary project invitation y7h3: come and join us",
  ...OUTCOME_CANARIES,
  ...EVENT_CANARIES,
  ...REGISTRATION_CANARIES,
  ...ON_THE_DAY_CANARIES,
  /** An attendee's name at an event: organisers see it when forming teams; the showcase names no one. */
  formationAttendeeName: "Canary attendee v6n4",
  ...JUDGING_CANARIES,
} as const;

export type Canary = keyof typeof CANARIES;

/**
 * A public challenge of the world's council carrying every canary: a contact email, a dataset
 * with personal data, an edit whose old values are restricted, and data card changes waiting
 * for hub review (a new dataset, and a new link for the open one).
 */
export async function makeRestrictedChallenge(world: Awaited<ReturnType<typeof buildWorld>>, slug: string) {
  const housing = await prisma.theme.findUniqueOrThrow({ where: { slug: "housing" } });
  const problem = "Residents report bus stops they cannot reach with a wheelchair.";
  const challenge = await prisma.challenge.create({
    data: {
      slug,
      title: "Which bus stops are hard to reach?",
      problem,
      organisationId: world.council.id,
      status: "open",
      publishedAt: new Date(),
      contactName: "Sam Officer",
      contactEmail: CANARIES.contactEmail,
      themes: { create: { themeId: housing.id } },
      datasets: {
        create: [
          {
            title: "Bus stop locations",
            licence: "ogl",
            sensitivity: "open",
            personalData: false,
            dpia: "not_needed",
            accessRoute: "open_download",
            link: "https://example.org/stops.csv",
            position: 0,
          },
          {
            title: CANARIES.personalDatasetTitle,
            description: CANARIES.personalDatasetDescription,
            link: CANARIES.personalDatasetLink,
            licence: "not_licensed",
            sensitivity: "official_sensitive",
            personalData: true,
            dpia: "no",
            accessRoute: "secure_environment",
            retentionDate: new Date(`${CANARIES.personalDatasetRetention}T00:00:00Z`),
            position: 1,
          },
        ],
      },
    },
    include: { datasets: { orderBy: { position: "asc" } } },
  });
  const edit = await prisma.challengeEvent.create({
    data: {
      challengeId: challenge.id,
      actorId: world.users.owner.id,
      kind: "edit",
      changes: {
        problem: { from: CANARIES.oldValue, to: problem },
        contactEmail: { from: CANARIES.oldContactEmail, to: CANARIES.contactEmail },
      },
    },
  });
  const open = challenge.datasets[0]!;
  const waiting = await prisma.datasetChange.create({
    data: {
      challengeId: challenge.id,
      title: CANARIES.pendingDatasetTitle,
      licence: "ogl",
      sensitivity: "open",
      personalData: false,
      dpia: "not_needed",
      accessRoute: "open_download",
    },
  });
  await prisma.datasetChange.create({
    data: {
      challengeId: challenge.id,
      datasetId: open.id,
      title: open.title,
      link: CANARIES.pendingLink,
      licence: open.licence,
      sensitivity: open.sensitivity,
      personalData: false,
      dpia: open.dpia,
      accessRoute: open.accessRoute,
    },
  });
  return { id: challenge.id, slug, editEventId: edit.id.toString(), waitingChangeId: waiting.id };
}

/**
 * A project of the world's council (no team: the world has no team roles) whose repository
 * sync failed with the syncError canary, and its published outcome with the three follow-up
 * questions scheduled.
 */
export async function makeProjectWithOutcome(world: Awaited<ReturnType<typeof buildWorld>>, slug: string) {
  const challenge = await prisma.challenge.create({
    data: {
      slug: `${slug}-challenge`,
      title: "Which gullies block first?",
      problem: "Drains block before storms.",
      organisationId: world.council.id,
      status: "outcome_published",
      publishedAt: new Date(),
    },
  });
  const project = await prisma.project.create({
    data: { slug, challengeId: challenge.id, title: "Gully watch", stage: "published", lastActivityAt: new Date() },
  });
  await prisma.repository.create({
    data: {
      projectId: project.id,
      owner: "leeds-data",
      name: "gully-watch",
      fullNameKey: "leeds-data/gully-watch",
      htmlUrl: "https://github.com/leeds-data/gully-watch",
      syncStatus: "failed",
      syncError: CANARIES.syncError,
    },
  });
  const publishedAt = new Date();
  const outcome = await prisma.outcome.create({
    data: { slug: `${slug}-outcome`, projectId: project.id, state: "published", title: "Gully watch map", licence: "ogl_3", publishedAt },
  });
  await prisma.$transaction((tx) => scheduleImpactChecks(tx, outcome.id, publishedAt));
  return { projectSlug: project.slug, outcomeSlug: outcome.slug };
}

/**
 * A project on another public challenge of the world's council, led by the "team" role, who
 * has accepted the data terms; with a personal dataset, a repository whose last sync failed,
 * and an invitation waiting for someone outside the roles. Each carries a canary.
 */
export async function makeWorldProject(world: Awaited<ReturnType<typeof buildWorld>>) {
  const lead = { user: world.users.team, actor: world.actors.team, cookie: world.cookies.team ?? "" };
  const owner = { user: world.users.owner, actor: world.actors.owner, cookie: world.cookies.owner ?? "" };
  const { project, challenge } = await createProject({
    council: { council: world.council, owner },
    lead,
    withHub: false,
    title: "Which households flood again?",
  });
  await prisma.dataset.create({
    data: {
      challengeId: challenge.id,
      title: "Households that claimed flood grants",
      link: CANARIES.teamDatasetLink,
      licence: "not_licensed",
      sensitivity: "official_sensitive",
      personalData: true,
      dpia: "yes",
      accessRoute: "secure_environment",
    },
  });
  await acceptDataTerms(lead.actor, project.slug);
  await prisma.repository.create({
    data: {
      projectId: project.id,
      owner: "nettle-demo",
      name: "flood-households",
      fullNameKey: "nettle-demo/flood-households",
      htmlUrl: "https://github.com/nettle-demo/flood-households",
      syncStatus: "failed",
      syncError: CANARIES.syncError,
    },
  });
  const outsider = await createPerson({ email: "project-invitee@example.org" });
  await inviteToTeam(lead.actor, project.slug, { intent: "invite", email: outsider.user.email!, message: CANARIES.projectInvitationMessage });
  return { slug: project.slug, id: project.id };
}

/**
 * Two projects of the world's council, each led by the participant: one whose outcome the
 * council sent back (carrying every outcome canary), one published (with a personal dataset).
 */
export async function makeOutcomes(world: Awaited<ReturnType<typeof buildWorld>>) {
  const texts = {
    title: "",
    summary: "A map of the streets that flood first.",
    whatWasBuilt: "A web map.",
    results: "312 drains found.",
    howToReuse: "Run the scripts.",
    licence: "ogl_3" as const,
    demoUrl: "",
    reportUrl: "",
  };
  const personal = {
    title: OUTCOME_CANARIES.outcomePersonalDataset,
    description: "",
    link: "",
    format: "",
    licence: "not_licensed" as const,
    sensitivity: "official_sensitive" as const,
    personalData: true,
    dpia: "yes" as const,
    accessRoute: "secure_environment" as const,
    retentionDate: null,
  };
  const owner = world.actors.owner;
  const lead = world.actors.participant;
  const projects: string[] = [];
  for (const title of ["Outcome sent back", "Outcome published"]) {
    const challenge = await createPublishedChallenge({ council: world.council, title, status: "in_progress" });
    const projectId = await prisma.$transaction(async (tx) => {
      await tx.teamMember.create({
        data: {
          challengeId: challenge.id,
          userId: lead.id,
          role: "Data analyst",
          hoursPerWeek: 4,
          acceptedById: owner.id,
        },
      });
      return (await placeInProject(tx, { challengeId: challenge.id, userId: lead.id, actorId: owner.id })).projectId;
    });
    projects.push((await prisma.project.findUniqueOrThrow({ where: { id: projectId } })).slug);
  }
  const [sentBack, published] = projects as [string, string];
  await outcomes.saveOutcomeDataset(lead, sentBack, undefined, personal);
  const draft = await outcomes.saveOutcome(
    lead,
    sentBack,
    { ...texts, summary: OUTCOME_CANARIES.draftOutcomeSummary },
    { submit: true },
  );
  await outcomes.requestOutcomeChanges(owner, sentBack, OUTCOME_CANARIES.outcomeReviewComment);
  await outcomes.saveOutcomeDataset(lead, published, undefined, personal);
  await outcomes.saveOutcome(lead, published, texts, { submit: true });
  const done = await outcomes.signOffOutcome(owner, published);
  return {
    sentBackProject: sentBack,
    sentBackOutcome: draft.slug,
    publishedProject: published,
    publishedOutcome: done.slug,
  };
}

/**
 * Two events of the world's hub featuring a challenge of the world's council: a published one
 * (public) and a draft whose title is a canary (only the hub's organisers and admins see it).
 */
export async function makeWorldEvents(world: Awaited<ReturnType<typeof buildWorld>>) {
  const challenge = await createPublishedChallenge({ council: world.council, title: "Where do gritters go first?" });
  const organiser = await prisma.user.findUniqueOrThrow({ where: { id: world.users.organiser.id } });
  const person = { user: organiser, actor: world.actors.organiser, cookie: world.cookies.organiser ?? "" };
  const published = await createEvent({ hub: { hub: world.hub, organiser: person }, challenges: [challenge], title: "World open data hack day" });
  const draft = await createEvent({ hub: { hub: world.hub, organiser: person }, challenges: [challenge], title: EVENT_CANARIES.draftEventTitle, status: "draft" });
  return { publishedSlug: published.event.slug, draftSlug: draft.event.slug };
}

/**
 * A published hack day of the world's hub featuring `challenges`, with the participant
 * registered (a place; dietary and access needs and the ticket code are canaries).
 */
export async function makeEventRegistrations(world: Awaited<ReturnType<typeof buildWorld>>, challenges: { id: string }[]) {
  const organiser = { user: world.users.organiser, actor: world.actors.organiser, cookie: world.cookies.organiser ?? "" };
  const { event } = await createEvent({ hub: { hub: world.hub, organiser }, challenges, title: "Registrations hack day", capacity: 20 });
  await register(world.actors.participant, event.slug, {
    choice1: challenges[0]?.id ?? "",
    choice2: "",
    choice3: "",
    dietary: REGISTRATION_CANARIES.dietaryNeed,
    access: REGISTRATION_CANARIES.accessNeed,
    shareSkills: "yes",
    agreeConduct: "yes",
  });
  await prisma.registration.update({
    where: { eventId_userId: { eventId: event.id, userId: world.users.participant.id } },
    data: { ticketCode: REGISTRATION_CANARIES.ticketCode },
  });
  return { slug: event.slug, id: event.id };
}

/**
 * A hack day of the world's hub that started an hour ago (so walk-ins are open), with an
 * "Arrival" checkpoint. The participant has a confirmed place; so has an attendee outside the
 * roles carrying the ticket code and email canaries.
 */
export async function makeWorldEvent(world: Awaited<ReturnType<typeof buildWorld>>) {
  const organiser = { user: world.users.organiser, actor: world.actors.organiser, cookie: world.cookies.organiser ?? "" };
  const startsAt = new Date(Date.now() - 3_600_000);
  const { event } = await createEvent({ hub: { hub: world.hub, organiser }, title: "World hack day", startsAt, endsAt: new Date(startsAt.getTime() + 8 * 3_600_000) });
  const attendee = await createPerson({ email: ON_THE_DAY_CANARIES.attendeeEmail, name: "Canary Attendee" });
  await prisma.registration.createMany({
    data: [
      { eventId: event.id, userId: attendee.user.id, status: "confirmed", ticketCode: ON_THE_DAY_CANARIES.attendeeTicketCode, confirmedAt: new Date() },
      { eventId: event.id, userId: world.users.participant.id, status: "confirmed", ticketCode: "PRTCPNT2", confirmedAt: new Date() },
    ],
  });
  const checkpoint = await prisma.checkpoint.findFirstOrThrow({ where: { eventId: event.id }, select: { id: true } });
  return { slug: event.slug, checkpointId: checkpoint.id };
}

/**
 * An event of the world's hub for team formation and the showcase (issue 11, part D): a team
 * with a summary and demo whose member carries the attendee canary, and someone not in a team.
 */
export async function makeFormationEvent(world: Awaited<ReturnType<typeof buildWorld>>) {
  const organiser = { user: world.users.organiser, actor: world.actors.organiser, cookie: world.cookies.organiser ?? "" };
  const { event, challenges } = await createEvent({ hub: { hub: world.hub, organiser }, title: "World hack day" });
  const guest = (name: string, code: string) =>
    prisma.registration.create({ data: { eventId: event.id, guestName: name, status: "confirmed", ticketCode: code, confirmedAt: new Date() } });
  const member = await guest(CANARIES.formationAttendeeName, "CANARY1");
  await guest("Waiting Person", "WAITING1");
  const team = await prisma.eventTeam.create({
    data: { eventId: event.id, challengeId: challenges[0]!.id, name: "Pothole Hunters", summary: "Maps where potholes come back", demoUrl: "https://example.org/demo" },
  });
  await prisma.eventTeamMember.create({ data: { eventId: event.id, teamId: team.id, registrationId: member.id, source: "self" } });
  return { slug: event.slug };
}

/**
 * A published hack day of the world's hub: the participant checked in and in team Red, team
 * Blue, a judge (by WORLD_JUDGE_TOKEN) conflicted with Blue who scored Red, results not
 * published, people's choice voting open with one vote cast.
 */
export async function makeWorldJudging(world: Awaited<ReturnType<typeof buildWorld>>) {
  const organiser = { user: world.users.organiser, actor: world.actors.organiser, cookie: world.cookies.organiser ?? "" };
  const { event, challenges } = await createEvent({ hub: { hub: world.hub, organiser }, title: "World hack day" });
  const participant = { user: world.users.participant, actor: world.actors.participant, cookie: world.cookies.participant ?? "" };
  const attendee = await makeAttendee(event.id, { person: participant });
  const voter = await makeAttendee(event.id);
  const red = await makeTeam(event.id, challenges[0]!.id, "Red", [attendee]);
  const blue = await makeTeam(event.id, challenges[0]!.id, "Blue", [voter]);
  const judge = await prisma.judge.create({
    data: { eventId: event.id, name: "World Judge", email: JUDGING_CANARIES.judgeEmail, tokenHash: hashToken(WORLD_JUDGE_TOKEN), conflictsDeclaredAt: new Date() },
  });
  await prisma.judgeConflict.create({ data: { judgeId: judge.id, teamId: blue.id, reason: JUDGING_CANARIES.judgeConflictReason } });
  const criteria = await prisma.criterion.findMany({ where: { eventId: event.id } });
  await prisma.score.createMany({ data: criteria.map((c) => ({ judgeId: judge.id, teamId: red.id, criterionId: c.id, value: 3 })) });
  await prisma.event.update({ where: { id: event.id }, data: { votingState: "open", votingOpenedAt: new Date() } });
  await prisma.vote.create({ data: { eventId: event.id, registrationId: voter.registration.id, teamId: red.id } });
  return { slug: event.slug, eventId: event.id, redId: red.id, blueId: blue.id };
}

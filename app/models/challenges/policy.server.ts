import type { ChallengeStatus, OrganisationKind, Prisma } from "~/generated/prisma/client";
import { PUBLIC_STATUSES } from "~/models/challenges/status";
import type { Actor } from "~/models/platform/actor";
import { forbidden, notFound } from "~/models/platform/errors";
import { definePolicy, isHubOrganiserFor, membershipRole } from "~/models/platform/policy.server";
import { prisma } from "~/services/db.server";

// The challenges policy: who may see, change and decide on a challenge, and which of its
// restricted fields (contact email, personal datasets, old history values) they may see.
// Every model function that reads or writes a challenge asks here; routes only show what it
// allows.

type Tx = Prisma.TransactionClient;

/**
 * The challenges anyone may see, anonymous visitors included, as a query. Every public reader
 * (search and its index, the API, the CSV, feeds, council pages) filters by this.
 */
export const publicChallenges = { status: { in: [...PUBLIC_STATUSES] } } satisfies Prisma.ChallengeWhereInput;

/** Statuses in which the council may edit (an edit to an open challenge is kept in its history). */
export const EDITABLE_STATUSES: readonly ChallengeStatus[] = ["draft", "changes_requested", "open", "in_progress"];

export interface ChallengeRef {
  id: string;
  status: ChallengeStatus;
  organisationId: string;
  organisation: {
    id: string;
    name: string;
    kind: "council" | "university" | "hub" | "community";
    region: string | null;
    verifiedAt: Date | null;
  };
}

export interface ChallengeAccess {
  /** Owner or member of the council that posted it. */
  council: boolean;
  /** Organiser of a hub serving the council, or a platform admin. */
  reviewer: boolean;
  view: boolean;
  /** May open its private page (/challenges/<id>/review): the council and its reviewers. */
  manage: boolean;
  edit: boolean;
  /** May see the contact's email address, which the officer gave for the hub and the team. */
  contact: boolean;
  /** May see that datasets with personal data exist in detail (title, description, governance). */
  personalDatasets: boolean;
  /** May see where datasets with personal data live (their links). */
  personalDataLinks: boolean;
  /** May see old values in the challenge's history (the public sees what changed and when). */
  history: boolean;
  /** May remove a value from the history for good. */
  redact: boolean;
  /** May approve or send back changes to the data card of a public challenge. */
  reviewDataCard: boolean;
  /** May delete it for good while it is a draft. */
  deleteDraft: boolean;
  /** How a redaction by this person is described in public: "the council", "a hub organiser"… */
  actingAs: "council" | "hub organiser" | "admin" | null;
}

const NO_ACCESS = {
  council: false,
  reviewer: false,
  manage: false,
  edit: false,
  contact: false,
  personalDatasets: false,
  personalDataLinks: false,
  history: false,
  redact: false,
  reviewDataCard: false,
  deleteDraft: false,
  actingAs: null,
} as const;

/**
 * What `user` may do with `challenge`, and which of its restricted fields they may see. Every
 * model function that reads or writes a challenge asks here; routes only show what it allows.
 */
export async function challengeAccess(user: Actor | null, challenge: ChallengeRef): Promise<ChallengeAccess> {
  const isPublic = PUBLIC_STATUSES.includes(challenge.status);
  if (!user) return { ...NO_ACCESS, view: isPublic };
  const role = await membershipRole(user.id, challenge.organisationId);
  const council = role !== null;
  const hubOrganiser = await isHubOrganiserFor(user.id, challenge.organisation);
  const reviewer = user.isAdmin || hubOrganiser;
  // Drafts are the council's own until sent: not even its hub sees them.
  const reviewerMaySee = reviewer && challenge.status !== "draft";
  // The team needs to know which datasets exist, but learns where personal data lives (and
  // the officer's address) only after accepting the challenge's data terms; someone who left
  // the team loses both.
  const place = await prisma.teamMember.findFirst({
    where: { challengeId: challenge.id, userId: user.id, leftAt: null },
    select: { termsAcceptedAt: true },
  });
  const teamMember = place !== null;
  const acceptedTeamMember = place?.termsAcceptedAt != null;
  return {
    council,
    reviewer,
    view: isPublic || council || reviewerMaySee,
    manage: council || reviewerMaySee,
    edit: council && EDITABLE_STATUSES.includes(challenge.status),
    contact: council || reviewerMaySee || acceptedTeamMember,
    personalDatasets: council || reviewerMaySee || teamMember,
    personalDataLinks: council || user.isAdmin || acceptedTeamMember,
    history: council || reviewerMaySee,
    redact: role === "owner" || reviewerMaySee,
    reviewDataCard: reviewer && isPublic,
    deleteDraft: council,
    actingAs: council ? "council" : hubOrganiser ? "hub organiser" : user.isAdmin ? "admin" : null,
  };
}

export async function loadChallengeRef(db: Tx | typeof prisma, id: string): Promise<ChallengeRef | null> {
  return db.challenge.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      organisationId: true,
      organisation: { select: { id: true, name: true, kind: true, region: true, verifiedAt: true } },
    },
  });
}

export type ChallengeCapability = Exclude<keyof ChallengeAccess, "actingAs" | "view">;

const needs: Record<ChallengeCapability, (ref: ChallengeRef) => string> = {
  council: (ref) => `You need to be a member of ${ref.organisation.name} to do this.`,
  reviewer: () => "You need to be an organiser of a hub that serves the council to do this.",
  manage: (ref) => `Only ${ref.organisation.name} and the hub organisers who review its challenges can see this.`,
  edit: (ref) => `Only members of ${ref.organisation.name} can change this challenge.`,
  contact: () => "You cannot see the contact's email address.",
  personalDatasets: () => "You cannot see data about people on this challenge.",
  personalDataLinks: () => "You cannot see where data about people is kept.",
  history: (ref) => `Only ${ref.organisation.name} and the hub organisers who review its challenges can see old values.`,
  redact: (ref) =>
    `Only owners of ${ref.organisation.name} and organisers of hubs that serve it can remove values from the history.`,
  reviewDataCard: (ref) =>
    `Only organisers of hubs that serve ${ref.organisation.name} can decide on changes to its data card.`,
  deleteDraft: (ref) => `Only members of ${ref.organisation.name} can delete its drafts.`,
};

/** Throws "forbidden", saying what would be needed, unless `access` includes `capability`. */
export function requireCapability(ref: ChallengeRef, access: ChallengeAccess, capability: ChallengeCapability) {
  if (!access[capability]) throw forbidden(needs[capability](ref));
}

export const challengeNotFound = () => notFound("That challenge does not exist.");

/**
 * Loads the challenge and what `actor` may do with it. Throws "not found" when they may not
 * even see it (drafts stay hidden), and "forbidden", saying what would be needed, when they
 * lack `capability`.
 */
export async function authorizeChallenge(
  actor: Actor | null,
  challengeId: string,
  capability: ChallengeCapability | "view",
  db: Tx | typeof prisma = prisma,
): Promise<{ ref: ChallengeRef; access: ChallengeAccess }> {
  const ref = await loadChallengeRef(db, challengeId);
  if (!ref) throw challengeNotFound();
  const access = await challengeAccess(actor, ref);
  if (!access.view) throw challengeNotFound();
  if (capability !== "view") requireCapability(ref, access, capability);
  return { ref, access };
}

/** Who makes a lifecycle transition: the council's members, its reviewers, or either. */
export type TransitionMaker = "council" | "reviewer" | "either";

export function mayMakeTransition(access: Pick<ChallengeAccess, "council" | "reviewer">, by: TransitionMaker) {
  if (by === "council") return access.council;
  if (by === "reviewer") return access.reviewer;
  return access.council || access.reviewer;
}

/** What someone would need to make a transition, in words. */
export function transitionNeeds(ref: ChallengeRef, by: TransitionMaker) {
  const who = by === "reviewer" ? "an organiser of a hub that serves the council" : `a member of ${ref.organisation.name}`;
  return `You need to be ${who} to do this.`;
}

// ---------------------------------------------------------------------------------------
// Actions not about one challenge: starting one, and a hub's list of them.
// ---------------------------------------------------------------------------------------

interface OrganisationRef {
  id: string;
  name: string;
  kind: OrganisationKind;
}

const memberOf = async (actor: Actor | null, organisation: OrganisationRef) =>
  actor !== null && (await membershipRole(actor.id, organisation.id)) !== null;

export const challengePolicy = definePolicy(
  {
    /** Post a challenge for a council: its members. */
    start: (actor: Actor | null, council: OrganisationRef) => council.kind === "council" && memberOf(actor, council),
    /** See every challenge of the councils a hub serves: that hub's organisers and admins. */
    list_hub_challenges: async (actor: Actor | null, hub: OrganisationRef) =>
      actor?.isAdmin === true || (hub.kind === "hub" && (await memberOf(actor, hub))),
  },
  {
    start: (council) => `You need to be a member of ${council.name} to post its challenges.`,
    list_hub_challenges: (hub) =>
      `You need to be an organiser of ${hub.name} to see the challenges of the councils it serves.`,
  },
);

/**
 * The councils whose challenges `actor` reviews, as a query: those their hubs serve (every
 * council for an admin), or null for none.
 */
export async function councilsReviewedBy(
  actor: Pick<Actor, "id" | "isAdmin">,
): Promise<Prisma.OrganisationWhereInput | null> {
  if (actor.isAdmin) return { kind: "council" };
  const hubs = await prisma.organisation.findMany({
    where: { kind: "hub", memberships: { some: { userId: actor.id } } },
    select: { id: true, servesRegions: true },
  });
  if (hubs.length === 0) return null;
  return councilsServedBy(hubs);
}

/** The councils these hubs serve: by region, or chosen one by one. */
export function councilsServedBy(hubs: { id: string; servesRegions: string[] }[]): Prisma.OrganisationWhereInput {
  const regions = [...new Set(hubs.flatMap((hub) => hub.servesRegions))];
  return {
    kind: "council",
    OR: [{ region: { in: regions } }, { servedByHubs: { some: { hubId: { in: hubs.map((hub) => hub.id) } } } }],
  };
}

import type { ChallengeStatus, Prisma } from "~/generated/prisma/client";
import { audit } from "~/models/platform/audit.server";
import { transitionAuditActions } from "~/models/challenges/audit";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";
import { PUBLIC_STATUSES, statusLabels, type Transition } from "~/models/challenges/status";
import { challengeFieldLabels } from "~/models/challenges/wizard";
import { tellFollowersOfEdit, tellFollowersOfStatus } from "~/models/challenges/followers.server";
import { tellHubOrganisers } from "~/models/organisations/hub.server";
import {
  authorizeChallenge,
  challengeAccess,
  challengeNotFound,
  challengePolicy,
  loadChallengeRef,
  mayMakeTransition,
  transitionNeeds,
  type ChallengeAccess,
  type ChallengeRef,
  type TransitionMaker,
} from "~/models/challenges/policy.server";
import { savedSearchesAfterChallengePublished } from "~/models/saved-searches/evaluate.server";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { uniqueSlug } from "~/models/platform/slug.server";
import type { Actor } from "~/models/platform/actor";
import { conflict, forbidden, invalid } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

// The challenge lifecycle: every transition, each checked against the challenges policy,
// written to the challenge's timeline and the audit log, and queued for search, in one
// transaction. Routes call these functions; they never change a challenge themselves.
//
//   draft ──submit──> submitted ──approve──> open ──start──> in_progress ──deliver──> delivered
//     ▲                  │                                   ──publish-outcome──> outcome_published ──close──> closed
//     └─ changes_requested <──request-changes──┘
//   withdraw: from draft, submitted, changes_requested, open, in_progress, delivered

type Tx = Prisma.TransactionClient;

/** Who performs a transition: the council's own members, or a reviewer (hub organiser / admin). */
const transitions: Record<Transition, { from: readonly ChallengeStatus[]; to: ChallengeStatus; by: TransitionMaker }> = {
  submit: { from: ["draft", "changes_requested"], to: "submitted", by: "council" },
  approve: { from: ["submitted"], to: "open", by: "reviewer" },
  "request-changes": { from: ["submitted"], to: "changes_requested", by: "reviewer" },
  start: { from: ["open"], to: "in_progress", by: "either" },
  deliver: { from: ["in_progress"], to: "delivered", by: "either" },
  "publish-outcome": { from: ["delivered"], to: "outcome_published", by: "either" },
  close: { from: ["outcome_published", "delivered"], to: "closed", by: "either" },
  withdraw: {
    from: ["draft", "submitted", "changes_requested", "open", "in_progress", "delivered"],
    to: "withdrawn",
    by: "council",
  },
};


/** Transitions `actor` may make now, for showing the right buttons. */
export async function availableTransitions(actor: Actor | null, challenge: ChallengeRef): Promise<Transition[]> {
  return transitionsFor(await challengeAccess(actor, challenge), challenge.status);
}

function transitionsFor(access: ChallengeAccess, status: ChallengeStatus): Transition[] {
  return (Object.keys(transitions) as Transition[]).filter(
    (name) => transitions[name].from.includes(status) && mayMakeTransition(access, transitions[name].by),
  );
}

/** The councils `actor` belongs to, for choosing which one posts a new challenge. */
export async function councilsForNewChallenge(actor: Actor) {
  const memberships = await prisma.membership.findMany({
    where: { userId: actor.id, organisation: { kind: "council" } },
    orderBy: { organisation: { name: "asc" } },
    select: { organisation: { select: { id: true, slug: true, name: true, verifiedAt: true } } },
  });
  return memberships.map(({ organisation: org }) => ({
    id: org.id,
    slug: org.slug,
    name: org.name,
    verified: org.verifiedAt !== null,
  }));
}

/**
 * Starts a challenge for the council `actor` chose by its address (`councilSlug`): one of
 * theirs, and verified by a hub organiser, or they are told which of the two it is not.
 */
export async function startChallenge(actor: Actor, councilSlug: string) {
  const council = (await councilsForNewChallenge(actor)).find((c) => c.slug === councilSlug);
  if (!council) throw invalid("Choose which council is posting the challenge", "organisation");
  if (!council.verified) {
    throw conflict(`${council.name} must be verified by a hub organiser before it can post challenges`, "organisation");
  }
  return createDraft(actor, council.id);
}

/**
 * Starts a draft for a council the actor belongs to. A blank draft the same person already
 * started for the same council (nothing written yet) is handed back instead of a new one, so
 * "Start" pressed twice, or sent twice by a double click, makes one draft.
 */
export async function createDraft(actor: Actor, organisationId: string) {
  const council = await prisma.organisation.findUnique({
    where: { id: organisationId },
    select: { id: true, kind: true, name: true },
  });
  if (!council || council.kind !== "council") throw invalid("Only councils post challenges.");
  await challengePolicy.authorize(actor, "start", council);
  return prisma.$transaction(async (tx) => {
    // One person starting drafts for one council at a time: concurrent posts queue here, and
    // the second finds the first one's blank draft.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`challenge-draft:${actor.id}:${organisationId}`}))`;
    const blank = await tx.challenge.findFirst({
      where: { organisationId, createdById: actor.id, status: "draft", wizardStep: 0, title: "" },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    if (blank) return blank;
    const challenge = await tx.challenge.create({
      data: {
        organisationId,
        createdById: actor.id,
        slug: `draft-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
        area: council.name,
      },
      select: { id: true },
    });
    await tx.challengeEvent.create({
      data: { challengeId: challenge.id, actorId: actor.id, kind: "status", toStatus: "draft" },
    });
    return challenge;
  });
}

/**
 * The confirmation page before deleting a draft: what it is called and where "No, keep it"
 * goes. A challenge that is no longer a draft answers `{ kind: "not-a-draft" }`.
 */
export async function getDraftForDeletion(actor: Actor, challengeId: string) {
  const { ref } = await authorizeChallenge(actor, challengeId, "deleteDraft");
  if (ref.status !== "draft") return { kind: "not-a-draft" as const, id: ref.id };
  const challenge = await prisma.challenge.findUniqueOrThrow({
    where: { id: ref.id },
    select: { id: true, title: true, status: true, wizardStep: true },
  });
  return { kind: "draft" as const, challenge, council: ref.organisation.name };
}

/**
 * Deletes a draft for good. Only the council's members may, and only while it is a draft:
 * once sent for review the hub has seen it, so it can be withdrawn but not erased.
 */
export async function deleteDraft(actor: Actor, challengeId: string) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM challenges WHERE id = ${challengeId} FOR UPDATE`;
    const { ref: challenge } = await authorizeChallenge(actor, challengeId, "deleteDraft", tx);
    if (challenge.status !== "draft") {
      throw conflict(`A challenge that is "${statusLabels[challenge.status]}" cannot be deleted. You can withdraw it instead.`);
    }
    const { title, organisation } = await tx.challenge.findUniqueOrThrow({
      where: { id: challengeId },
      select: { title: true, organisation: { select: { slug: true } } },
    });
    await tx.challenge.delete({ where: { id: challengeId } });
    await audit(tx, {
      actorId: actor.id,
      action: "challenge.delete_draft",
      subjectType: "challenge",
      subjectId: challengeId,
      organisationId: challenge.organisationId,
      details: { title: title || "Untitled challenge" },
    });
    return { title: title || "Untitled challenge", organisationSlug: organisation.slug };
  });
}

/** What a challenge must have before it can be sent for review, in words for the officer. */
export async function missingForSubmission(db: Tx | typeof prisma, challengeId: string): Promise<string[]> {
  const c = await db.challenge.findUniqueOrThrow({
    where: { id: challengeId },
    include: { _count: { select: { themes: true, skills: true } } },
  });
  const missing: string[] = [];
  if (!c.title.trim()) missing.push("a title");
  if (!c.problem.trim()) missing.push("the problem");
  if (!c.whyItMatters.trim()) missing.push("why it matters");
  if (!c.outcomeWanted.trim()) missing.push("the outcome you want");
  if (!c.successMeasures.trim()) missing.push("how success will be measured");
  if (c._count.themes === 0) missing.push("at least one theme");
  if (c._count.skills === 0) missing.push("at least one skill");
  if (!c.contactName.trim() || !c.contactEmail.trim()) missing.push("a contact");
  return missing;
}

function uniqueChallengeSlug(tx: Tx, title: string, id: string) {
  return uniqueSlug(tx, "challenges", title, {
    taken: async (candidates) =>
      (
        await tx.challenge.findMany({ where: { slug: { in: candidates }, NOT: { id } }, select: { slug: true } })
      ).map((c) => c.slug),
  });
}

/**
 * Moves a challenge along its lifecycle. Checks the transition is allowed from its status and
 * that `actor` may make it; a request for changes needs a comment.
 */
export async function transitionChallenge(actor: Actor, challengeId: string, name: Transition, comment?: string) {
  // Who the actor is to the council does not depend on the status, and it is read through the
  // shared pool: read it before locking the row. Read inside, requests holding connections
  // while they wait for the lock would leave none for the one holding it (until it times out).
  const before = await loadChallengeRef(prisma, challengeId);
  if (!before) throw challengeNotFound();
  const access = await challengeAccess(actor, before);
  return prisma.$transaction((tx) => applyTransition(tx, actor, access, challengeId, name, comment));
}

/**
 * The same transition made inside another domain's transaction (a team's first place starts
 * the challenge; the council agreeing a project is delivered delivers it), with the same checks,
 * timeline and audit entries.
 */
export async function transitionChallengeIn(
  tx: Tx,
  actor: Actor,
  challengeId: string,
  name: Transition,
  options: { comment?: string; access?: ChallengeAccess } = {},
) {
  const before = await loadChallengeRef(tx, challengeId);
  if (!before) throw challengeNotFound();
  // `access` read by the caller before its transaction spares a read through the pool here.
  return applyTransition(tx, actor, options.access ?? (await challengeAccess(actor, before)), challengeId, name, options.comment);
}

async function applyTransition(
  tx: Tx,
  actor: Actor,
  access: ChallengeAccess,
  challengeId: string,
  name: Transition,
  comment?: string,
) {
  const rule = transitions[name];
  // Lock the row: two organisers deciding at once must not both succeed.
  await tx.$queryRaw`SELECT id FROM challenges WHERE id = ${challengeId} FOR UPDATE`;
  const challenge = await loadChallengeRef(tx, challengeId);
  if (!challenge) throw challengeNotFound();
  if (!rule.from.includes(challenge.status)) {
    throw conflict(`A challenge that is "${statusLabels[challenge.status]}" cannot be ${describe(name)}.`);
  }
  if (!mayMakeTransition(access, rule.by)) throw forbidden(transitionNeeds(challenge, rule.by));
  const text = comment?.trim() ?? "";
  if (name === "request-changes" && !text) throw invalid("Say what needs to change", "comment");
  if (text.length > 5000) throw invalid("Comment must be 5,000 characters or fewer", "comment");
  if (name === "submit") {
    if (!challenge.organisation.verifiedAt) {
      throw conflict(
        `${challenge.organisation.name} must be verified by a hub organiser before its challenges can be published.`,
      );
    }
    const missing = await missingForSubmission(tx, challengeId);
    if (missing.length > 0) throw invalid(`Add ${joinWords(missing)} before sending it for review.`);
  }

  const data: Prisma.ChallengeUpdateInput = { status: rule.to };
  if (name === "submit") {
    data.submittedAt = new Date();
    data.reviewComment = null;
  }
  if (name === "request-changes") data.reviewComment = text;
  const current = await tx.challenge.findUniqueOrThrow({
    where: { id: challengeId },
    select: { title: true, slug: true, publishedAt: true },
  });
  if (name === "approve") {
    data.publishedAt = current.publishedAt ?? new Date();
    data.slug = await uniqueChallengeSlug(tx, current.title, challengeId);
  }
  await tx.challenge.update({ where: { id: challengeId }, data });
  await tx.challengeEvent.create({
    data: {
      challengeId,
      actorId: actor.id,
      kind: "status",
      fromStatus: challenge.status,
      toStatus: rule.to,
      comment: text || null,
    },
  });
  await audit(tx, {
    actorId: actor.id,
    action: transitionAuditActions[name],
    subjectType: "challenge",
    subjectId: challengeId,
    organisationId: challenge.organisationId,
    details: { from: challenge.status, to: rule.to, ...(text ? { comment: text } : {}) },
  });
  await recordSearchChange(tx, "challenges", [challengeId]);
  const slug = typeof data.slug === "string" ? data.slug : current.slug;
  await tellFollowersOfStatus(tx, actor.id, { id: challengeId, slug, title: current.title }, rule.to);
  if (rule.to === "open") await savedSearchesAfterChallengePublished(tx, challengeId);
  if (name === "approve" || name === "request-changes")
    await tellTheAuthor(tx, challengeId, name === "approve", text);
  if (name === "submit") {
    await tellHubOrganisers(
      tx,
      challenge.organisation,
      "challenge-submitted",
      {
        organisationName: challenge.organisation.name,
        title: current.title,
        link: absoluteUrl(`/challenges/${challengeId}/review`),
      },
      actor.id,
    );
  }
  return { status: rule.to, title: current.title };
}

/** Emails the officer who wrote the challenge about the hub's decision (if they still can be). */
async function tellTheAuthor(tx: Tx, challengeId: string, approved: boolean, comment: string) {
  const challenge = await tx.challenge.findUniqueOrThrow({
    where: { id: challengeId },
    select: {
      id: true,
      slug: true,
      title: true,
      createdBy: { select: { email: true, displayName: true, deletedAt: true } },
    },
  });
  const author = challenge.createdBy;
  if (!author?.email || author.deletedAt) return;
  await queueMail(tx, author.email, "challenge-review", {
    name: author.displayName,
    title: challenge.title,
    approved,
    comment: comment || undefined,
    link: absoluteUrl(approved ? `/challenges/${challenge.slug}` : `/challenges/${challenge.id}/edit/check`),
  });
}

function describe(name: Transition) {
  return {
    submit: "sent for review",
    approve: "approved",
    "request-changes": "sent back for changes",
    start: "started",
    deliver: "marked as delivered",
    "publish-outcome": "marked as outcome published",
    close: "closed",
    withdraw: "withdrawn",
  }[name];
}

function joinWords(items: string[]) {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * Records an edit. On a challenge the public can see, it goes live at once, is kept in its
 * history (old and new values) and the organisers of the hubs serving the council are told
 * which fields changed (never the values: a value pasted by mistake must not spread by email).
 */
export async function recordEdit(
  tx: Tx,
  actor: Actor,
  challenge: { id: string; status: ChallengeStatus; title: string; organisationId: string },
  changes: Record<string, { from: unknown; to: unknown }>,
) {
  if (Object.keys(changes).length === 0) return;
  if (PUBLIC_STATUSES.includes(challenge.status)) {
    await tx.challengeEvent.create({
      data: { challengeId: challenge.id, actorId: actor.id, kind: "edit", changes: changes as Prisma.InputJsonObject },
    });
    const council = await tx.organisation.findUniqueOrThrow({
      where: { id: challenge.organisationId },
      select: { id: true, name: true, region: true },
    });
    const title = typeof changes.title?.to === "string" ? changes.title.to : challenge.title;
    await tellHubOrganisers(
      tx,
      council,
      "challenge-changed",
      {
        organisationName: council.name,
        title,
        fields: Object.keys(changes).map((field) => challengeFieldLabels[field] ?? field),
        link: absoluteUrl(`/challenges/${challenge.id}/history`),
      },
      actor.id,
    );
    const { slug } = await tx.challenge.findUniqueOrThrow({ where: { id: challenge.id }, select: { slug: true } });
    await tellFollowersOfEdit(tx, actor.id, { id: challenge.id, slug, title }, Object.keys(changes));
  }
  await recordSearchChange(tx, "challenges", [challenge.id]);
}

/** Follows (or stops following) a challenge `actor` can see, found by its address. */
export async function followChallenge(actor: Actor, slug: string, follow: boolean) {
  const found = await prisma.challenge.findUnique({ where: { slug }, select: { id: true, title: true } });
  if (!found) throw challengeNotFound();
  await authorizeChallenge(actor, found.id, "view");
  if (follow) {
    // Insert-or-nothing in one statement (ON CONFLICT DO NOTHING): two clicks at once would
    // both find no row with a read-then-insert upsert, and the second would fail.
    await prisma.challengeFollow.createMany({ data: [{ userId: actor.id, challengeId: found.id }], skipDuplicates: true });
  } else {
    await prisma.challengeFollow.deleteMany({ where: { userId: actor.id, challengeId: found.id } });
  }
  return { slug, title: found.title || "Untitled challenge" };
}

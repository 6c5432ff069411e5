import type { ChallengeStatus, Prisma } from "~/generated/prisma/client";
import { audit } from "~/models/platform/audit.server";
import { transitionAuditActions } from "~/models/challenges/audit";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";
import { PUBLIC_STATUSES, statusLabels, transitionLabels, type Transition } from "~/models/challenges/status";
import { challengeFieldLabels } from "~/models/challenges/wizard";
import { tellHubOrganisers } from "~/models/organisations/hub.server";
import {
  challengeAccess,
  EDITABLE_STATUSES,
  loadChallengeRef,
  type ChallengeAccess,
  type ChallengeRef,
} from "~/models/challenges/policy.server";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { uniqueSlug } from "~/models/platform/slug.server";
import type { Actor } from "~/models/platform/actor";
import { DomainError } from "~/models/platform/errors";
import { membershipRole } from "~/models/platform/policy.server";
import { prisma } from "~/services/db.server";

// The challenge lifecycle: who may do what to a challenge, and every transition, each checked,
// written to the challenge's timeline and the audit log, and queued for search, in one
// transaction. Routes call these functions; they never change a challenge themselves.

export { PUBLIC_STATUSES, statusLabels, transitionLabels, type Transition };
export { challengeAccess, EDITABLE_STATUSES, loadChallengeRef, type ChallengeAccess, type ChallengeRef };
//
//   draft ──submit──> submitted ──approve──> open ──start──> in_progress ──deliver──> delivered
//     ▲                  │                                   ──publish-outcome──> outcome_published ──close──> closed
//     └─ changes_requested <──request-changes──┘
//   withdraw: from draft, submitted, changes_requested, open, in_progress, delivered

type Tx = Prisma.TransactionClient;


/** Who performs a transition: the council's own members, or a reviewer (hub organiser / admin). */
const transitions: Record<
  Transition,
  { from: readonly ChallengeStatus[]; to: ChallengeStatus; by: "council" | "reviewer" | "either" }
> = {
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

const KIND_BY_STATUS = { 400: "invalid", 403: "forbidden", 404: "not_found", 409: "conflict" } as const;

/** A DomainError by its old name, until the rest of this domain throws DomainError itself (issue 8). */
export class ChallengeRuleError extends DomainError {
  override name = "ChallengeRuleError";
  constructor(message: string, status: 400 | 403 | 404 | 409 = 409, field?: string) {
    super(KIND_BY_STATUS[status], message, { field });
  }
}

/** Transitions `user` may make now, for showing the right buttons. */
export async function availableTransitions(user: Actor | null, challenge: ChallengeRef): Promise<Transition[]> {
  return transitionsFor(await challengeAccess(user, challenge), challenge.status);
}

function transitionsFor(access: ChallengeAccess, status: ChallengeStatus): Transition[] {
  return (Object.keys(transitions) as Transition[]).filter((name) => {
    const rule = transitions[name];
    if (!rule.from.includes(status)) return false;
    if (rule.by === "council") return access.council;
    if (rule.by === "reviewer") return access.reviewer;
    return access.council || access.reviewer;
  });
}


/**
 * Starts a draft for a verified council the user belongs to. A blank draft the same person
 * already started for the same council (nothing written yet) is handed back instead of a new
 * one, so "Start" pressed twice, or sent twice by a double click, makes one draft.
 */
export async function createDraft(user: Actor, organisationId: string) {
  const role = await membershipRole(user.id, organisationId);
  const org = await prisma.organisation.findUnique({
    where: { id: organisationId },
    select: { kind: true, name: true, verifiedAt: true },
  });
  if (!org || org.kind !== "council") throw new ChallengeRuleError("Only councils post challenges.", 400);
  if (!role) throw new ChallengeRuleError(`You need to be a member of ${org.name} to post its challenges.`, 403);
  return prisma.$transaction(async (tx) => {
    // One person starting drafts for one council at a time: concurrent posts queue here, and
    // the second finds the first one's blank draft.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`challenge-draft:${user.id}:${organisationId}`}))`;
    const blank = await tx.challenge.findFirst({
      where: { organisationId, createdById: user.id, status: "draft", wizardStep: 0, title: "" },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    if (blank) return blank;
    const challenge = await tx.challenge.create({
      data: {
        organisationId,
        createdById: user.id,
        slug: `draft-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
        area: org.name,
      },
      select: { id: true },
    });
    await tx.challengeEvent.create({
      data: { challengeId: challenge.id, actorId: user.id, kind: "status", toStatus: "draft" },
    });
    return challenge;
  });
}

/**
 * Deletes a draft for good. Only the council's members may, and only while it is a draft:
 * once sent for review the hub has seen it, so it can be withdrawn but not erased.
 */
export async function deleteDraft(user: Actor, challengeId: string) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM challenges WHERE id = ${challengeId} FOR UPDATE`;
    const challenge = await loadChallengeRef(tx, challengeId);
    if (!challenge) throw new ChallengeRuleError("That challenge does not exist.", 404);
    const access = await challengeAccess(user, challenge);
    if (!access.view) throw new ChallengeRuleError("That challenge does not exist.", 404);
    if (!access.council) throw new ChallengeRuleError(`Only members of ${challenge.organisation.name} can delete its drafts.`, 403);
    if (challenge.status !== "draft") {
      throw new ChallengeRuleError(
        `A challenge that is "${statusLabels[challenge.status]}" cannot be deleted. You can withdraw it instead.`,
        409,
      );
    }
    const { title, organisation } = await tx.challenge.findUniqueOrThrow({
      where: { id: challengeId },
      select: { title: true, organisation: { select: { slug: true } } },
    });
    await tx.challenge.delete({ where: { id: challengeId } });
    await audit(tx, {
      actorId: user.id,
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
 * that `user` may make it; a request for changes needs a comment.
 */
export async function transitionChallenge(user: Actor, challengeId: string, name: Transition, comment?: string) {
  const rule = transitions[name];
  // Who the user is to the council does not depend on the status, and it is read through the
  // shared pool: read it before locking the row. Read inside, requests holding connections
  // while they wait for the lock would leave none for the one holding it (until it times out).
  const before = await loadChallengeRef(prisma, challengeId);
  if (!before) throw new ChallengeRuleError("That challenge does not exist.", 404);
  const access = await challengeAccess(user, before);
  return prisma.$transaction(async (tx) => {
    // Lock the row: two organisers deciding at once must not both succeed.
    await tx.$queryRaw`SELECT id FROM challenges WHERE id = ${challengeId} FOR UPDATE`;
    const challenge = await loadChallengeRef(tx, challengeId);
    if (!challenge) throw new ChallengeRuleError("That challenge does not exist.", 404);
    const allowed = transitionsFor(access, challenge.status);
    if (!rule.from.includes(challenge.status)) {
      throw new ChallengeRuleError(
        `A challenge that is "${statusLabels[challenge.status]}" cannot be ${describe(name)}.`,
        409,
      );
    }
    if (!allowed.includes(name)) {
      const who =
        rule.by === "reviewer"
          ? "an organiser of a hub that serves the council"
          : `a member of ${challenge.organisation.name}`;
      throw new ChallengeRuleError(`You need to be ${who} to do this.`, 403);
    }
    const text = comment?.trim() ?? "";
    if (name === "request-changes" && !text) {
      throw new ChallengeRuleError("Say what needs to change", 400, "comment");
    }
    if (text.length > 5000) throw new ChallengeRuleError("Comment must be 5,000 characters or fewer", 400, "comment");
    if (name === "submit") {
      if (!challenge.organisation.verifiedAt) {
        throw new ChallengeRuleError(
          `${challenge.organisation.name} must be verified by a hub organiser before its challenges can be published.`,
          409,
        );
      }
      const missing = await missingForSubmission(tx, challengeId);
      if (missing.length > 0)
        throw new ChallengeRuleError(`Add ${joinWords(missing)} before sending it for review.`, 400);
    }

    const data: Prisma.ChallengeUpdateInput = { status: rule.to };
    if (name === "submit") {
      data.submittedAt = new Date();
      data.reviewComment = null;
    }
    if (name === "request-changes") data.reviewComment = text;
    if (name === "approve") {
      const current = await tx.challenge.findUniqueOrThrow({
        where: { id: challengeId },
        select: { title: true, publishedAt: true },
      });
      data.publishedAt = current.publishedAt ?? new Date();
      data.slug = await uniqueChallengeSlug(tx, current.title, challengeId);
    }
    await tx.challenge.update({ where: { id: challengeId }, data });
    await tx.challengeEvent.create({
      data: {
        challengeId,
        actorId: user.id,
        kind: "status",
        fromStatus: challenge.status,
        toStatus: rule.to,
        comment: text || null,
      },
    });
    await audit(tx, {
      actorId: user.id,
      action: transitionAuditActions[name],
      subjectType: "challenge",
      subjectId: challengeId,
      organisationId: challenge.organisationId,
      details: { from: challenge.status, to: rule.to, ...(text ? { comment: text } : {}) },
    });
    await recordSearchChange(tx, "challenges", [challengeId]);
    if (name === "approve" || name === "request-changes")
      await tellTheAuthor(tx, challengeId, name === "approve", text);
    if (name === "submit") {
      const { title } = await tx.challenge.findUniqueOrThrow({ where: { id: challengeId }, select: { title: true } });
      await tellHubOrganisers(
        tx,
        challenge.organisation,
        "challenge-submitted",
        {
          organisationName: challenge.organisation.name,
          title,
          link: absoluteUrl(`/challenges/${challengeId}/review`),
        },
        user.id,
      );
    }
    return { status: rule.to };
  });
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
  user: Actor,
  challenge: { id: string; status: ChallengeStatus; title: string; organisationId: string },
  changes: Record<string, { from: unknown; to: unknown }>,
) {
  if (Object.keys(changes).length === 0) return;
  if (PUBLIC_STATUSES.includes(challenge.status)) {
    await tx.challengeEvent.create({
      data: { challengeId: challenge.id, actorId: user.id, kind: "edit", changes: changes as Prisma.InputJsonObject },
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
      user.id,
    );
  }
  await recordSearchChange(tx, "challenges", [challenge.id]);
}

export async function followChallenge(userId: string, challengeId: string, follow: boolean) {
  if (follow) {
    // Insert-or-nothing in one statement (ON CONFLICT DO NOTHING): two clicks at once would
    // both find no row with a read-then-insert upsert, and the second would fail.
    await prisma.challengeFollow.createMany({ data: [{ userId, challengeId }], skipDuplicates: true });
  } else {
    await prisma.challengeFollow.deleteMany({ where: { userId, challengeId } });
  }
}

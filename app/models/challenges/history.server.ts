import type { ChallengeStatus, Prisma } from "~/generated/prisma/client";
import { audit } from "~/models/platform/audit.server";
import {
  authorizeChallenge,
  challengeNotFound,
  requireCapability,
  type ChallengeAccess,
} from "~/models/challenges/policy.server";
import { PUBLIC_STATUSES } from "~/models/challenges/status";
import { challengeFieldLabels } from "~/models/challenges/wizard";
import {
  redactKey,
  type RedactTarget,
  type Side,
  type TimelineChange,
  type TimelineItem,
} from "~/models/challenges/history";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import type { Actor } from "~/models/platform/actor";
import { conflict, notFound } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";
import { renderMarkdown } from "~/services/markdown.server";

// A challenge's history (challenge_events) as each person may see it, and redaction. The public
// sees that a field changed and when; old and new values are for the council, the hubs that
// serve it and admins. A value pasted by mistake (a resident's name) can be removed for good:
// every copy of it in the history goes, and the history says that something was removed.

type Tx = Prisma.TransactionClient;

const label = (field: string) => challengeFieldLabels[field] ?? field;

type StoredChange = { from?: unknown; to?: unknown; redacted?: Side[] };
type StoredChanges = Record<string, StoredChange | null>;

export const redactedByLabels = {
  council: "the council",
  "hub organiser": "a hub organiser",
  admin: "a Nettle administrator",
} as const;

function describeValue(value: unknown, max = 200): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  // Datasets are kept whole for the record; people read them by name.
  const item = (entry: unknown) =>
    entry && typeof entry === "object" && "title" in entry
      ? String(entry.title)
      : typeof entry === "object"
        ? JSON.stringify(entry)
        : String(entry);
  const text = Array.isArray(value) ? value.map(item).join("; ") : item(value);
  return text.length > max ? `${text.slice(0, max - 3)}…` : text;
}

function storedChanges(changes: Prisma.JsonValue | null): StoredChanges {
  return changes && typeof changes === "object" && !Array.isArray(changes) ? (changes as StoredChanges) : {};
}

interface EventRow {
  id: bigint;
  kind: string;
  fromStatus: ChallengeStatus | null;
  toStatus: ChallengeStatus | null;
  comment: string | null;
  changes: Prisma.JsonValue | null;
  createdAt: Date;
}

export const eventSelect = {
  id: true,
  kind: true,
  fromStatus: true,
  toStatus: true,
  comment: true,
  changes: true,
  createdAt: true,
} satisfies Prisma.ChallengeEventSelect;

const dataCardNotes: Record<string, string> = {
  submitted: "A change to the data card was sent for hub review",
  approved: "A hub organiser approved a change to the data card",
  "sent-back": "A hub organiser sent a change to the data card back to the council",
};

/**
 * The timeline for someone with `access`. Without history access, edits show only which fields
 * changed; review comments and steps before publication stay with the council and its hubs.
 */
export function timelineFor(events: EventRow[], access: Pick<ChallengeAccess, "history">): TimelineItem[] {
  const insider = access.history;
  return events
    .filter((e) => {
      if (e.kind === "edit" || e.kind === "redaction") return true;
      if (e.kind === "data-card") return insider;
      return insider || (e.toStatus !== null && PUBLIC_STATUSES.includes(e.toStatus));
    })
    .map((e) => {
      const stored = storedChanges(e.changes);
      const raw = stored as Record<string, unknown>;
      const base = {
        id: e.id.toString(),
        at: e.createdAt,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        commentHtml: e.comment ? renderMarkdown(e.comment) : null,
        changes: [] as TimelineChange[],
        note: null as string | null,
      };
      if (e.kind === "redaction") {
        const by = redactedByLabels[raw.by as keyof typeof redactedByLabels] ?? "someone";
        const field = typeof raw.field === "string" ? label(raw.field) : "a field";
        return {
          ...base,
          kind: "redaction" as const,
          note: `A value of “${field}” was removed from this history by ${by}`,
        };
      }
      if (e.kind === "data-card") {
        const action = typeof raw.action === "string" ? raw.action : "";
        return { ...base, kind: "data-card" as const, note: dataCardNotes[action] ?? "The data card changed" };
      }
      if (e.kind !== "edit") return { ...base, kind: "status" as const };
      const changes = Object.entries(stored).map(([field, change]): TimelineChange => {
        if (!insider) return { field, label: label(field) };
        const redacted = change?.redacted ?? [];
        return {
          field,
          label: label(field),
          from: redacted.includes("from") ? "" : describeValue(change?.from),
          to: redacted.includes("to") ? "" : describeValue(change?.to),
          fromRemoved: redacted.includes("from"),
          toRemoved: redacted.includes("to"),
        };
      });
      return { ...base, kind: "edit" as const, changes };
    });
}

// ---------------------------------------------------------------------------------------------
// The history page and redaction
// ---------------------------------------------------------------------------------------------

export type HistoryPage =
  | { kind: "public-page"; slug: string }
  | { kind: "ok"; page: Awaited<ReturnType<typeof historyPage>> };

/**
 * The full history of a challenge, with old values, for those allowed to see them. Anyone else
 * is sent to the public page of a public challenge (which shows what they may see) or told it
 * does not exist.
 */
export async function getChallengeHistory(
  actor: Actor,
  challengeId: string,
  confirming?: RedactTarget | null,
): Promise<HistoryPage> {
  const { ref, access } = await authorizeChallenge(actor, challengeId, "view");
  if (!access.history) {
    const { slug } = await prisma.challenge.findUniqueOrThrow({ where: { id: ref.id }, select: { slug: true } });
    return { kind: "public-page", slug };
  }
  return { kind: "ok", page: await historyPage(ref.id, access, confirming ?? null) };
}

async function historyPage(challengeId: string, access: ChallengeAccess, confirming: RedactTarget | null) {
  const challenge = await prisma.challenge.findUniqueOrThrow({
    where: { id: challengeId },
    select: {
      id: true,
      title: true,
      organisation: { select: { name: true } },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: eventSelect },
    },
  });
  let confirm: { key: string; label: string; value: string; at: Date } | null = null;
  if (confirming && access.redact) {
    const event = challenge.events.find((e) => e.id.toString() === confirming.eventId && e.kind === "edit");
    const change = event ? storedChanges(event.changes)[confirming.field] : undefined;
    if (event && change && !(change.redacted ?? []).includes(confirming.side) && confirming.side in change) {
      confirm = {
        key: redactKey(confirming),
        label: label(confirming.field),
        value: describeValue(change[confirming.side], 2000),
        at: event.createdAt,
      };
    }
  }
  return {
    challenge: {
      id: challenge.id,
      title: challenge.title || "Untitled challenge",
      council: challenge.organisation.name,
    },
    timeline: timelineFor(challenge.events, access),
    canRedact: access.redact,
    confirm,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const comparable = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : (value ?? null));

/**
 * Removes a value from a challenge's history for good: every copy of it in every edit (the
 * "to" of one edit is usually the "from" of the next), audited without the text itself, with a
 * timeline entry saying that something was removed, when and by whom. The challenge's search
 * document is rebuilt in the same transaction so no copy survives anywhere derived from it.
 */
export async function redactHistoryValue(actor: Actor, challengeId: string, target: RedactTarget) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM challenges WHERE id = ${challengeId} FOR UPDATE`;
    const { ref, access } = await authorizeChallenge(actor, challengeId, "view", tx);
    // Without history access there is no history with old values to change.
    if (!access.history) throw challengeNotFound();
    requireCapability(ref, access, "redact");
    const event = await tx.challengeEvent.findFirst({
      where: { id: BigInt(target.eventId), challengeId, kind: "edit" },
      select: { changes: true },
    });
    const change = event ? storedChanges(event.changes)[target.field] : undefined;
    if (!change || !(target.side in change)) throw notFound("That value is not in this history.");
    if ((change.redacted ?? []).includes(target.side)) throw conflict("That value has already been removed.");
    const value = change[target.side];
    await refuseCurrentValue(tx, challengeId, target.field, value);

    const events = await tx.challengeEvent.findMany({
      where: { challengeId, kind: "edit" },
      select: { id: true, changes: true },
    });
    let removed = 0;
    for (const e of events) {
      const changes = storedChanges(e.changes);
      let touched = false;
      for (const entry of Object.values(changes)) {
        if (!entry) continue;
        for (const side of ["from", "to"] as const) {
          if (side in entry && !(entry.redacted ?? []).includes(side) && same(entry[side], value)) {
            entry[side] = null;
            entry.redacted = [...(entry.redacted ?? []), side];
            touched = true;
            removed += 1;
          }
        }
      }
      if (touched)
        await tx.challengeEvent.update({ where: { id: e.id }, data: { changes: changes as Prisma.InputJsonObject } });
    }
    await tx.challengeEvent.create({
      data: {
        challengeId,
        actorId: actor.id,
        kind: "redaction",
        changes: { field: target.field, by: access.actingAs ?? "admin" },
      },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "challenge.redact_history",
      subjectType: "challenge",
      subjectId: challengeId,
      organisationId: ref.organisationId,
      // Never the removed text: the audit log must not become the place it survives.
      details: { eventId: target.eventId, field: target.field, side: target.side, copiesRemoved: removed },
    });
    await recordSearchChange(tx, "challenges", [challengeId]);
    return { removed, field: label(target.field) };
  });
}

const scalarFields = new Set([
  "title",
  "problem",
  "whoIsAffected",
  "whyItMatters",
  "outcomeWanted",
  "successMeasures",
  "area",
  "teamSizeMin",
  "teamSizeMax",
  "timeCommitment",
  "deadline",
  "contactName",
  "contactEmail",
]);

/** Removing what the challenge says now would only hide it from the history, not from the page. */
async function refuseCurrentValue(tx: Tx, challengeId: string, field: string, value: unknown) {
  if (!scalarFields.has(field)) return;
  const current = await tx.challenge.findUniqueOrThrow({ where: { id: challengeId } });
  if (comparable(current[field as keyof typeof current]) === value) {
    throw conflict(
      `This is what “${label(field)}” says now. Change the challenge first, then remove the old value from its history.`,
    );
  }
}

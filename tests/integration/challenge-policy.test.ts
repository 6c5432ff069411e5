import { beforeAll, describe, expect, test } from "vitest";
import { decideDatasetChange } from "~/models/challenges/data-card.server";
import { redactHistoryValue } from "~/models/challenges/history.server";
import {
  createDraft,
  deleteDraft,
  followChallenge,
  startChallenge,
  transitionChallenge,
} from "~/models/challenges/lifecycle.server";
import { listHubChallenges } from "~/models/challenges/review.server";
import type { Actor } from "~/models/platform/actor";
import { DomainError } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";
import { makeChallenge } from "../support/challenge-search-fixtures";
import { buildWorld, makeRestrictedChallenge } from "../support/world";

// The challenges domain refuses the wrong person in its model functions themselves, not only
// behind the routes that call them: each is called here directly, as a script or a future
// route would, and must refuse with a DomainError and write nothing.

let world: Awaited<ReturnType<typeof buildWorld>>;
let restricted: Awaited<ReturnType<typeof makeRestrictedChallenge>>;

const actor = (role: keyof Awaited<ReturnType<typeof buildWorld>>["users"]): Actor => ({
  ...world.users[role],
  sessionId: "",
});

/** The kind of DomainError `work` refused with (or what else happened). */
async function refusal(work: Promise<unknown>) {
  const outcome: unknown = await work.then(
    () => "done",
    (error: unknown) => error,
  );
  return DomainError.is(outcome) ? outcome.kind : outcome;
}

/** Everything a refused write could have left behind about a challenge. */
async function traces(challengeId: string) {
  const [challenge, events, audits, changes, follows, outbox, mail] = await Promise.all([
    prisma.challenge.findUnique({
      where: { id: challengeId },
      select: { status: true, slug: true, publishedAt: true },
    }),
    prisma.challengeEvent.findMany({ where: { challengeId }, select: { kind: true, changes: true } }),
    prisma.auditLog.count({ where: { subjectId: challengeId } }),
    prisma.datasetChange.findMany({ where: { challengeId }, select: { id: true, state: true, reviewComment: true } }),
    prisma.challengeFollow.count({ where: { challengeId } }),
    prisma.searchOutbox.count({ where: { documentId: challengeId } }),
    prisma.mail.count(),
  ]);
  return { challenge, events, audits, changes, follows, outbox, mail };
}

beforeAll(async () => {
  world = await buildWorld();
  restricted = await makeRestrictedChallenge(world, "who-may-change-this");
});

describe("the challenges model refuses a forbidden actor itself, whoever calls it", () => {
  test("a council member cannot approve their own council's challenge: only a hub serving it may", async () => {
    const submitted = await makeChallenge({
      organisationId: world.council.id,
      title: "Grit bins",
      status: "submitted",
      index: false,
    });
    const before = await traces(submitted.id);
    expect(await refusal(transitionChallenge(actor("member"), submitted.id, "approve"))).toBe("forbidden");
    expect(await refusal(transitionChallenge(actor("owner"), submitted.id, "request-changes", "Looks fine"))).toBe(
      "forbidden",
    );
    // A volunteer cannot withdraw it either: that is the council's.
    expect(await refusal(transitionChallenge(actor("participant"), submitted.id, "withdraw"))).toBe("forbidden");
    expect(await traces(submitted.id)).toEqual(before);
    expect(before.challenge?.status).toBe("submitted");
  });

  test("a council member who is not an owner cannot remove a value from the history", async () => {
    const before = await traces(restricted.id);
    const target = { eventId: restricted.editEventId, field: "problem", side: "from" as const };
    expect(await refusal(redactHistoryValue(actor("member"), restricted.id, target))).toBe("forbidden");
    // Outside the council and its hubs there is no history with old values at all.
    expect(await refusal(redactHistoryValue(actor("participant"), restricted.id, target))).toBe("not_found");
    expect(await refusal(redactHistoryValue(actor("otherOwner"), restricted.id, target))).toBe("not_found");
    expect(await traces(restricted.id)).toEqual(before);
  });

  test("the council cannot decide on changes to its own data card: a hub organiser does", async () => {
    const before = await traces(restricted.id);
    const change = restricted.waitingChangeId;
    expect(await refusal(decideDatasetChange(actor("owner"), restricted.id, change, "approve"))).toBe("forbidden");
    expect(await refusal(decideDatasetChange(actor("member"), restricted.id, change, "send-back", "No"))).toBe(
      "forbidden",
    );
    expect(await refusal(decideDatasetChange(actor("participant"), restricted.id, change, "approve"))).toBe(
      "not_found",
    );
    expect(await traces(restricted.id)).toEqual(before);
    expect(before.changes.map((c) => c.state)).toEqual(["pending", "pending"]);
  });

  test("drafts: only the council's members start, delete or follow them; others are not told they exist", async () => {
    const drafts = () => prisma.challenge.count({ where: { status: "draft" } });
    const draftsBefore = await drafts();
    expect(await refusal(createDraft(actor("participant"), world.council.id))).toBe("forbidden");
    expect(await refusal(createDraft(actor("organiser"), world.council.id))).toBe("forbidden");
    // Someone else's council, chosen by its address, is not one they can choose.
    expect(await refusal(startChallenge(actor("otherOwner"), world.council.slug))).toBe("invalid");
    expect(await drafts()).toBe(draftsBefore);

    const draft = await createDraft(actor("owner"), world.council.id);
    const before = await traces(draft.id);
    expect(await refusal(deleteDraft(actor("otherOwner"), draft.id))).toBe("not_found");
    expect(await refusal(deleteDraft(actor("organiser"), draft.id))).toBe("not_found");
    const { slug } = await prisma.challenge.findUniqueOrThrow({ where: { id: draft.id } });
    expect(await refusal(followChallenge(actor("participant"), slug, true))).toBe("not_found");
    expect(await traces(draft.id)).toEqual(before);
  });

  test("a hub's list of challenges is for that hub's organisers", async () => {
    const hub = { ...world.hub, kind: "hub" as const };
    expect(await refusal(listHubChallenges(actor("owner"), hub, { page: 1 }))).toBe("forbidden");
    expect(await refusal(listHubChallenges(actor("organiser"), hub, { page: 1 }))).toBe("done");
  });
});

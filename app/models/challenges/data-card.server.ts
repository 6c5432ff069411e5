import type { Prisma } from "~/generated/prisma/client";
import { audit } from "~/models/platform/audit.server";
import { authorizeChallenge, challengeNotFound, requireCapability } from "~/models/challenges/policy.server";
import { tellHubOrganisers } from "~/models/organisations/hub.server";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import type { Actor } from "~/models/platform/actor";
import { conflict, invalid } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";
import { renderMarkdown } from "~/services/markdown.server";

// The data card of a challenge the public can already see changes only after hub review: what
// data exists, how sensitive it is and how to get it is what the hub vouched for when it
// published the challenge. A change waits in `dataset_changes` beside the dataset it changes
// (or as a new dataset) while `datasets` keeps the approved card, so every public reader (page,
// API, CSV, feeds, search) keeps showing the last approved card with no extra filter. Removing a
// dataset shares less, so it goes live at once, like any other edit.

type Tx = Prisma.TransactionClient;

export const datasetFields = {
  title: true,
  description: true,
  link: true,
  format: true,
  licence: true,
  sensitivity: true,
  personalData: true,
  dpia: true,
  accessRoute: true,
  retentionDate: true,
} satisfies Prisma.DatasetSelect;

export type DatasetFields = Prisma.DatasetGetPayload<{ select: typeof datasetFields }>;
type DatasetRow = DatasetFields & { id: string };
type ChangeRow = DatasetFields & {
  id: string;
  datasetId: string | null;
  state: "pending" | "sent_back";
  reviewComment: string | null;
};

export const changeSelect = {
  ...datasetFields,
  id: true,
  datasetId: true,
  state: true,
  reviewComment: true,
} satisfies Prisma.DatasetChangeSelect;

/** Datasets as the public history may show them: nothing about data that concerns people. */
export const publicDatasets = (datasets: DatasetFields[]) =>
  datasets.map((d) =>
    d.personalData
      ? "A dataset with personal data (not shown)"
      : {
          title: d.title,
          description: d.description,
          link: d.link,
          format: d.format,
          licence: d.licence,
          sensitivity: d.sensitivity,
          accessRoute: d.accessRoute,
        },
  );

const comparable = (d: DatasetFields) =>
  JSON.stringify(
    Object.keys(datasetFields).map((key) => {
      const value = d[key as keyof DatasetFields];
      return value instanceof Date ? value.toISOString().slice(0, 10) : (value ?? null);
    }),
  );

export const pickFields = (d: DatasetFields): DatasetFields =>
  Object.fromEntries(Object.keys(datasetFields).map((key) => [key, d[key as keyof DatasetFields]])) as DatasetFields;

export interface DatasetReviewState {
  state: "pending" | "sent_back";
  commentHtml: string | null;
  isNew: boolean;
}

/**
 * The data card as the council edits it: approved datasets with their waiting changes laid over
 * them, then new datasets waiting for review. `id` is the dataset's, or the change's for a new one.
 */
export function dataCardForCouncil(datasets: DatasetRow[], changes: ChangeRow[]) {
  const byDataset = new Map(changes.filter((c) => c.datasetId).map((c) => [c.datasetId!, c]));
  const review = (c: ChangeRow | undefined, isNew: boolean): DatasetReviewState | null =>
    c ? { state: c.state, commentHtml: c.reviewComment ? renderMarkdown(c.reviewComment) : null, isNew } : null;
  return [
    ...datasets.map((d) => {
      const change = byDataset.get(d.id);
      const shown = pickFields(change ?? d);
      return { id: d.id, ...shown, descriptionHtml: renderMarkdown(shown.description), review: review(change, false) };
    }),
    ...changes
      .filter((c) => !c.datasetId)
      .map((c) => ({
        id: c.id,
        ...pickFields(c),
        descriptionHtml: renderMarkdown(c.description),
        review: review(c, true),
      })),
  ];
}

/**
 * Saves a change to the data card of a public challenge for review. `target` is the approved
 * dataset it changes, `waiting` a new dataset already waiting; neither means a new dataset.
 * A change back to exactly what was approved needs no review and withdraws the waiting one.
 */
export async function proposeDatasetChange(
  tx: Tx,
  challengeId: string,
  target: DatasetRow | undefined,
  waiting: ChangeRow | undefined,
  fields: DatasetFields,
): Promise<"unchanged" | "proposed"> {
  const data = { ...fields, state: "pending" as const, reviewComment: null };
  if (target) {
    if (comparable(target) === comparable(fields)) {
      await tx.datasetChange.deleteMany({ where: { datasetId: target.id } });
      return "unchanged";
    }
    await tx.datasetChange.upsert({
      where: { datasetId: target.id },
      create: { ...data, challengeId, datasetId: target.id },
      update: data,
    });
    return "proposed";
  }
  if (waiting) {
    if (comparable(waiting) === comparable(fields) && waiting.state === "pending") return "unchanged";
    await tx.datasetChange.update({ where: { id: waiting.id }, data });
    return "proposed";
  }
  await tx.datasetChange.create({ data: { ...data, challengeId } });
  return "proposed";
}

/** Timeline, audit and the hubs' inbox for a change just sent for review. */
export async function recordDatasetChangeSent(
  tx: Tx,
  actor: Actor,
  challenge: { id: string; title: string; organisationId: string },
) {
  await tx.challengeEvent.create({
    data: { challengeId: challenge.id, actorId: actor.id, kind: "data-card", changes: { action: "submitted" } },
  });
  await audit(tx, {
    actorId: actor.id,
    action: "challenge.send_data_card_change",
    subjectType: "challenge",
    subjectId: challenge.id,
    organisationId: challenge.organisationId,
  });
  const council = await tx.organisation.findUniqueOrThrow({
    where: { id: challenge.organisationId },
    select: { id: true, name: true, region: true },
  });
  await tellHubOrganisers(
    tx,
    council,
    "data-card-change",
    { organisationName: council.name, title: challenge.title, link: absoluteUrl(`/challenges/${challenge.id}/review`) },
    actor.id,
  );
}

export type DataCardDecision = "approve" | "send-back";

/**
 * A hub organiser (or admin) approves a waiting change, which then goes public, or sends it
 * back to the council with a comment. Audited, on the timeline, and re-indexed on approval
 * (the search document carries the card's highest sensitivity).
 */
export async function decideDatasetChange(
  actor: Actor,
  challengeId: string,
  changeId: string,
  decision: DataCardDecision,
  comment?: string,
) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM challenges WHERE id = ${challengeId} FOR UPDATE`;
    const { ref, access } = await authorizeChallenge(actor, challengeId, "view", tx);
    // Outside the council and its reviewers, the private page and its decisions do not exist.
    if (!access.manage) throw challengeNotFound();
    requireCapability(ref, access, "reviewDataCard");
    const change = await tx.datasetChange.findFirst({ where: { id: changeId, challengeId }, select: changeSelect });
    if (!change) throw conflict("That change is no longer waiting. Someone may have decided it already.");
    const text = comment?.trim() ?? "";
    if (decision === "send-back") {
      // The field is the review page's: its comment box for data card changes.
      if (!text) throw invalid("Say what needs to change", "dataComment");
      if (text.length > 5000) throw invalid("Comment must be 5,000 characters or fewer", "dataComment");
      await tx.datasetChange.update({ where: { id: change.id }, data: { state: "sent_back", reviewComment: text } });
      await tx.challengeEvent.create({
        data: { challengeId, actorId: actor.id, kind: "data-card", comment: text, changes: { action: "sent-back" } },
      });
      await audit(tx, {
        actorId: actor.id,
        action: "challenge.send_back_data_card_change",
        subjectType: "challenge",
        subjectId: challengeId,
        organisationId: ref.organisationId,
        details: { changeId: change.id, comment: text },
      });
      await tellTheAuthor(tx, challengeId, change.title, false, text);
      return { title: change.title };
    }

    const live = () =>
      tx.dataset.findMany({
        where: { challengeId },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: datasetFields,
      });
    const before = publicDatasets(await live());
    const fields = pickFields(change);
    if (change.datasetId) {
      await tx.dataset.update({ where: { id: change.datasetId }, data: fields });
    } else {
      await tx.dataset.create({
        data: { ...fields, challengeId, position: await tx.dataset.count({ where: { challengeId } }) },
      });
    }
    await tx.datasetChange.delete({ where: { id: change.id } });
    const after = publicDatasets(await live());
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await tx.challengeEvent.create({
        data: { challengeId, actorId: actor.id, kind: "edit", changes: { datasets: { from: before, to: after } } },
      });
    }
    await tx.challengeEvent.create({
      data: { challengeId, actorId: actor.id, kind: "data-card", changes: { action: "approved" } },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "challenge.approve_data_card_change",
      subjectType: "challenge",
      subjectId: challengeId,
      organisationId: ref.organisationId,
      details: { changeId: change.id, newDataset: change.datasetId === null },
    });
    await recordSearchChange(tx, "challenges", [challengeId]);
    await tellTheAuthor(tx, challengeId, change.title, true, "");
    return { title: change.title };
  });
}

/** Emails the officer who wrote the challenge about the hub's decision (if they still can be). */
async function tellTheAuthor(tx: Tx, challengeId: string, dataset: string, approved: boolean, comment: string) {
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
  await queueMail(tx, author.email, "data-card-decision", {
    name: author.displayName,
    title: challenge.title,
    dataset,
    approved,
    comment: comment || undefined,
    link: absoluteUrl(approved ? `/challenges/${challenge.slug}` : `/challenges/${challenge.id}/edit/data`),
  });
}

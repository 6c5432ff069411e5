import type { JudgingMode } from "~/generated/prisma/client";
import { authorizeEvent } from "~/models/events/policy.server";
import { checked } from "~/models/judging/internal/checked";
import { eventCriteria } from "~/models/judging/internal/teams.server";
import { criterionFields, type CriterionInput } from "~/models/judging/schemas";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, notFound } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

// Judging criteria, each with a weight (1–10) and a highest score. Every event starts with the
// council's "Could we adopt this?" criterion; it can be reweighted but not removed, since
// adoption is what the hub's councils come for. Scores already given survive changes to a
// criterion's name, description and weight (the results are recalculated); the highest score
// cannot go below a score already given, and removing a criterion removes its scores.

export const ADOPTION_CRITERION = {
  name: "Could we adopt this?",
  description: "Could the council use this within a year, with the people and systems it has?",
};

export async function listCriteria(actor: Actor, slug: string) {
  const { event } = await authorizeEvent(actor, { slug }, "runJudging");
  return eventCriteria(prisma, event.id);
}

export async function addCriterion(actor: Actor, slug: string, input: CriterionInput) {
  const value = checked(criterionFields, input);
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "runJudging", tx);
    const last = await tx.criterion.aggregate({ where: { eventId: event.id }, _max: { position: true } });
    const criterion = await tx.criterion.create({
      data: { eventId: event.id, ...value, position: (last._max.position ?? -1) + 1 },
      select: { id: true, name: true },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "judging.add_criterion",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { criterionId: criterion.id, name: value.name, weight: value.weight },
    });
    return criterion;
  });
}

export async function editCriterion(actor: Actor, slug: string, criterionId: string, input: CriterionInput) {
  const value = checked(criterionFields, input);
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "runJudging", tx);
    const criterion = await tx.criterion.findFirst({
      where: { id: criterionId, eventId: event.id },
      select: { id: true },
    });
    if (!criterion) throw notFound("There is no such criterion.");
    const highest = await tx.score.aggregate({ where: { criterionId }, _max: { value: true } });
    if (highest._max.value !== null && value.maxScore < highest._max.value) {
      throw conflict(
        `Judges have already given scores up to ${highest._max.value}, so the highest score cannot be lower than ${highest._max.value}.`,
        "maxScore",
      );
    }
    const updated = await tx.criterion.update({
      where: { id: criterionId },
      data: value,
      select: { id: true, name: true },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "judging.edit_criterion",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { criterionId, name: value.name, weight: value.weight, maxScore: value.maxScore },
    });
    return updated;
  });
}

export async function removeCriterion(actor: Actor, slug: string, criterionId: string) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "runJudging", tx);
    const criterion = await tx.criterion.findFirst({
      where: { id: criterionId, eventId: event.id },
      select: { id: true, name: true, adoption: true, _count: { select: { scores: true } } },
    });
    if (!criterion) throw notFound("There is no such criterion.");
    if (criterion.adoption) {
      throw conflict(
        "The council's “Could we adopt this?” criterion cannot be removed. Give it a lower weight if it matters less at this event.",
      );
    }
    await tx.criterion.delete({ where: { id: criterionId } });
    await audit(tx, {
      actorId: actor.id,
      action: "judging.remove_criterion",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { criterionId, name: criterion.name, scoresRemoved: criterion._count.scores },
    });
    return { name: criterion.name, scoresRemoved: criterion._count.scores };
  });
}

export async function setJudgingMode(actor: Actor, slug: string, judgingMode: JudgingMode) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "runJudging", tx);
    await tx.event.update({ where: { id: event.id }, data: { judgingMode } });
    await audit(tx, {
      actorId: actor.id,
      action: "judging.set_mode",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { judgingMode },
    });
  });
}

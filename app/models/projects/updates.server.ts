import { notify } from "~/models/notifications/notify.server";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, forbidden, notFound } from "~/models/platform/errors";
import { transitionChallengeIn } from "~/models/challenges/lifecycle.server";
import { authorizeProject, type ProjectRef } from "~/models/projects/policy.server";
import { recordProjectEvents } from "~/models/projects/timeline.server";
import { prisma } from "~/services/db.server";

// What the team writes on its project page: short progress updates (markdown, sanitised when
// shown), and the delivery agreement (the team says it is delivered, the council agrees).

function firstLine(body: string) {
  const line = body.split("\n").find((l) => l.trim()) ?? "";
  const plain = line.replace(/[#*_`>[\]]/g, "").trim();
  return plain.length > 120 ? `${plain.slice(0, 119)}…` : plain;
}

/** The team posts an update; it is also a "Team update" entry on the timeline. */
export async function postProjectUpdate(actor: Actor, slug: string, body: string, now = new Date()) {
  const { project } = await authorizeProject(actor, { slug }, "postUpdate");
  return prisma.$transaction(async (tx) => {
    const update = await tx.projectUpdate.create({
      data: { projectId: project.id, authorId: actor.id, body, createdAt: now },
      select: { id: true },
    });
    await recordProjectEvents(tx, project.id, [
      {
        kind: "update",
        source: "nettle",
        occurredAt: now,
        title: `${actor.displayName}: ${firstLine(body)}`,
        actorId: actor.id,
        details: { updateId: update.id },
        dedupeKey: `update:${update.id}`,
      },
    ]);
    await audit(tx, {
      actorId: actor.id,
      action: "projects.post_update",
      subjectType: "project",
      subjectId: project.id,
      organisationId: project.challenge.organisationId,
      details: { projectId: project.id, updateId: update.id },
    });
    return { id: update.id };
  });
}

/** The update's author (still in the team) deletes it, and its timeline entry with it. */
export async function deleteProjectUpdate(actor: Actor, slug: string, updateId: string) {
  const { project } = await authorizeProject(actor, { slug }, "postUpdate");
  return prisma.$transaction(async (tx) => {
    const update = await tx.projectUpdate.findFirst({
      where: { id: updateId, projectId: project.id },
      select: { id: true, authorId: true },
    });
    if (!update) throw notFound("There is no such update.");
    if (update.authorId !== actor.id) throw forbidden("Only the person who wrote an update can delete it.");
    await tx.projectUpdate.delete({ where: { id: update.id } });
    await tx.projectEvent.deleteMany({ where: { projectId: project.id, dedupeKey: `update:${update.id}` } });
    await audit(tx, {
      actorId: actor.id,
      action: "projects.delete_update",
      subjectType: "project",
      subjectId: project.id,
      organisationId: project.challenge.organisationId,
      details: { projectId: project.id, updateId: update.id },
    });
  });
}

/** An update for the "are you sure?" page: only its author gets it. */
export async function updateForDeletion(actor: Actor, slug: string, updateId: string) {
  const { project } = await authorizeProject(actor, { slug }, "postUpdate");
  const update = await prisma.projectUpdate.findFirst({
    where: { id: updateId, projectId: project.id, authorId: actor.id },
    select: { id: true, body: true, createdAt: true },
  });
  if (!update) throw notFound("There is no such update.");
  return update;
}

async function councilMemberIds(organisationId: string) {
  const rows = await prisma.membership.findMany({ where: { organisationId }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

/** The team marks the project delivered; the council is asked to agree. */
export async function requestDelivery(actor: Actor, slug: string, now = new Date()) {
  const { project } = await authorizeProject(actor, { slug }, "requestDelivery");
  const council = await councilMemberIds(project.challenge.organisationId);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.project.updateMany({
      where: { id: project.id, deliveryRequestedAt: null },
      data: { deliveryRequestedAt: now, deliveryRequestedById: actor.id },
    });
    if (count === 0) throw conflict("The team has already marked this project delivered.");
    await recordProjectEvents(tx, project.id, [
      {
        kind: "delivery",
        source: "nettle",
        occurredAt: now,
        title: `${actor.displayName} marked the project delivered`,
        actorId: actor.id,
      },
    ]);
    for (const userId of council) {
      await notify(tx, {
        userId,
        kind: "project.delivery",
        title: `The team says “${project.title}” is delivered`,
        body: "Agree on the project page if it is.",
        href: `/projects/${project.slug}`,
      });
    }
    await deliveryAudit(tx, actor, project, "projects.request_delivery");
  });
}

/**
 * The council agrees it is delivered: the stage becomes "delivered" and the challenge moves
 * from in progress to delivered through its lifecycle.
 */
export async function agreeDelivery(actor: Actor, slug: string, now = new Date()) {
  const { project } = await authorizeProject(actor, { slug }, "agreeDelivery");
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM projects WHERE id = ${project.id} FOR UPDATE`;
    const row = await tx.project.findUniqueOrThrow({
      where: { id: project.id },
      select: { deliveryRequestedAt: true, deliveryAgreedAt: true },
    });
    if (!row.deliveryRequestedAt) throw conflict("The team has not marked this project delivered yet.");
    if (row.deliveryAgreedAt) throw conflict("You have already agreed that this project is delivered.");
    await tx.project.update({
      where: { id: project.id },
      data: { deliveryAgreedAt: now, deliveryAgreedById: actor.id },
    });
    await recordProjectEvents(tx, project.id, [
      {
        kind: "delivery",
        source: "nettle",
        occurredAt: now,
        title: `${project.challenge.organisation.name} agreed the project is delivered`,
        actorId: actor.id,
      },
    ]);
    const challenge = await tx.challenge.findUniqueOrThrow({
      where: { id: project.challengeId },
      select: { status: true },
    });
    if (challenge.status === "in_progress") await transitionChallengeIn(tx, actor, project.challengeId, "deliver");
    const team = await tx.teamMember.findMany({
      where: { projectId: project.id, leftAt: null },
      select: { userId: true },
    });
    for (const { userId } of team) {
      await notify(tx, {
        userId,
        kind: "project.delivery",
        title: `${project.challenge.organisation.name} agreed “${project.title}” is delivered`,
        body: "Next, write up the outcome for the council to sign off.",
        href: `/projects/${project.slug}/outcome`,
      });
    }
    await deliveryAudit(tx, actor, project, "projects.agree_delivery");
  });
}

async function deliveryAudit(
  tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0],
  actor: Actor,
  project: ProjectRef,
  action: "projects.request_delivery" | "projects.agree_delivery",
) {
  await audit(tx, {
    actorId: actor.id,
    action,
    subjectType: "project",
    subjectId: project.id,
    organisationId: project.challenge.organisationId,
    details: { projectId: project.id },
  });
}

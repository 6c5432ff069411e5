import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, invalid, notFound } from "~/models/platform/errors";
import { NONE } from "~/models/platform/policy.server";
import { notify } from "~/models/notifications/notify.server";
import { reindexSkillDocuments } from "~/models/taxonomy/internal/reindex.server";
import { assertNamesFree, createSkill, linkSkillsIn } from "~/models/taxonomy/manage.server";
import { taxonomyPolicy } from "~/models/taxonomy/policy.server";
import { MAX_PENDING_PROPOSALS, type ProposalDecision } from "~/models/taxonomy/schemas";
import { synonymKey } from "~/models/taxonomy/skill-taxonomy.server";
import { queueSynonymsUpdate } from "~/models/taxonomy/synonyms.server";
import { prisma } from "~/services/db.server";

// A person who cannot find their skill proposes it; a hub organiser accepts it as a new skill
// or as another name of an existing one, or rejects it with a reason. The proposer is told
// either way (notify, in the deciding transaction): nobody's proposal disappears in silence.

/** Proposes a skill. Refuses names the taxonomy already has, repeats, and too many waiting. */
export async function proposeSkill(actor: Actor, input: { name: string; description: string }) {
  await taxonomyPolicy.authorize(actor, "propose_skill", NONE);
  const nameKey = synonymKey(input.name);
  return prisma.$transaction(async (tx) => {
    // One proposer's proposals are counted under a lock, so two sent at once cannot both pass.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`nettle:proposals:${actor.id}`}))`;
    const skills = await tx.skill.findMany({ select: { name: true, synonyms: true } });
    for (const skill of skills) {
      const match = [skill.name, ...skill.synonyms].find((term) => synonymKey(term) === nameKey);
      if (match === undefined) continue;
      throw invalid(
        match === skill.name
          ? `${skill.name} is already a skill: choose it on your profile`
          : `${input.name} is already a skill, called ${skill.name}`,
        "name",
      );
    }
    const waiting = await tx.skillProposal.findFirst({
      where: { nameKey, status: "pending" },
      select: { proposedById: true },
    });
    if (waiting) {
      throw invalid(
        waiting.proposedById === actor.id
          ? `You have already proposed ${input.name}`
          : `Someone has already proposed ${input.name}; a hub organiser will decide soon`,
        "name",
      );
    }
    const pending = await tx.skillProposal.count({ where: { proposedById: actor.id, status: "pending" } });
    if (pending >= MAX_PENDING_PROPOSALS) {
      throw invalid(
        `You have ${pending} proposals waiting for a hub organiser. You can propose another once one is decided.`,
        "name",
      );
    }
    const proposal = await tx.skillProposal.create({
      data: { name: input.name, nameKey, description: input.description, proposedById: actor.id },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "taxonomy.propose_skill",
      subjectType: "skill_proposal",
      subjectId: proposal.id,
      details: { name: input.name },
    });
    return proposal;
  });
}

/** The proposer's own proposals, newest first, with what was decided. */
export async function myProposals(actor: Actor) {
  return prisma.skillProposal.findMany({
    where: { proposedById: actor.id },
    select: { id: true, name: true, status: true, comment: true, createdAt: true, skill: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
}

/** The hub organisers' queue: proposals waiting, oldest first. */
export async function pendingProposals(actor: Actor) {
  await taxonomyPolicy.authorize(actor, "manage_skills", NONE);
  return prisma.skillProposal.findMany({
    where: { status: "pending" },
    select: { id: true, name: true, description: true, createdAt: true, proposedBy: { select: { displayName: true } } },
    orderBy: { createdAt: "asc" },
  });
}

/** Decides a proposal: a new skill, another name of an existing skill, or rejected with a reason. */
export async function decideProposal(actor: Actor, decision: ProposalDecision) {
  await taxonomyPolicy.authorize(actor, "manage_skills", NONE);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT id FROM skill_proposals WHERE id = ${decision.proposalId} FOR UPDATE`;
    const proposal = await tx.skillProposal.findUnique({ where: { id: decision.proposalId } });
    if (!proposal) throw notFound("That proposal does not exist");
    if (proposal.status !== "pending") throw conflict("Another organiser has already decided this proposal");
    const decided = { decidedById: actor.id, decidedAt: new Date() };
    let message: { title: string; body: string };

    if (decision.intent === "accept_new") {
      const { intent: _intent, proposalId: _id, broader, ...fields } = decision;
      if (broader && !(await tx.skill.findUnique({ where: { slug: broader }, select: { id: true } }))) {
        throw invalid("Choose a broader skill from the list", "broader");
      }
      const skill = await createSkill(tx, actor, fields, "taxonomy.accept_proposal", {
        as: "new skill",
        proposal: proposal.name,
      });
      if (broader) await linkSkillsIn(tx, actor, skill.id, { kind: "broader", other: broader });
      await tx.skillProposal.update({
        where: { id: proposal.id },
        data: { ...decided, status: "accepted", skillId: skill.id },
      });
      message = {
        title: `${skill.name} is now a skill on Nettle`,
        body: `Thank you for proposing ${proposal.name}. You can add it to your profile.`,
      };
    } else if (decision.intent === "accept_synonym") {
      const skill = await tx.skill.findUnique({ where: { slug: decision.skill } });
      if (!skill) throw invalid("Choose a skill from the list", "skill");
      await assertNamesFree(tx, { name: skill.name, synonyms: [proposal.name] }, skill.id);
      await tx.skill.update({ where: { id: skill.id }, data: { synonyms: [...skill.synonyms, proposal.name] } });
      await tx.skillProposal.update({
        where: { id: proposal.id },
        data: { ...decided, status: "accepted", skillId: skill.id },
      });
      await audit(tx, {
        actorId: actor.id,
        action: "taxonomy.accept_proposal",
        subjectType: "skill",
        subjectId: skill.id,
        details: { name: skill.name, as: "other name", proposal: proposal.name },
      });
      await reindexSkillDocuments(tx, [skill.id]);
      await queueSynonymsUpdate(tx);
      message = {
        title: `${proposal.name} now finds ${skill.name}`,
        body: `Thank you for proposing ${proposal.name}. It is another name for ${skill.name}, which you can add to your profile.`,
      };
    } else {
      await tx.skillProposal.update({
        where: { id: proposal.id },
        data: { ...decided, status: "rejected", comment: decision.reason },
      });
      await audit(tx, {
        actorId: actor.id,
        action: "taxonomy.reject_proposal",
        subjectType: "skill_proposal",
        subjectId: proposal.id,
        details: { name: proposal.name, reason: decision.reason },
      });
      message = { title: `${proposal.name} will not be added as a skill`, body: decision.reason };
    }
    if (proposal.proposedById) {
      await notify(tx, {
        userId: proposal.proposedById,
        kind: "skill_proposal.decided",
        ...message,
        href: "/skills/propose",
      });
    }
    return proposal;
  });
}

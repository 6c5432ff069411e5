import type { OutcomeLicence, Prisma } from "~/generated/prisma/client";
import { transitionChallengeIn } from "~/models/challenges/lifecycle.server";
import { challengeAccess, loadChallengeRef } from "~/models/challenges/policy.server";
import type { Transition } from "~/models/challenges/status";
import { scheduleImpactChecks } from "~/models/impact/impact.server";
import { notify } from "~/models/notifications/notify.server";
import { organisersServing } from "~/models/organisations/hub.server";
import { checkAgainstRepository } from "~/models/outcomes/licences";
import { TEAM_EDITABLE_STATES, outcomeStateLabels } from "~/models/outcomes/labels";
import {
  MAX_OUTCOME_DATASETS,
  requiredForSubmission,
  type OutcomeDatasetInput,
  type OutcomeDraftInput,
} from "~/models/outcomes/schemas";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, invalid, notFound } from "~/models/platform/errors";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { uniqueSlug } from "~/models/platform/slug.server";
import { authorizeProject, type ProjectRef } from "~/models/projects/policy.server";
import { recordProjectEvents } from "~/models/projects/timeline.server";
import { prisma } from "~/services/db.server";

// An outcome from draft to publication. The team drafts it and sends it to the council; the
// council asks for changes (with a comment, as challenge review does) or signs it off, which
// publishes it in the same transaction: the challenge moves to "outcome published" through its
// lifecycle, the team is credited, impact follow-up is scheduled, the project's stage follows.
// Every function asks the projects policy itself.

type Tx = Prisma.TransactionClient;

const repositorySelect = {
  owner: true,
  name: true,
  htmlUrl: true,
  licenceSpdx: true,
  licenceName: true,
  latestReleaseTag: true,
  lastCommitSha: true,
} satisfies Prisma.RepositorySelect;

type RepositoryFacts = Prisma.RepositoryGetPayload<{ select: typeof repositorySelect }>;

const fullName = (repository: RepositoryFacts) => `${repository.owner}/${repository.name}`;

/**
 * The repository at a recorded point: the latest release tag, or the last commit the sync saw
 * (the team may choose the commit when there is a release too).
 */
export function repositoryPoint(repository: RepositoryFacts | null, prefer?: "release" | "commit") {
  if (!repository) return { repoRef: null, repoUrl: null };
  const ref =
    prefer === "commit"
      ? (repository.lastCommitSha ?? repository.latestReleaseTag)
      : (repository.latestReleaseTag ?? repository.lastCommitSha);
  if (!ref) return { repoRef: null, repoUrl: null };
  return { repoRef: ref, repoUrl: `${repository.htmlUrl.replace(/\/+$/, "")}/tree/${encodeURIComponent(ref)}` };
}

async function lockProject(tx: Tx, projectId: string) {
  await tx.$queryRaw`SELECT id FROM projects WHERE id = ${projectId} FOR UPDATE`;
}

function outcomeSlug(tx: Tx, project: ProjectRef) {
  return uniqueSlug(tx, "outcomes", project.slug, {
    taken: async (candidates) =>
      (await tx.outcome.findMany({ where: { slug: { in: candidates } }, select: { slug: true } })).map((o) => o.slug),
  });
}

/** The project's outcome, made (empty, as a draft) the first time the team saves anything. */
async function ensureOutcome(tx: Tx, project: ProjectRef) {
  const found = await tx.outcome.findUnique({
    where: { projectId: project.id },
    select: { id: true, state: true, slug: true },
  });
  if (found) return found;
  return tx.outcome.create({
    data: { projectId: project.id, slug: await outcomeSlug(tx, project), title: project.title },
    select: { id: true, state: true, slug: true },
  });
}

function refuseUnlessTeamMayEdit(state: keyof typeof outcomeStateLabels) {
  if (!TEAM_EDITABLE_STATES.includes(state)) {
    throw conflict(
      state === "submitted"
        ? "The outcome is with the council for sign-off. You can change it again if they ask for changes."
        : `The outcome is ${outcomeStateLabels[state].toLowerCase()} and can no longer be changed.`,
    );
  }
}

/** Who is on the team now, for notices and credits. */
function currentTeam(tx: Tx, projectId: string) {
  return tx.teamMember.findMany({
    where: { projectId, leftAt: null },
    orderBy: [{ teamRole: "asc" }, { createdAt: "asc" }],
    select: { userId: true, teamRole: true, role: true },
  });
}

function councilMembers(tx: Tx, organisationId: string) {
  return tx.membership.findMany({ where: { organisationId }, select: { userId: true } });
}

/**
 * Saves the team's draft as it stands (partial input is kept), or sends it to the council
 * (`submit`), which needs the summary, what was built, results, how to reuse it and an open
 * licence. A code licence must be the repository's.
 */
export async function saveOutcome(
  actor: Actor,
  projectSlug: string,
  input: OutcomeDraftInput,
  { submit }: { submit: boolean },
) {
  const { project } = await authorizeProject(actor, { slug: projectSlug }, "draftOutcome");
  return prisma.$transaction(async (tx) => {
    await lockProject(tx, project.id);
    const outcome = await ensureOutcome(tx, project);
    refuseUnlessTeamMayEdit(outcome.state);
    const repository = await tx.repository.findUnique({ where: { projectId: project.id }, select: repositorySelect });
    const check = checkAgainstRepository(
      input.licence,
      repository ? { ...repository, fullName: fullName(repository) } : null,
    );
    if (check.kind === "mismatch") throw invalid(check.message, "licence");
    if (submit) {
      for (const [field, message] of Object.entries(requiredForSubmission)) {
        const given = input[field as keyof typeof requiredForSubmission];
        if (given === null || given === "") throw invalid(message, field);
      }
    }
    const now = new Date();
    await tx.outcome.update({
      where: { id: outcome.id },
      data: {
        title: input.title || project.title,
        summary: input.summary,
        whatWasBuilt: input.whatWasBuilt,
        results: input.results,
        howToReuse: input.howToReuse,
        licence: input.licence,
        demoUrl: input.demoUrl || null,
        reportUrl: input.reportUrl || null,
        ...repositoryPoint(repository, input.repoPoint),
        ...(submit ? { state: "submitted", submittedAt: now } : {}),
      },
    });
    if (submit) {
      const council = project.challenge.organisation.name;
      await recordProjectEvents(tx, project.id, [
        {
          kind: "outcome",
          source: "nettle",
          occurredAt: now,
          actorId: actor.id,
          title: `Outcome sent to ${council} for sign-off`,
        },
      ]);
      for (const { userId } of await councilMembers(tx, project.challenge.organisationId)) {
        await notify(tx, {
          userId,
          kind: "outcome.submitted",
          title: `The team working on “${project.title}” sent its outcome for sign-off`,
          body: "Read it, then sign it off or ask the team for changes.",
          href: `/projects/${project.slug}/outcome`,
        });
      }
      await audit(tx, {
        actorId: actor.id,
        action: "outcome.submit",
        subjectType: "outcome",
        subjectId: outcome.id,
        organisationId: project.challenge.organisationId,
        details: { project: project.title },
      });
    }
    return { slug: outcome.slug, warning: check.kind === "warning" ? check.message : null };
  });
}

/** Adds an output dataset to the outcome, or changes one (`datasetId`). */
export async function saveOutcomeDataset(
  actor: Actor,
  projectSlug: string,
  datasetId: string | undefined,
  input: OutcomeDatasetInput,
) {
  const { project } = await authorizeProject(actor, { slug: projectSlug }, "draftOutcome");
  return prisma.$transaction(async (tx) => {
    await lockProject(tx, project.id);
    const outcome = await ensureOutcome(tx, project);
    refuseUnlessTeamMayEdit(outcome.state);
    const data = {
      title: input.title,
      description: input.description,
      link: input.link || null,
      format: input.format,
      licence: input.licence,
      sensitivity: input.sensitivity,
      personalData: input.personalData,
      dpia: input.dpia,
      accessRoute: input.accessRoute,
      retentionDate: input.retentionDate,
    };
    if (datasetId) {
      const { count } = await tx.outcomeDataset.updateMany({ where: { id: datasetId, outcomeId: outcome.id }, data });
      if (count === 0) throw invalid("That dataset is not on this outcome", "datasetId");
      return { title: input.title };
    }
    const existing = await tx.outcomeDataset.count({ where: { outcomeId: outcome.id } });
    if (existing >= MAX_OUTCOME_DATASETS) {
      throw invalid(`An outcome can list up to ${MAX_OUTCOME_DATASETS} datasets`, "title");
    }
    await tx.outcomeDataset.create({ data: { ...data, outcomeId: outcome.id, position: existing } });
    return { title: input.title };
  });
}

export async function removeOutcomeDataset(actor: Actor, projectSlug: string, datasetId: string) {
  const { project } = await authorizeProject(actor, { slug: projectSlug }, "draftOutcome");
  return prisma.$transaction(async (tx) => {
    await lockProject(tx, project.id);
    const outcome = await tx.outcome.findUnique({
      where: { projectId: project.id },
      select: { id: true, state: true },
    });
    if (!outcome) throw notFound("That dataset is not on this outcome.");
    refuseUnlessTeamMayEdit(outcome.state);
    const dataset = await tx.outcomeDataset.findFirst({
      where: { id: datasetId, outcomeId: outcome.id },
      select: { title: true },
    });
    if (!dataset) throw notFound("That dataset is not on this outcome.");
    await tx.outcomeDataset.delete({ where: { id: datasetId } });
    return dataset;
  });
}

async function submittedOutcome(tx: Tx, projectId: string) {
  const outcome = await tx.outcome.findUnique({
    where: { projectId },
    select: { id: true, slug: true, state: true, title: true, repoRef: true },
  });
  if (!outcome || outcome.state !== "submitted") {
    throw conflict(
      outcome
        ? `The outcome is ${outcomeStateLabels[outcome.state].toLowerCase()}: only an outcome sent for sign-off can be decided.`
        : "The team has not written an outcome yet.",
    );
  }
  return outcome;
}

/** The council sends the outcome back to the team with a comment saying what to change. */
export async function requestOutcomeChanges(actor: Actor, projectSlug: string, comment: string) {
  const { project } = await authorizeProject(actor, { slug: projectSlug }, "signOffOutcome");
  const text = comment.trim();
  if (!text) throw invalid("Say what needs to change", "comment");
  if (text.length > 5_000) throw invalid("Comment must be 5,000 characters or fewer", "comment");
  return prisma.$transaction(async (tx) => {
    await lockProject(tx, project.id);
    const outcome = await submittedOutcome(tx, project.id);
    const now = new Date();
    await tx.outcome.update({ where: { id: outcome.id }, data: { state: "changes_requested", reviewComment: text } });
    const council = project.challenge.organisation.name;
    // The comment stays off the timeline: the timeline is public, the council's comment is for the team.
    await recordProjectEvents(tx, project.id, [
      {
        kind: "outcome",
        source: "nettle",
        occurredAt: now,
        actorId: actor.id,
        title: `${council} asked for changes to the outcome`,
      },
    ]);
    for (const { userId } of await currentTeam(tx, project.id)) {
      await notify(tx, {
        userId,
        kind: "outcome.changes_requested",
        title: `${council} asked for changes to the outcome of “${project.title}”`,
        body: "Read their comment on the outcome page, make the changes and send it again.",
        href: `/projects/${project.slug}/outcome`,
      });
    }
    await audit(tx, {
      actorId: actor.id,
      action: "outcome.request_changes",
      subjectType: "outcome",
      subjectId: outcome.id,
      organisationId: project.challenge.organisationId,
      details: { project: project.title, comment: text },
    });
    return { title: project.title };
  });
}

/** The lifecycle steps from where the challenge is to "outcome published". */
const pathToPublished: Partial<Record<string, Transition[]>> = {
  open: ["start", "deliver", "publish-outcome"],
  in_progress: ["deliver", "publish-outcome"],
  delivered: ["publish-outcome"],
  outcome_published: [],
  closed: [],
};

/**
 * The council signs the outcome off, which publishes it: in one transaction the outcome is
 * published, the challenge moves to "outcome published", the team as it is now is credited,
 * the impact follow-up is scheduled, the timeline and stage follow, and the team and the hub
 * organisers are told. Hub organisers may read the outcome but not sign it off.
 */
export async function signOffOutcome(actor: Actor, projectSlug: string, now = new Date()) {
  const { project } = await authorizeProject(actor, { slug: projectSlug }, "signOffOutcome");
  // Read through the shared pool before the transaction, as transitionChallenge does.
  const challengeRef = await loadChallengeRef(prisma, project.challengeId);
  if (!challengeRef) throw notFound("There is no such project.");
  const access = await challengeAccess(actor, challengeRef);
  return prisma.$transaction(async (tx) => {
    // The challenge first, then the project: the order in which accepting a team member locks them.
    const [challenge] = await tx.$queryRaw<
      { status: string }[]
    >`SELECT status FROM challenges WHERE id = ${project.challengeId} FOR UPDATE`;
    await lockProject(tx, project.id);
    const outcome = await submittedOutcome(tx, project.id);
    const steps = pathToPublished[challenge?.status ?? ""];
    if (!steps) throw conflict(`The challenge is ${challenge?.status ?? "gone"}, so its outcome cannot be published.`);

    await tx.outcome.update({
      where: { id: outcome.id },
      data: { state: "published", signedOffAt: now, signedOffById: actor.id, publishedAt: now, reviewComment: null },
    });
    for (const step of steps) await transitionChallengeIn(tx, actor, project.challengeId, step, { access });

    const team = await currentTeam(tx, project.id);
    await tx.outcomeContributor.createMany({
      data: team.map((member) => ({
        outcomeId: outcome.id,
        userId: member.userId,
        teamRole: member.teamRole,
        role: member.role,
      })),
      skipDuplicates: true,
    });
    await scheduleImpactChecks(tx, outcome.id, now);
    const council = project.challenge.organisation;
    await recordProjectEvents(tx, project.id, [
      {
        kind: "outcome",
        source: "nettle",
        occurredAt: now,
        actorId: actor.id,
        title: `${council.name} signed off the outcome and it is published`,
        url: `/outcomes/${outcome.slug}`,
        dedupeKey: "outcome:published",
      },
    ]);
    const notice = {
      kind: "outcome.published" as const,
      title: `The outcome of “${project.title}” is published`,
      body: `${council.name} signed it off. Everyone can now read what the team delivered.`,
      href: `/outcomes/${outcome.slug}`,
    };
    const told = new Set<string>();
    const organisers = await organisersServing(tx, { id: council.id, region: council.region });
    for (const userId of [...team.map((m) => m.userId), ...organisers.map((o) => o.id)]) {
      if (told.has(userId)) continue;
      told.add(userId);
      await notify(tx, { userId, ...notice });
    }
    await audit(tx, {
      actorId: actor.id,
      action: "outcome.sign_off",
      subjectType: "outcome",
      subjectId: outcome.id,
      organisationId: council.id,
      details: {
        project: project.title,
        contributors: team.length,
        ...(outcome.repoRef ? { repoRef: outcome.repoRef } : {}),
      },
    });
    await recordSearchChange(tx, "challenges", [project.challengeId]);
    return { slug: outcome.slug, title: outcome.title || project.title };
  });
}

/**
 * The outcome page of a project, for its team, its council and the hub organisers serving the
 * council (and admins): what the team wrote, its datasets (personal data included: these people
 * may see it), the repository's point and licence, and what each of them may do now.
 */
export async function getOutcomeWorkspace(actor: Actor, projectSlug: string) {
  const { project, access } = await authorizeProject(actor, { slug: projectSlug }, "insider");
  const [outcome, repository] = await Promise.all([
    prisma.outcome.findUnique({
      where: { projectId: project.id },
      select: {
        slug: true,
        state: true,
        title: true,
        summary: true,
        whatWasBuilt: true,
        results: true,
        howToReuse: true,
        licence: true,
        repoRef: true,
        repoUrl: true,
        demoUrl: true,
        reportUrl: true,
        reviewComment: true,
        submittedAt: true,
        publishedAt: true,
        datasets: {
          orderBy: [{ position: "asc" }, { createdAt: "asc" }],
          select: {
            id: true,
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
          },
        },
      },
    }),
    prisma.repository.findUnique({ where: { projectId: project.id }, select: repositorySelect }),
  ]);
  const state = outcome?.state ?? "draft";
  const repo = repository ? { ...repository, fullName: fullName(repository) } : null;
  const licenceCheck = checkAgainstRepository((outcome?.licence ?? null) as OutcomeLicence | null, repo);
  return {
    project: {
      slug: project.slug,
      title: project.title,
      challengeSlug: project.challenge.slug,
      challengeTitle: project.challenge.title,
    },
    council: project.challenge.organisation.name,
    state,
    outcome,
    repository: repo
      ? {
          fullName: repo.fullName,
          htmlUrl: repo.htmlUrl,
          licenceSpdx: repo.licenceSpdx,
          latestReleaseTag: repo.latestReleaseTag,
          lastCommitSha: repo.lastCommitSha,
        }
      : null,
    repositoryWarning: licenceCheck.kind === "warning" ? licenceCheck.message : null,
    mayEdit: access.draftOutcome && TEAM_EDITABLE_STATES.includes(state),
    mayDecide: access.signOffOutcome && state === "submitted",
    team: access.team,
    isCouncil: access.council,
  };
}

export type OutcomeWorkspace = Awaited<ReturnType<typeof getOutcomeWorkspace>>;

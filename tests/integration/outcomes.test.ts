import { describe, expect, test } from "vitest";
import {
  removeOutcomeDataset,
  requestOutcomeChanges,
  saveOutcome,
  saveOutcomeDataset,
  signOffOutcome,
} from "~/models/outcomes/outcome.server";
import { action as outcomeAction, loader as outcomeLoader } from "~/routes/projects.$slug_.outcome";
import { prisma } from "~/services/db.server";
import { createPerson, createProject, type Person } from "../factories";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";

// An outcome from the team's draft to the council's sign-off, which publishes it: what each
// step changes, the licence rules, and who may do what (each model function called directly as
// the wrong person).

const complete = {
  title: "Flood map",
  summary: "A map of the streets that flood first.",
  whatWasBuilt: "A web map and the scripts that make it.",
  results: "312 drains found; call-outs fell by 18% over the winter.",
  howToReuse: "Run `make map` with your council's drain reports.",
  licence: "mit" as const,
  demoUrl: "",
  reportUrl: "",
};

async function withRepository(
  projectId: string,
  fields: { licenceSpdx?: string | null; latestReleaseTag?: string | null } = {},
) {
  await prisma.repository.create({
    data: {
      projectId,
      owner: "leeds-data",
      name: "flood-map",
      fullNameKey: "leeds-data/flood-map",
      htmlUrl: "https://github.com/leeds-data/flood-map",
      licenceSpdx: fields.licenceSpdx === undefined ? "MIT" : fields.licenceSpdx,
      licenceName: fields.licenceSpdx === undefined ? "MIT License" : null,
      latestReleaseTag: fields.latestReleaseTag === undefined ? "v1.0.0" : fields.latestReleaseTag,
      latestReleaseAt: new Date(),
      lastCommitSha: "a".repeat(40),
      lastCommitAt: new Date(),
    },
  });
}

async function post(slug: string, person: Person, fields: Record<string, string>) {
  const result = await settle(
    outcomeAction({
      request: formRequest(`/projects/${slug}/outcome`, fields, person.cookie),
      params: { slug },
      context,
    }),
  );
  const { status, body, headers } = unwrap(result);
  return { status, headers, ...formReply(body) };
}

describe("drafting", () => {
  test("a draft keeps partial input; sending it needs every required field, each refused beside its field with what was typed kept", async () => {
    const { project, lead } = await createProject();
    const saved = await post(project.slug, lead, { intent: "save", summary: "Half a thought" });
    expect(saved.status).toBe(302);
    const draft = await prisma.outcome.findUniqueOrThrow({ where: { projectId: project.id } });
    expect(draft).toMatchObject({ state: "draft", summary: "Half a thought", title: project.title });

    const refused = await post(project.slug, lead, { intent: "submit", summary: "Half a thought", whatWasBuilt: "" });
    expect(refused.status).toBe(400);
    expect(refused.errors).toEqual({
      whatWasBuilt: "Say what was built",
      results: "Describe the results and impact",
      howToReuse: "Say how others can reuse it",
      licence: "Choose an open licence for the outcome",
    });
    expect(refused.values.summary).toBe("Half a thought");
    expect((await prisma.outcome.findUniqueOrThrow({ where: { projectId: project.id } })).state).toBe("draft");
  });

  test("a licence that is not one of the open ones is told to choose an open licence", async () => {
    const { project, lead } = await createProject();
    const refused = await post(project.slug, lead, { intent: "save", licence: "all-rights-reserved", summary: "Kept" });
    expect(refused.status).toBe(400);
    expect(refused.errors.licence).toMatch(/^Choose an open licence/);
    expect(refused.values.summary).toBe("Kept");
  });

  test("a code licence other than the repository's is a field error naming both; a content licence is fine", async () => {
    const { project, lead } = await createProject();
    await withRepository(project.id, { licenceSpdx: "Apache-2.0" });
    const refused = await post(project.slug, lead, { intent: "submit", ...complete, licence: "mit", repoPoint: "release" });
    expect(refused.status).toBe(400);
    expect(refused.errors.licence).toContain("MIT");
    expect(refused.errors.licence).toContain("Apache-2.0");
    expect(refused.values.results).toBe(complete.results);
    await expect(
      saveOutcome(lead.actor, project.slug, { ...complete, licence: "apache_2" }, { submit: true }),
    ).resolves.toMatchObject({ warning: null });
  });

  test("a repository without a licence is a warning to add one, not a refusal", async () => {
    const { project, lead } = await createProject();
    await withRepository(project.id, { licenceSpdx: null });
    const result = await saveOutcome(lead.actor, project.slug, complete, { submit: true });
    expect(result.warning).toMatch(/leeds-data\/flood-map has no licence/);
  });

  test("the repository is recorded at its latest release, or at the last commit when the team chooses it", async () => {
    const { project, lead } = await createProject();
    await withRepository(project.id);
    await saveOutcome(lead.actor, project.slug, complete, { submit: false });
    expect(await prisma.outcome.findUniqueOrThrow({ where: { projectId: project.id } })).toMatchObject({
      repoRef: "v1.0.0",
      repoUrl: "https://github.com/leeds-data/flood-map/tree/v1.0.0",
    });
    await saveOutcome(lead.actor, project.slug, { ...complete, repoPoint: "commit" }, { submit: false });
    expect((await prisma.outcome.findUniqueOrThrow({ where: { projectId: project.id } })).repoRef).toBe("a".repeat(40));
  });

  test("output datasets use the challenge's data card rules: data about people is never an open download", async () => {
    const { project, lead } = await createProject();
    const refused = await post(project.slug, lead, {
      intent: "save-dataset",
      title: "Residents who reported floods",
      licence: "not_licensed",
      sensitivity: "official",
      personalData: "yes",
      dpia: "yes",
      accessRoute: "open_download",
    });
    expect(refused.status).toBe(400);
    expect(refused.errors.accessRoute).toMatch(/must not be an open download/);
    const dataset = {
      title: "Drain ratings",
      description: "",
      link: "",
      format: "CSV",
      licence: "ogl" as const,
      sensitivity: "open" as const,
      personalData: false,
      dpia: "not_needed" as const,
      accessRoute: "open_download" as const,
      retentionDate: null,
    };
    await saveOutcomeDataset(lead.actor, project.slug, undefined, dataset);
    const [row] = await prisma.outcomeDataset.findMany({ where: { outcome: { projectId: project.id } } });
    expect(row).toMatchObject({ title: "Drain ratings", personalData: false });
    await removeOutcomeDataset(lead.actor, project.slug, row!.id);
    expect(await prisma.outcomeDataset.count({ where: { outcome: { projectId: project.id } } })).toBe(0);
  });
});

describe("sign-off", () => {
  test("the council asks for changes with a comment the team sees; the team changes it and sends it again; sign-off publishes it", async () => {
    const { project, lead, members, owner, challenge, organiser } = await createProject();
    await withRepository(project.id);
    await saveOutcome(lead.actor, project.slug, complete, { submit: true });
    const council = await prisma.notification.findFirst({
      where: { userId: owner.user.id, kind: "outcome.submitted" },
    });
    expect(council?.href).toBe(`/projects/${project.slug}/outcome`);

    // The team cannot change it while the council decides.
    await expect(saveOutcome(lead.actor, project.slug, complete, { submit: false })).rejects.toMatchObject({
      kind: "conflict",
    });
    const noComment = await post(project.slug, owner, { intent: "request-changes", comment: "" });
    expect(noComment.errors.comment).toBe("Say what needs to change");
    await requestOutcomeChanges(owner.actor, project.slug, "Please say how many drains were checked.");
    const page = unwrap(
      await settle(
        outcomeLoader({
          request: getRequest(`/projects/${project.slug}/outcome`, lead.cookie),
          params: { slug: project.slug },
          context,
        }),
      ),
    );
    expect(JSON.stringify(page.body)).toContain("Please say how many drains were checked.");
    expect(
      await prisma.notification.count({ where: { userId: members[0]!.user.id, kind: "outcome.changes_requested" } }),
    ).toBe(1);

    await saveOutcome(
      lead.actor,
      project.slug,
      { ...complete, results: "1,204 drains checked; 312 flood first." },
      { submit: true },
    );
    const signed = await post(project.slug, owner, { intent: "sign-off" });
    expect(signed.status).toBe(302);
    const outcome = await prisma.outcome.findUniqueOrThrow({
      where: { projectId: project.id },
      include: { contributors: true, impactChecks: true },
    });
    expect(signed.headers.get("location")).toBe(`/outcomes/${outcome.slug}`);
    expect(outcome).toMatchObject({ state: "published", signedOffById: owner.user.id, reviewComment: null });
    expect(outcome.publishedAt).not.toBeNull();
    // The team as it was is credited, with their roles.
    expect(outcome.contributors.map((c) => [c.userId, c.teamRole]).sort()).toEqual(
      [
        [lead.user.id, "lead"],
        [members[0]!.user.id, "member"],
      ].sort(),
    );
    expect(outcome.impactChecks.map((c) => c.monthsAfter).sort((a, b) => a - b)).toEqual([3, 6, 12]);
    // The challenge went through its lifecycle (delivered, then outcome published), on its timeline.
    const after = await prisma.challenge.findUniqueOrThrow({
      where: { id: challenge.id },
      include: { events: { orderBy: { createdAt: "asc" } } },
    });
    expect(after.status).toBe("outcome_published");
    expect(
      after.events
        .filter((e) => e.kind === "status")
        .map((e) => e.toStatus)
        .slice(-2),
    ).toEqual(["delivered", "outcome_published"]);
    expect((await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).stage).toBe("published");
    const timeline = await prisma.projectEvent.findMany({
      where: { projectId: project.id, kind: "outcome" },
      orderBy: { id: "asc" },
    });
    expect(timeline.map((e) => e.title)).toEqual([
      expect.stringMatching(/^Outcome sent to .* for sign-off$/),
      expect.stringMatching(/asked for changes to the outcome$/),
      expect.stringMatching(/^Outcome sent to/),
      expect.stringMatching(/signed off the outcome and it is published$/),
    ]);
    // Nobody reads the council's comment on the public timeline.
    expect(JSON.stringify(timeline.map((e) => [e.title, e.details]))).not.toContain("how many drains");
    for (const person of [lead, members[0]!, organiser!]) {
      expect(await prisma.notification.count({ where: { userId: person.user.id, kind: "outcome.published" } })).toBe(1);
    }
    expect(await prisma.auditLog.count({ where: { action: "outcome.sign_off", subjectId: outcome.id } })).toBe(1);
    // Signed off once: a second press is refused, not a second publication.
    await expect(signOffOutcome(owner.actor, project.slug)).rejects.toMatchObject({ kind: "conflict" });
  });
});

describe("who may do what (model functions called directly)", () => {
  test("outsiders, another council, hub organisers and the team itself are each refused what is not theirs", async () => {
    const { project, lead, members, organiser } = await createProject();
    const outsider = await createPerson();
    const otherCouncil = (await createProject()).owner;
    // Writing the outcome: the team only.
    for (const person of [outsider, otherCouncil, organiser!]) {
      await expect(saveOutcome(person.actor, project.slug, complete, { submit: false })).rejects.toMatchObject({
        kind: "forbidden",
      });
      await expect(
        saveOutcomeDataset(person.actor, project.slug, undefined, {
          title: "X",
          description: "",
          link: "",
          format: "",
          licence: "ogl",
          sensitivity: "open",
          personalData: false,
          dpia: "not_needed",
          accessRoute: "open_download",
          retentionDate: null,
        }),
      ).rejects.toMatchObject({ kind: "forbidden" });
    }
    await saveOutcome(lead.actor, project.slug, complete, { submit: true });
    // Deciding: the council only. Hub organisers may read it, the team may not sign off its own work.
    for (const person of [outsider, otherCouncil, organiser!, lead, members[0]!]) {
      await expect(signOffOutcome(person.actor, project.slug)).rejects.toMatchObject({ kind: "forbidden" });
      await expect(requestOutcomeChanges(person.actor, project.slug, "No")).rejects.toMatchObject({
        kind: "forbidden",
      });
    }
    expect((await prisma.outcome.findUniqueOrThrow({ where: { projectId: project.id } })).state).toBe("submitted");
    const organiserView = unwrap(
      await settle(
        outcomeLoader({
          request: getRequest(`/projects/${project.slug}/outcome`, organiser!.cookie),
          params: { slug: project.slug },
          context,
        }),
      ),
    );
    expect(organiserView.status).toBe(200);
    expect(organiserView.body).toMatchObject({ mayDecide: false, mayEdit: false });
    // The page's forms refuse (403) before checking the fields of a form that is not theirs.
    expect((await post(project.slug, organiser!, { intent: "request-changes", comment: "" })).status).toBe(403);
    expect((await post(project.slug, outsider, { intent: "save" })).status).toBe(403);
  });
});

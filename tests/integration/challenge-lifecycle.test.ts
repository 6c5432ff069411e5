import { beforeAll, describe, expect, test } from "vitest";
import { createDraft } from "~/models/challenges/lifecycle.server";
import { seedThemes } from "~/models/taxonomy/theme.server";
import { action as editAction, loader as editLoader } from "~/routes/challenges_.$id.edit.$step/route";
import { action as reviewAction, loader as reviewLoader } from "~/routes/challenges_.$id.review";
import { action as deleteAction, loader as deleteLoader } from "~/routes/challenges_.$id.delete";
import { action as newAction, loader as newLoader } from "~/routes/challenges.new";
import { loader as hubLoader } from "~/routes/hub._index";
import { loader as organisationLoader } from "~/routes/organisations.$slug";
import { prisma } from "~/services/db.server";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";
import { buildWorld, cookieFor, makeUser, type Role } from "../support/world";

// The intake wizard and the hub review, through the routes people use: a council officer
// writes a challenge step by step, a hub organiser asks for changes and then publishes it.

let world: Awaited<ReturnType<typeof buildWorld>>;
const nextYear = String(new Date().getUTCFullYear() + 1);
let otherHubOrganiser: string;
let themeIds: string[];
let skillIds: string[];

beforeAll(async () => {
  world = await buildWorld();
  await seedThemes();
  themeIds = (await prisma.theme.findMany({ take: 2, orderBy: { position: "asc" } })).map((t) => t.id);
  skillIds = (await prisma.skill.findMany({ take: 2, orderBy: { name: "asc" } })).map((s) => s.id);
  const walesHub = await prisma.organisation.create({
    data: { slug: "wales-hub", name: "Wales Hub", kind: "hub", servesRegions: ["Wales"], verifiedAt: new Date() },
  });
  const welsh = await makeUser("organiser@wales-hub.example");
  await prisma.membership.create({ data: { userId: welsh.id, organisationId: walesHub.id, role: "owner" } });
  otherHubOrganiser = await cookieFor(welsh.id);
});

const cookie = (role: Role | "welsh") => (role === "welsh" ? otherHubOrganiser : world.cookies[role]);

function post(path: string, fields: Record<string, string> | [string, string][], role: Role | "welsh") {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(role) ?? "" },
    body: new URLSearchParams(fields).toString(),
  });
}

async function saveStepOf(
  id: string,
  step: string,
  fields: Record<string, string> | [string, string][],
  role: Role = "owner",
) {
  const request = post(`/challenges/${id}/edit/${step}`, fields, role);
  return unwrap(await settle(editAction({ request, params: { id, step }, context })));
}

async function openStepOf(id: string, step: string, role: Role | "welsh" = "owner", search = "") {
  const request = getRequest(`/challenges/${id}/edit/${step}${search}`, cookie(role));
  return unwrap(await settle(editLoader({ request, params: { id, step }, context })));
}

async function transitionOf(id: string, role: Role | "welsh", name: string, extra: Record<string, string> = {}) {
  const request = post(`/challenges/${id}/review`, { intent: name, ...extra }, role);
  return unwrap(await settle(reviewAction({ request, params: { id }, context })));
}

const statusOfChallenge = async (id: string) => (await prisma.challenge.findUniqueOrThrow({ where: { id } })).status;

/** The page helpers, for one challenge: each test takes them for the challenge it made. */
function on(challengeId: string) {
  return {
    challengeId,
    saveStep: (step: string, fields: Record<string, string> | [string, string][], role: Role = "owner", id = challengeId) =>
      saveStepOf(id, step, fields, role),
    openStep: (step: string, role: Role | "welsh" = "owner", id = challengeId, search = "") => openStepOf(id, step, role, search),
    transition: (role: Role | "welsh", name: string, extra: Record<string, string> = {}, id = challengeId) =>
      transitionOf(id, role, name, extra),
    statusOf: (id = challengeId) => statusOfChallenge(id),
  };
}

// Every test starts from a challenge of its own, brought to the stage it needs the way people
// bring it there (the wizard's pages, the review page), so no test depends on another's order.

/** A new draft of the world's council, started as the owner starts one. */
async function newDraft() {
  return (await createDraft(world.actors.owner, world.council.id)).id;
}

/** A draft with every step filled in, ready to send for review. */
async function readyDraft(title: string, options: { personalDataset?: string } = {}) {
  const id = await newDraft();
  const steps: [string, Record<string, string> | [string, string][]][] = [
    [
      "problem",
      {
        title,
        problem: "Residents report the same drains blocking every winter.\n\nWe cannot see patterns across the city.",
        whoIsAffected: "Households in low-lying streets",
      },
    ],
    ["why", { whyItMatters: "Each flood costs around £40,000 in repairs." }],
    ["outcome", { outcomeWanted: "A risk map", successMeasures: "Fewer call-outs" }],
    ["themes", [["themes", themeIds[0]!]]],
    ["area", { area: "Leeds city centre" }],
    ["skills", { intent: "add-skill", skillId: skillIds[0]!, importance: "essential" }],
    ["skills", { intent: "continue" }],
    ["team", { teamSizeMin: "3", teamSizeMax: "6", timeCommitment: "A few hours a week", "deadline.day": "27", "deadline.month": "3", "deadline.year": nextYear }],
    ...(options.personalDataset
      ? [
          [
            "data",
            {
              intent: "save-dataset",
              title: options.personalDataset,
              licence: "not_licensed",
              sensitivity: "official_sensitive",
              personalData: "yes",
              dpia: "no",
              accessRoute: "on_request_dsa",
            },
          ] as [string, Record<string, string>],
        ]
      : []),
    ["data", { intent: "continue" }],
    ["contact", { contactName: "Sam Officer", contactEmail: "sam@leeds.gov.uk" }],
  ];
  for (const [step, fields] of steps) expect((await saveStepOf(id, step, fields)).status, step).toBe(302);
  return id;
}

/** Sent for hub review by the owner, from the check page. */
async function sentForReview(title: string) {
  const id = await readyDraft(title);
  expect((await saveStepOf(id, "check", {})).status).toBe(302);
  return id;
}

/** Published by the organiser of the hub serving the council. */
async function published(title: string) {
  const id = await sentForReview(title);
  expect((await transitionOf(id, "organiser", "approve")).status).toBe(302);
  return id;
}

describe("starting a challenge", () => {
  test("someone without a verified council is told how to get one", async () => {
    const page = unwrap(
      await newLoader({ request: getRequest("/challenges/new", cookie("participant")), params: {}, context }),
    );
    expect(page.body).toMatchObject({ verified: [], waiting: [] });
    const other = unwrap(
      await newLoader({ request: getRequest("/challenges/new", cookie("otherOwner")), params: {}, context }),
    );
    expect(other.body).toMatchObject({ verified: [], waiting: [{ slug: world.otherCouncil.slug }] });
    const refused = unwrap(
      await newAction({
        request: post("/challenges/new", { organisation: world.otherCouncil.slug }, "otherOwner"),
        params: {},
        context,
      }),
    );
    expect(refused.status).toBe(409);
    expect(formReply(refused.body).errors.organisation).toMatch(/must be verified/);
  });

  test("the owner starts a draft for their council and lands on the first step", async () => {
    const result = unwrap(
      await newAction({
        request: post("/challenges/new", { organisation: world.council.slug }, "owner"),
        params: {},
        context,
      }),
    );
    expect(result.status).toBe(302);
    const location = result.headers.get("location") ?? "";
    expect(location).toMatch(/^\/challenges\/[^/]+\/edit\/problem$/);
    const draft = await prisma.challenge.findUniqueOrThrow({ where: { id: location.split("/")[2]! } });
    expect(draft).toMatchObject({
      status: "draft",
      organisationId: world.council.id,
      area: world.council.name,
      wizardStep: 0,
    });
  });
});

describe("the wizard", () => {
  test("only the council's members can open the draft; to everyone else it does not exist", async () => {
    const { openStep } = on(await newDraft());
    expect((await openStep("problem", "owner")).status).toBe(200);
    expect((await openStep("problem", "member")).status).toBe(200);
    // 404, never 403: a draft must not even be known to exist outside its council.
    for (const role of ["participant", "otherOwner", "organiser", "welsh"] as const) {
      expect((await openStep("problem", role)).status, role).toBe(404);
    }
    expect((await openStep("nonsense")).status).toBe(404);
    const anonymous = await openStep("problem", "anonymous");
    expect(anonymous.status).toBe(302);
  });

  test("bad input on every step answers 400 with errors beside the fields and keeps what was typed", async () => {
    const { challengeId, saveStep } = on(await newDraft());
    const cases: [string, Record<string, string> | [string, string][], string[], Record<string, unknown>?][] = [
      [
        "problem",
        { title: "", problem: "x".repeat(10_001), whoIsAffected: "Residents near the river" },
        ["title", "problem"],
        { whoIsAffected: "Residents near the river" },
      ],
      ["problem", { title: "t".repeat(121), problem: "Drains", whoIsAffected: "" }, ["title", "whoIsAffected"]],
      ["why", { whyItMatters: "   " }, ["whyItMatters"]],
      [
        "outcome",
        { outcomeWanted: "", successMeasures: "Fewer floods" },
        ["outcomeWanted"],
        { successMeasures: "Fewer floods" },
      ],
      ["themes", [], ["themes"]],
      ["themes", [["themes", "not-a-theme"]], ["themes"]],
      ["area", { area: "" }, ["area"]],
      ["skills", { intent: "continue" }, ["skillId"]],
      ["skills", { intent: "add-skill", skillId: "", importance: "vital" }, ["skillId", "importance"]],
      [
        "team",
        {
          teamSizeMin: "0",
          teamSizeMax: "lots",
          timeCommitment: "",
          "deadline.day": "1",
          "deadline.month": "1",
          "deadline.year": "2020",
        },
        ["teamSizeMin", "teamSizeMax", "timeCommitment", "deadline"],
        { teamSizeMax: "lots", deadline: { year: "2020" } },
      ],
      [
        "team",
        {
          teamSizeMin: "6",
          teamSizeMax: "3",
          timeCommitment: "A day",
          "deadline.day": "31",
          "deadline.month": "2",
          "deadline.year": nextYear,
        },
        ["teamSizeMax", "deadline"],
      ],
      [
        "data",
        {
          intent: "save-dataset",
          title: "Case notes",
          link: "ftp://files.example",
          licence: "ogl",
          sensitivity: "open",
          personalData: "yes",
          dpia: "no",
          accessRoute: "open_download",
        },
        ["link", "accessRoute", "sensitivity"],
        { title: "Case notes", link: "ftp://files.example" },
      ],
      [
        "data",
        { intent: "save-dataset", title: "" },
        ["title", "licence", "sensitivity", "personalData", "dpia", "accessRoute"],
      ],
      [
        "contact",
        { contactName: "Sam", contactEmail: "not an email" },
        ["contactEmail"],
        { contactEmail: "not an email" },
      ],
    ];
    for (const [step, fields, fieldsInError, kept] of cases) {
      const result = await saveStep(step, fields);
      expect(result.status, `${step} ${JSON.stringify(fields).slice(0, 80)}`).toBe(400);
      expect(Object.keys(formReply(result.body).errors).sort(), step).toEqual([...fieldsInError].sort());
      if (kept) expect(formReply(result.body).values).toMatchObject(kept);
    }
    expect(await prisma.dataset.count({ where: { challengeId } })).toBe(0);
    expect((await prisma.challenge.findUniqueOrThrow({ where: { id: challengeId } })).wizardStep).toBe(0);
  });

  test("an oversized form is refused with 400", async () => {
    const { saveStep } = on(await newDraft());
    const result = await saveStep("problem", { title: "Big", problem: "x".repeat(70_000), whoIsAffected: "All" });
    expect(result.status).toBe(400);
  });

  test("the owner saves every step, each moving to the next", async () => {
    const { challengeId, saveStep, openStep } = on(await newDraft());
    const expectNext = (result: { status: number; headers: Headers }, next: string) => {
      expect(result.status).toBe(302);
      expect(result.headers.get("location")).toBe(`/challenges/${challengeId}/edit/${next}`);
    };
    expectNext(
      await saveStep("problem", {
        title: "Which streets flood after heavy rain?",
        problem: "Residents report the same drains blocking every winter.\n\nWe cannot see patterns across the city.",
        whoIsAffected: "Households in low-lying streets",
      }),
      "why",
    );
    expectNext(await saveStep("why", { whyItMatters: "Each flood costs around £40,000 in repairs." }), "outcome");
    expectNext(
      await saveStep("outcome", { outcomeWanted: "A risk map", successMeasures: "Fewer call-outs" }),
      "themes",
    );
    expectNext(
      await saveStep(
        "themes",
        themeIds.map((id) => ["themes", id] as [string, string]),
      ),
      "area",
    );
    expectNext(await saveStep("area", { area: "Leeds city centre" }), "skills");
    // Adding a skill stays on the page; so does removing one.
    expectNext(
      await saveStep("skills", { intent: "add-skill", skillId: skillIds[0]!, importance: "essential" }),
      "skills",
    );
    expectNext(
      await saveStep("skills", { intent: "add-skill", skillId: skillIds[1]!, importance: "helpful" }),
      "skills",
    );
    expectNext(await saveStep("skills", { intent: "remove-skill", skillId: skillIds[1]! }), "skills");
    expectNext(await saveStep("skills", { intent: "continue" }), "team");
    expectNext(
      await saveStep("team", {
        teamSizeMin: "3",
        teamSizeMax: "6",
        timeCommitment: "A few hours a week for 6 weeks",
        "deadline.day": "27",
        "deadline.month": "3",
        "deadline.year": nextYear,
      }),
      "data",
    );
    expectNext(
      await saveStep("data", {
        intent: "save-dataset",
        title: "Flood reports",
        description: "One row per report",
        link: "https://data.leeds.gov.uk/floods",
        format: "CSV",
        licence: "not_licensed",
        sensitivity: "official_sensitive",
        personalData: "yes",
        dpia: "no",
        accessRoute: "on_request_dsa",
        "retentionDate.day": "31",
        "retentionDate.month": "12",
        "retentionDate.year": nextYear,
      }),
      "data",
    );
    const dataPage = await openStep("data");
    const datasets = (dataPage.body as { challenge: { datasets: { id: string; title: string }[] } }).challenge.datasets;
    expect(datasets.map((d) => d.title)).toEqual(["Flood reports"]);
    // Editing a dataset keeps it in place.
    const editing = await openStep("data", "owner", challengeId, `?dataset=${datasets[0]!.id}`);
    expect((editing.body as { editingDataset: { title: string } }).editingDataset.title).toBe("Flood reports");
    expectNext(await saveStep("data", { intent: "continue" }), "contact");
    expectNext(await saveStep("contact", { contactName: "Sam Officer", contactEmail: "Sam@Leeds.gov.uk" }), "check");

    const saved = await prisma.challenge.findUniqueOrThrow({
      where: { id: challengeId },
      include: { themes: true, skills: true, datasets: true },
    });
    expect(saved).toMatchObject({
      title: "Which streets flood after heavy rain?",
      whyItMatters: "Each flood costs around £40,000 in repairs.",
      area: "Leeds city centre",
      teamSizeMin: 3,
      teamSizeMax: 6,
      contactEmail: "sam@leeds.gov.uk",
      wizardStep: 9,
      status: "draft",
    });
    expect(saved.deadline?.toISOString().slice(0, 10)).toBe(`${nextYear}-03-27`);
    expect(saved.themes.map((t) => t.themeId).sort()).toEqual([...themeIds].sort());
    expect(saved.skills).toEqual([expect.objectContaining({ skillId: skillIds[0], importance: "essential" })]);
    expect(saved.datasets[0]).toMatchObject({
      personalData: true,
      dpia: "no",
      accessRoute: "on_request_dsa",
      sensitivity: "official_sensitive",
    });
    // A draft is private: no public history of its edits.
    expect(await prisma.challengeEvent.count({ where: { challengeId, kind: "edit" } })).toBe(0);

    const check = await openStep("check");
    expect(check.body).toMatchObject({ missing: [], canSubmit: true });
  });

  test("the council's page lists the draft with a Continue link for its members only", async () => {
    const challengeId = await newDraft();
    const page = async (role: Role) =>
      unwrap(
        await organisationLoader({
          request: getRequest(`/organisations/${world.council.slug}`, cookie(role)),
          params: { slug: world.council.slug },
          context,
        }),
      ).body as { unfinishedChallenges: { id: string; status: string }[] | null };
    // Exactly the council's unfinished challenges (drafts, in or back from review), this one among them.
    const unfinished = await prisma.challenge.findMany({
      where: { organisationId: world.council.id, status: { in: ["draft", "submitted", "changes_requested"] } },
      select: { id: true },
    });
    const listed = (await page("member")).unfinishedChallenges!;
    expect(listed.map((c) => c.id).sort()).toEqual(unfinished.map((c) => c.id).sort());
    expect(listed).toContainEqual(expect.objectContaining({ id: challengeId, status: "draft" }));
    expect((await page("participant")).unfinishedChallenges).toBeNull();
    expect((await page("otherOwner")).unfinishedChallenges).toBeNull();
  });
});

describe("review", () => {
  test("only the council can send it, and only a hub serving the council can decide", async () => {
    const { challengeId, saveStep, openStep, transition, statusOf } = on(await readyDraft("Where do the gritters go first?"));
    for (const role of ["participant", "otherOwner", "organiser"] as const) {
      expect((await transition(role, "submit")).status, role).toBe(403);
    }
    expect(await statusOf()).toBe("draft");

    const sent = await saveStep("check", {});
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toBe(`/challenges/${challengeId}/review`);
    expect(await statusOf()).toBe("submitted");

    for (const role of ["participant", "otherOwner", "member", "owner", "welsh"] as const) {
      expect((await transition(role, "approve")).status, role).toBe(403);
    }
    // Waiting for review: the council cannot change it, and outsiders cannot see it.
    expect((await openStep("problem")).status).toBe(302);
    const reviewPage = (role: Role | "welsh") =>
      settle(
        reviewLoader({
          request: getRequest(`/challenges/${challengeId}/review`, cookie(role)),
          params: { id: challengeId },
          context,
        }),
      );
    expect(unwrap(await reviewPage("participant")).status).toBe(404);
    expect(unwrap(await reviewPage("welsh")).status).toBe(404);
    const organiserView = unwrap(await reviewPage("organiser"));
    expect(organiserView.status).toBe(200);
    expect((organiserView.body as { transitions: string[] }).transitions).toEqual(
      expect.arrayContaining(["approve", "request-changes"]),
    );
  });

  test("the hub dashboard lists challenges from councils the organiser's hubs serve", async () => {
    const challengeId = await sentForReview("Which bus shelters leak?");
    const dashboard = async (c: string | undefined) =>
      unwrap(await hubLoader({ request: getRequest("/hub", c), params: {}, context })).body as {
        challenges: { id: string }[];
      };
    // Every challenge waiting for review (all are Leeds's, which the organiser's hub serves),
    // oldest first, this one among them; the Welsh hub serves none of them.
    const waiting = (
      await prisma.challenge.findMany({ where: { status: "submitted" }, orderBy: { submittedAt: "asc" }, select: { id: true } })
    ).map((c) => c.id);
    expect(waiting).toContain(challengeId);
    expect((await dashboard(cookie("organiser"))).challenges.map((c) => c.id)).toEqual(waiting);
    expect((await dashboard(otherHubOrganiser)).challenges).toEqual([]);
    expect((await dashboard(cookie("admin"))).challenges.map((c) => c.id)).toEqual(waiting);
  });

  test("changes need a comment, which the officer then sees", async () => {
    const { openStep, transition, statusOf } = on(await sentForReview("Which footpaths flood?"));
    const empty = await transition("organiser", "request-changes", { comment: "  " });
    expect(empty.status).toBe(400);
    expect(formReply(empty.body).errors.comment).toBe("Say what needs to change");
    expect(await statusOf()).toBe("submitted");

    const asked = await transition("organiser", "request-changes", {
      comment: "Please say which wards are worst affected.",
    });
    expect(asked.status).toBe(302);
    expect(await statusOf()).toBe("changes_requested");
    for (const step of ["check", "problem"]) {
      const page = await openStep(step);
      expect((page.body as { reviewCommentHtml: string }).reviewCommentHtml).toBe(
        '<p class="govuk-body">Please say which wards are worst affected.</p>\n',
      );
    }
  });

  test("the officer fixes it and sends it again; the organiser approves and publishes it", async () => {
    const { challengeId, saveStep, transition, statusOf } = on(await sentForReview("Which streets flood after heavy rain?"));
    expect((await transition("organiser", "request-changes", { comment: "Please say which wards are worst affected." })).status).toBe(302);
    expect((await saveStep("area", { area: "Harehills and Gipton wards" })).headers.get("location")).toBe(
      `/challenges/${challengeId}/edit/check`,
    );
    expect((await saveStep("check", {})).status).toBe(302);
    expect(await statusOf()).toBe("submitted");
    const outboxBefore = await prisma.searchOutbox.count({
      where: { indexName: "challenges", documentId: challengeId },
    });

    const approved = await transition("organiser", "approve");
    expect(approved.status).toBe(302);
    expect(approved.headers.get("location")).toBe("/hub");
    const challenge = await prisma.challenge.findUniqueOrThrow({ where: { id: challengeId } });
    expect(challenge.status).toBe("open");
    expect(challenge.publishedAt).toBeInstanceOf(Date);
    expect(challenge.slug).toBe("which-streets-flood-after-heavy-rain");
    expect(challenge.reviewComment).toBeNull();
    expect(
      await prisma.searchOutbox.count({ where: { indexName: "challenges", documentId: challengeId } }),
    ).toBeGreaterThan(outboxBefore);

    const audits = await prisma.auditLog.findMany({ where: { subjectId: challengeId }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.action)).toEqual([
      "challenge.submit",
      "challenge.request_changes",
      "challenge.submit",
      "challenge.approve",
    ]);
    const events = await prisma.challengeEvent.findMany({
      where: { challengeId, kind: "status" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.toStatus)).toEqual(["draft", "submitted", "changes_requested", "submitted", "open"]);
    expect(events[2]!.comment).toBe("Please say which wards are worst affected.");

    // The officer who wrote it was told both times, with the comment and a link back.
    const mail = (await prisma.mail.findMany({ where: { template: "challenge-review" }, orderBy: { createdAt: "asc" } })).filter(
      (m) => m.subject.endsWith(": Which streets flood after heavy rain?"),
    );
    expect(mail.map((m) => m.to)).toEqual([world.users.owner.email, world.users.owner.email]);
    expect(mail[0]!.subject).toBe("Changes requested to your challenge: Which streets flood after heavy rain?");
    expect(mail[0]!.text).toContain("Please say which wards are worst affected.");
    expect(mail[0]!.text).toContain(`/challenges/${challengeId}/edit/check`);
    expect(mail[1]!.subject).toBe("Your challenge is published: Which streets flood after heavy rain?");
    expect(mail[1]!.text).toContain("/challenges/which-streets-flood-after-heavy-rain");
  });

  test("an approved challenge cannot be sent for review again", async () => {
    const { saveStep, transition } = on(await published("Where do benches help older walkers?"));
    const again = await transition("owner", "submit");
    expect(again.status).toBe(409);
    expect(formReply(again.body).errors.form).toMatch(/cannot be sent for review/);
    expect((await saveStep("check", {})).status).toBe(409);
  });

  test("editing the open challenge records an edit with old and new values", async () => {
    const { challengeId, saveStep } = on(await readyDraft("Which roads flood after heavy rain?", { personalDataset: "Flood reports" }));
    expect((await saveStep("check", {})).status).toBe(302);
    expect((await transitionOf(challengeId, "organiser", "approve")).status).toBe(302);
    const result = await saveStep("problem", {
      title: "Which roads flood after heavy rain in Leeds?",
      problem: "Residents report the same drains blocking every winter.\n\nWe cannot see patterns across the city.",
      whoIsAffected: "Households in low-lying streets",
    });
    expect(result.headers.get("location")).toBe(`/challenges/${challengeId}/edit/check`);
    const edit = await prisma.challengeEvent.findFirstOrThrow({ where: { challengeId, kind: "edit" } });
    expect(edit.changes).toEqual({
      title: { from: "Which roads flood after heavy rain?", to: "Which roads flood after heavy rain in Leeds?" },
    });
    // Data about people never reaches the public history.
    await saveStep("data", {
      intent: "save-dataset",
      title: "Resident complaints",
      licence: "not_licensed",
      sensitivity: "official",
      personalData: "yes",
      dpia: "yes",
      accessRoute: "secure_environment",
    });
    const dataEdit = await prisma.challengeEvent.findFirstOrThrow({
      where: { challengeId, kind: "edit" },
      orderBy: { id: "desc" },
    });
    expect(JSON.stringify(dataEdit.changes)).not.toContain("Resident complaints");
    expect(JSON.stringify(dataEdit.changes)).not.toContain("Flood reports");
  });

  test("withdrawing asks for confirmation, then works for the owner", async () => {
    const { challengeId, transition, statusOf } = on(await published("Which libraries are busiest?"));
    expect((await transition("participant", "withdraw", { confirm: "yes" })).status).toBe(403);
    const unconfirmed = await transition("owner", "withdraw");
    expect(unconfirmed.status).toBe(302);
    expect(unconfirmed.headers.get("location")).toBe(`/challenges/${challengeId}/review?confirm=withdraw`);
    expect(await statusOf()).toBe("open");
    const withdrawn = await transition("owner", "withdraw", { confirm: "yes" });
    expect(withdrawn.status).toBe(302);
    expect(await statusOf()).toBe("withdrawn");
  });

  test("a council that is not verified cannot send a challenge for review, and is told why", async () => {
    const draft = await createDraft(world.actors.otherOwner, world.otherCouncil.id);
    const { saveStep, statusOf } = on(draft.id);
    const result = await saveStep("check", {}, "otherOwner", draft.id);
    expect(result.status).toBe(409);
    expect(formReply(result.body).errors.form).toBe(
      `${world.otherCouncil.name} must be verified by a hub organiser before its challenges can be published.`,
    );
    expect(await statusOf(draft.id)).toBe("draft");
  });

  test("unknown transitions and challenges are refused", async () => {
    const { transition } = on(await sentForReview("Which parks need more bins?"));
    const unknown = await transition("owner", "explode");
    expect(unknown.status).toBe(400);
    expect(formReply(unknown.body).errors.intent).toBe("Nettle did not understand that request.");
    expect((await transition("organiser", "approve", {}, "no-such-challenge")).status).toBe(404);
    const bad = formRequest(`/challenges/x/review`, { intent: "approve" }, cookie("organiser"));
    expect(unwrap(await settle(reviewAction({ request: bad, params: { id: "x" }, context }))).status).toBe(404);
  });
});

describe("drafts: one per click, and deletable", () => {
  const start = (role: Role) =>
    settle(newAction({ request: post("/challenges/new", { organisation: world.council.slug }, role), params: {}, context }));
  const drafts = (userId: string) =>
    prisma.challenge.count({ where: { createdById: userId, organisationId: world.council.id, status: "draft", title: "" } });

  test("'Start' sent twice at once (a double click) makes one draft, and both land on it", async () => {
    const member = world.users.member.id;
    const before = await drafts(member);
    const answers = await Promise.all([start("member"), start("member")]);
    const locations = answers.map((answer) => unwrap(answer).headers.get("location"));
    expect(locations[0]).toMatch(/^\/challenges\/[^/]+\/edit\/problem$/);
    expect(locations[1]).toBe(locations[0]);
    expect(await drafts(member)).toBe(before + 1);
    // Pressing Start again later leads back to the same blank draft, not another.
    expect(unwrap(await start("member")).headers.get("location")).toBe(locations[0]);
  });

  test("the council deletes a draft after a confirmation page; it is audited by title", async () => {
    const started = unwrap(await start("member")).headers.get("location")!;
    const id = started.split("/")[2]!;
    expect((await saveStepOf(id, "problem", { title: "Grit bins nobody refills", problem: "Empty bins.", whoIsAffected: "Walkers" }, "member")).status).toBe(302);

    const page = unwrap(await settle(deleteLoader({ request: getRequest(`/challenges/${id}/delete`, cookie("member")), params: { id }, context })));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ title: "Grit bins nobody refills" });
    expect(await prisma.challenge.count({ where: { id } })).toBe(1); // GET deletes nothing

    // Nobody outside the council can delete it (it is not even visible to them).
    expect(unwrap(await settle(deleteAction({ request: post(`/challenges/${id}/delete`, {}, "organiser"), params: { id }, context }))).status).toBe(404);
    expect(unwrap(await settle(deleteAction({ request: post(`/challenges/${id}/delete`, {}, "otherOwner"), params: { id }, context }))).status).toBe(404);

    const deleted = unwrap(await settle(deleteAction({ request: post(`/challenges/${id}/delete`, {}, "member"), params: { id }, context })));
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("location")).toBe(`/organisations/${world.council.slug}`);
    expect(await prisma.challenge.count({ where: { id } })).toBe(0);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "challenge.delete_draft", subjectId: id } });
    expect(entry.actorId).toBe(world.users.member.id);
    expect(entry.details).toMatchObject({ title: "Grit bins nobody refills" });
  });

  test("a challenge sent for review cannot be deleted, only withdrawn", async () => {
    const { challengeId, statusOf } = on(await sentForReview("Which allotments have waiting lists?"));
    expect(await statusOf()).not.toBe("draft");
    const refused = unwrap(
      await settle(deleteAction({ request: post(`/challenges/${challengeId}/delete`, {}, "owner"), params: { id: challengeId }, context })),
    );
    expect(refused.status).toBe(409);
    expect(await prisma.challenge.count({ where: { id: challengeId } })).toBe(1);
  });
});

import { beforeAll, describe, expect, test } from "vitest";
import { getWizardPage } from "~/models/challenges/draft-view.server";
import * as draft from "~/models/challenges/draft.server";
import { createDraft } from "~/models/challenges/lifecycle.server";
import type { Actor } from "~/models/platform/actor";
import { DomainError } from "~/models/platform/errors";
import { action as editAction, loader as editLoader } from "~/routes/challenges_.$id.edit.$step/route";
import { prisma } from "~/services/db.server";
import { makeChallenge } from "../support/challenge-search-fixtures";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";
import { buildWorld, type Role } from "../support/world";

// The wizard's model functions decide for themselves who may change a challenge, whoever calls
// them; each page of the wizard carries only what that step shows; and "Save and continue"
// saves what was started on the page (a skill chosen, a dataset half described).

let world: Awaited<ReturnType<typeof buildWorld>>;
let draftId: string;
let openId: string;
let skillId: string;
let themeId: string;

const actor = async (role: Exclude<Role, "anonymous">) =>
  ({ ...(await prisma.user.findUniqueOrThrow({ where: { id: world.users[role].id } })), sessionId: "" }) as Actor;

beforeAll(async () => {
  world = await buildWorld();
  draftId = (await createDraft(await actor("owner"), world.council.id)).id;
  openId = (await makeChallenge({ organisationId: world.council.id, title: "Which bins overflow first?", themes: ["Transport"] })).id;
  skillId = (await prisma.skill.findFirstOrThrow({ orderBy: { name: "asc" } })).id;
  themeId = (await prisma.theme.findFirstOrThrow({ orderBy: { position: "asc" } })).id;
});

/** What the route would have checked: a valid answer for every step. */
const everyStep = (): [string, (actor: Actor, id: string) => Promise<unknown>][] => [
  ["problem", (a, id) => draft.saveProblem(a, id, { title: "Hijacked", problem: "Hijacked", whoIsAffected: "Hijacked" })],
  ["why", (a, id) => draft.saveWhy(a, id, { whyItMatters: "Hijacked" })],
  ["outcome", (a, id) => draft.saveOutcome(a, id, { outcomeWanted: "Hijacked", successMeasures: "Hijacked" })],
  ["themes", (a, id) => draft.saveThemes(a, id, { themes: [themeId] })],
  ["area", (a, id) => draft.saveArea(a, id, { area: "Hijacked" })],
  ["skills", (a, id) => draft.saveSkills(a, id, { intent: "add-skill", skillId, importance: "essential" })],
  ["team", (a, id) => draft.saveTeam(a, id, { teamSizeMin: 1, teamSizeMax: 2, timeCommitment: "Hijacked", deadline: null })],
  [
    "data",
    (a, id) =>
      draft.saveData(a, id, {
        intent: "save-dataset",
        title: "Hijacked",
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
  ],
  ["contact", (a, id) => draft.saveContact(a, id, { contactName: "Hijacked", contactEmail: "hijacked@example.org" })],
];

async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(DomainError.is(error), String(error)).toBe(true);
  return (error as DomainError).kind;
}

/** Everything a challenge holds that the wizard writes, to see that nothing changed. */
const snapshot = (id: string) =>
  prisma.challenge.findUniqueOrThrow({
    where: { id },
    include: { themes: true, skills: true, datasets: true, datasetChanges: true, events: true },
  });

describe("the wizard's save functions refuse whoever may not change the challenge, called directly", () => {
  test("a volunteer and a member of another council: a draft is not found, a public challenge forbidden; nothing is saved", async () => {
    for (const role of ["participant", "otherOwner"] as const) {
      const who = await actor(role);
      for (const [id, expected] of [
        [draftId, "not_found"],
        [openId, "forbidden"],
      ] as const) {
        const before = await snapshot(id);
        for (const [step, save] of everyStep()) {
          expect(await refusal(save(who, id)), `${role} ${step} ${expected}`).toBe(expected);
        }
        expect(await snapshot(id), role).toEqual(before);
      }
    }
    expect(await prisma.auditLog.count({ where: { subjectId: { in: [draftId, openId] } } })).toBe(0);
  });

  test("a hub organiser may review the public challenge but not change it", async () => {
    const organiser = await actor("organiser");
    const before = await snapshot(openId);
    for (const [step, save] of everyStep()) expect(await refusal(save(organiser, openId)), step).toBe("forbidden");
    expect(await snapshot(openId)).toEqual(before);
  });

  test("the read function refuses them too", async () => {
    expect(await refusal(getWizardPage(await actor("participant"), draftId, "contact"))).toBe("not_found");
    expect(await refusal(getWizardPage(await actor("otherOwner"), openId, "contact"))).toBe("forbidden");
    expect(await refusal(getWizardPage(await actor("organiser"), openId, "data"))).toBe("forbidden");
  });
});

describe("each page of the wizard carries what it shows", () => {
  test("a step's page has its own fields, not the rest of the challenge", async () => {
    const open = async (step: string) =>
      JSON.stringify(
        unwrap(
          await settle(
            editLoader({
              request: getRequest(`/challenges/${openId}/edit/${step}`, world.cookies.owner),
              params: { id: openId, step },
              context,
            }),
          ),
        ).body,
      );
    const why = await open("why");
    expect(why).toContain("It matters.");
    for (const elsewhere of ["The problem behind", "sam.officer@example.gov.uk", "A working prototype."]) {
      expect(why, elsewhere).not.toContain(elsewhere);
    }
    expect(await open("contact")).toContain("sam.officer@example.gov.uk");
    expect(await open("check")).toContain("sam.officer@example.gov.uk");
  });
});

describe("Save and continue", () => {
  const post = async (step: string, fields: Record<string, string>) =>
    unwrap(
      await settle(
        editAction({
          request: formRequest(`/challenges/${draftId}/edit/${step}`, fields, world.cookies.owner),
          params: { id: draftId, step },
          context,
        }),
      ),
    );

  test("with a skill still chosen in the list adds it, and checks it first", async () => {
    const unsure = await post("skills", { intent: "continue", skillId });
    expect(unsure.status).toBe(400);
    expect(formReply(unsure.body).errors).toEqual({ importance: "Choose whether the skill is essential or helpful" });
    const saved = await post("skills", { intent: "continue", skillId, importance: "helpful" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`/challenges/${draftId}/edit/team`);
    expect(await prisma.challengeSkill.findMany({ where: { challengeId: draftId } })).toEqual([
      expect.objectContaining({ skillId, importance: "helpful" }),
    ]);
  });

  test("with a dataset half described checks it and keeps what was typed; described, saves it", async () => {
    const started = { intent: "continue", title: "Bin sensor readings", licence: "ogl" };
    const half = await post("data", started);
    expect(half.status).toBe(400);
    expect(Object.keys(formReply(half.body).errors).sort()).toEqual(["accessRoute", "dpia", "personalData", "sensitivity"]);
    expect(formReply(half.body).values).toMatchObject({ title: "Bin sensor readings", licence: "ogl" });
    expect(await prisma.dataset.count({ where: { challengeId: draftId } })).toBe(0);

    const whole = { ...started, sensitivity: "open", personalData: "no", dpia: "not_needed", accessRoute: "open_download" };
    const saved = await post("data", whole);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`/challenges/${draftId}/edit/contact`);
    expect(await prisma.dataset.findMany({ where: { challengeId: draftId } })).toEqual([
      expect.objectContaining({ title: "Bin sensor readings", licence: "ogl", personalData: false }),
    ]);
    // With nothing started, it just moves on.
    expect((await post("data", { intent: "continue", title: "" })).headers.get("location")).toBe(
      `/challenges/${draftId}/edit/contact`,
    );
  });
});

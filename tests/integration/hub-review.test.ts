import { beforeAll, describe, expect, test } from "vitest";
import { createDraft, transitionChallenge } from "~/models/challenges/lifecycle.server";
import { drainSearchOutbox } from "~/models/platform/search-outbox.server";
import type { Actor } from "~/models/platform/actor";
import { prisma } from "~/services/db.server";
import { getSearch } from "~/services/search.server";
import * as challengeApi from "~/routes/api.v1.challenges_.$slug";
import { loader as pageLoader } from "~/routes/challenges.$slug";
import { action as editAction, loader as editLoader } from "~/routes/challenges_.$id.edit.$step/route";
import { action as reviewAction, loader as reviewLoader } from "~/routes/challenges_.$id.review";
import { loader as hubChallengesLoader } from "~/routes/hub.$slug.challenges";
import { loader as hubLoader } from "~/routes/hub._index";
import { action as organisationAction } from "~/routes/organisations.$slug";
import { makeChallenge } from "../support/challenge-search-fixtures";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";
import { buildWorld, cookieFor, makeUser, type Role } from "../support/world";
import { applySearchSettings } from "~/models/platform/search-reindex.server";

// What hub organisers are told and what they decide after a challenge is published: changes to
// its data card wait for them while the public keeps the approved card; other edits go live and
// they are emailed; new claims and challenges sent for review reach their inbox; and every
// challenge of the councils their hub serves stays findable by status. Plus: one markdown
// renderer for the check, review and public pages.

let world: Awaited<ReturnType<typeof buildWorld>>;
let welsh: string;
let id: string;
let slug: string;
let openDatasetId: string;

const user = async (id: string) =>
  ({ ...(await prisma.user.findUniqueOrThrow({ where: { id } })), sessionId: "" }) as Actor;

beforeAll(async () => {
  world = await buildWorld();
  await applySearchSettings();
  const walesHub = await prisma.organisation.create({
    data: { slug: "wales-hub", name: "Wales Hub", kind: "hub", servesRegions: ["Wales"], verifiedAt: new Date() },
  });
  const organiser = await makeUser("organiser@wales-hub.example");
  await prisma.membership.create({ data: { userId: organiser.id, organisationId: walesHub.id, role: "owner" } });
  welsh = await cookieFor(organiser.id);
  const challenge = await makeChallenge({
    organisationId: world.council.id,
    title: "Which street lights fail most often?",
    themes: ["Transport"],
    datasets: [
      {
        title: "Fault reports",
        licence: "ogl",
        sensitivity: "open",
        personalData: false,
        dpia: "not_needed",
        accessRoute: "open_download",
        link: "https://example.org/faults.csv",
      },
    ],
  });
  id = challenge.id;
  slug = challenge.slug;
  await prisma.challenge.update({ where: { id }, data: { createdById: world.users.owner.id } });
  openDatasetId = (await prisma.dataset.findFirstOrThrow({ where: { challengeId: id } })).id;
  await drainSearchOutbox();
});

const cookie = (role: Role | "welsh") => (role === "welsh" ? welsh : world.cookies[role]);

async function saveData(fields: Record<string, string>, role: Role = "owner") {
  const request = formRequest(`/challenges/${id}/edit/data`, fields, cookie(role));
  return unwrap(await settle(editAction({ request, params: { id, step: "data" }, context })));
}

async function review(role: Role | "welsh", fields: Record<string, string>) {
  const request = formRequest(`/challenges/${id}/review`, fields, cookie(role));
  return unwrap(await settle(reviewAction({ request, params: { id }, context })));
}

async function publicPage(role: Role = "anonymous") {
  const result = await settle(
    pageLoader({ request: getRequest(`/challenges/${slug}`, cookie(role)), params: { slug }, context }),
  );
  if (result instanceof Response) throw new Error(`unexpected ${result.status}`);
  return result;
}

type ReviewData = {
  dataCardChanges: {
    id: string;
    isNew: boolean;
    state: string;
    commentHtml: string | null;
    after: { title: string };
  }[];
  decideDataCard: boolean;
};
async function reviewPage(role: Role) {
  const request = getRequest(`/challenges/${id}/review`, cookie(role));
  return unwrap(await settle(reviewLoader({ request, params: { id }, context }))).body as ReviewData;
}

async function apiDatasets() {
  const response = await challengeApi.loader({
    request: getRequest(`/api/v1/challenges/${slug}`),
    params: { slug },
    context,
  });
  return (
    (await response.json()) as { data: { datasets: { title: string; sensitivity: string; link: string | null }[] } }
  ).data.datasets;
}

const mailTo = (template: string) =>
  prisma.mail.findMany({
    where: { template },
    orderBy: { createdAt: "asc" },
    select: { to: true, subject: true, text: true },
  });

const faultReports = {
  intent: "save-dataset",
  title: "Fault reports",
  licence: "ogl",
  personalData: "no",
  dpia: "not_needed",
};

describe("changing the data card of a published challenge", () => {
  test("a change to a dataset waits for hub review; the public keeps the approved card", async () => {
    const result = await saveData({
      ...faultReports,
      datasetId: openDatasetId,
      sensitivity: "official",
      accessRoute: "on_request_dsa",
      link: "https://intranet.example.gov.uk/faults",
    });
    expect(result.status).toBe(302);
    expect(await prisma.dataset.findUniqueOrThrow({ where: { id: openDatasetId } })).toMatchObject({
      sensitivity: "open",
      accessRoute: "open_download",
      link: "https://example.org/faults.csv",
    });
    for (const role of ["anonymous", "participant", "member"] as const) {
      expect((await publicPage(role)).datasets, role).toEqual([
        expect.objectContaining({
          title: "Fault reports",
          sensitivity: "open",
          link: "https://example.org/faults.csv",
        }),
      ]);
    }
    expect(await apiDatasets()).toEqual([
      expect.objectContaining({ sensitivity: "open", link: "https://example.org/faults.csv" }),
    ]);
    await drainSearchOutbox();
    expect((await getSearch().index("challenges").getDocument(id)).sensitivity).toBe("open");
    expect(JSON.stringify(await publicPage("participant"))).not.toContain("intranet.example.gov.uk");
  });

  test("the officer sees clearly that the change waits for review", async () => {
    const page = unwrap(
      await settle(
        editLoader({
          request: getRequest(`/challenges/${id}/edit/data`, cookie("owner")),
          params: { id, step: "data" },
          context,
        }),
      ),
    ).body as {
      dataCardReviewed: boolean;
      challenge: { datasets: { id: string; sensitivity: string; review: unknown }[] };
    };
    expect(page.dataCardReviewed).toBe(true);
    expect(page.challenge.datasets).toEqual([
      expect.objectContaining({
        id: openDatasetId,
        sensitivity: "official",
        review: { state: "pending", commentHtml: null, isNew: false },
      }),
    ]);
    expect((await publicPage("owner")).dataCardChangesWaiting).toBe(1);
    expect((await publicPage("participant")).dataCardChangesWaiting).toBe(0);
  });

  test("a new dataset with personal data waits too, and is not public meanwhile", async () => {
    const result = await saveData({
      intent: "save-dataset",
      title: "Residents who reported faults",
      licence: "not_licensed",
      sensitivity: "official_sensitive",
      personalData: "yes",
      dpia: "yes",
      accessRoute: "secure_environment",
    });
    expect(result.status).toBe(302);
    expect(await prisma.dataset.count({ where: { challengeId: id } })).toBe(1);
    const anonymous = await publicPage();
    expect(anonymous.hiddenPersonalDatasets).toBe(0);
    expect(JSON.stringify(anonymous)).not.toContain("Residents who reported faults");
  });

  test("the hub organisers are emailed and the dashboard lists it; other hubs hear nothing", async () => {
    const mail = await mailTo("data-card-change");
    expect(mail.map((m) => m.to)).toEqual([world.users.organiser.email, world.users.organiser.email]);
    expect(mail[0]!.subject).toBe(
      `Data card change to review from ${world.council.name}: Which street lights fail most often?`,
    );
    expect(mail[0]!.text).toContain(`/challenges/${id}/review`);
    const dashboard = async (c: string | undefined) =>
      (
        unwrap(await hubLoader({ request: getRequest("/hub", c), params: {}, context })).body as {
          dataCardChanges: { id: string; changes: number }[];
        }
      ).dataCardChanges;
    expect(await dashboard(cookie("organiser"))).toEqual([expect.objectContaining({ id, changes: 2 })]);
    expect(await dashboard(welsh)).toEqual([]);
  });

  test("only a hub organiser decides; sending back needs a comment, which the officer then sees", async () => {
    const organiser = await reviewPage("organiser");
    expect(organiser.decideDataCard).toBe(true);
    expect(organiser.dataCardChanges.map((c) => [c.isNew, c.after.title])).toEqual([
      [false, "Fault reports"],
      [true, "Residents who reported faults"],
    ]);
    expect((await reviewPage("member")).decideDataCard).toBe(false);
    const [change, added] = organiser.dataCardChanges;

    expect((await review("owner", { intent: "approve-data-change", changeId: change!.id })).status).toBe(403);
    expect((await review("welsh", { intent: "approve-data-change", changeId: change!.id })).status).toBe(404);
    const empty = await review("organiser", { intent: "send-back-data-change", changeId: added!.id, dataComment: " " });
    expect(empty.status).toBe(400);
    expect(formReply(empty.body).errors).toEqual({
      dataComment: "Say what needs to change",
    });

    const sent = await review("organiser", {
      intent: "send-back-data-change",
      changeId: added!.id,
      dataComment: "Please say **how** the data will be kept safe.",
    });
    expect(sent.status).toBe(302);
    const officer = unwrap(
      await settle(
        editLoader({
          request: getRequest(`/challenges/${id}/edit/data`, cookie("owner")),
          params: { id, step: "data" },
          context,
        }),
      ),
    ).body as {
      challenge: { datasets: { title: string; review: { state: string; commentHtml: string | null } | null }[] };
    };
    expect(officer.challenge.datasets[1]).toMatchObject({
      title: "Residents who reported faults",
      review: { state: "sent_back", commentHtml: expect.stringContaining("<strong>how</strong>") },
    });
    const told = await mailTo("data-card-decision");
    expect(told.map((m) => m.to)).toEqual([world.users.owner.email]);
    expect(told[0]!.text).toContain("Please say **how** the data will be kept safe.");
    expect(told[0]!.text).toContain(`/challenges/${id}/edit/data`);
    // The comment is for the council and its hubs, not the public.
    expect(JSON.stringify(await publicPage())).not.toContain("kept safe");
    expect(JSON.stringify(await publicPage("member"))).toContain("kept safe");
  });

  test("approved, the change goes public: page, API, search; history and audit record it", async () => {
    const [change] = (await reviewPage("organiser")).dataCardChanges;
    const approved = await review("organiser", { intent: "approve-data-change", changeId: change!.id });
    expect(approved.status).toBe(302);
    expect((await publicPage()).datasets).toEqual([
      expect.objectContaining({ title: "Fault reports", sensitivity: "official", accessRoute: "on_request_dsa" }),
    ]);
    // The link to data that is not an open download stays out of the open data.
    expect(await apiDatasets()).toEqual([expect.objectContaining({ sensitivity: "official", link: null })]);
    await drainSearchOutbox();
    expect((await getSearch().index("challenges").getDocument(id)).sensitivity).toBe("official");
    const timeline = (await publicPage()).timeline;
    expect(timeline.at(-1)).toMatchObject({ kind: "edit", changes: [{ field: "datasets", label: "Datasets" }] });
    const actions = await prisma.auditLog.findMany({ where: { subjectId: id }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual([
      "challenge.send_data_card_change",
      "challenge.send_data_card_change",
      "challenge.send_back_data_card_change",
      "challenge.approve_data_card_change",
    ]);
    expect(await prisma.datasetChange.count({ where: { challengeId: id } })).toBe(1);
    expect((await mailTo("data-card-decision")).at(-1)!.subject).toBe(
      "Your change to the data card is published: Which street lights fail most often?",
    );
  });

  test("removing a dataset shares less, so it goes live at once and the hubs are told", async () => {
    expect((await saveData({ intent: "remove-dataset", datasetId: openDatasetId })).status).toBe(302);
    expect((await publicPage()).datasets).toEqual([]);
    const mail = await mailTo("challenge-changed");
    expect(mail.at(-1)).toMatchObject({ to: world.users.organiser.email });
    expect(mail.at(-1)!.text).toContain("Datasets");
  });
});

describe("other edits to a published challenge", () => {
  test("go live at once; the hub organisers get the fields that changed, not the values; the dashboard lists it", async () => {
    const before = (await mailTo("challenge-changed")).length;
    const request = formRequest(`/challenges/${id}/edit/area`, { area: "Harehills ward" }, cookie("member"));
    expect(unwrap(await settle(editAction({ request, params: { id, step: "area" }, context }))).status).toBe(302);
    expect((await publicPage()).area).toBe("Harehills ward");
    const mail = await mailTo("challenge-changed");
    expect(mail).toHaveLength(before + 1);
    expect(mail.at(-1)!.text).toContain(`${world.council.name} changed this part of its published challenge`);
    expect(mail.at(-1)!.text).toContain(": Area.");
    expect(mail.at(-1)!.text).not.toContain("Harehills");
    const dashboard = unwrap(await hubLoader({ request: getRequest("/hub", cookie("organiser")), params: {}, context }))
      .body as { recentEdits: { challengeId: string; fields: string[] }[] };
    expect(dashboard.recentEdits[0]).toMatchObject({ challengeId: id, fields: ["Area"] });
  });
});

describe("hub organisers hear of new claims and challenges sent for review", () => {
  test("a council claimed in the hub's region: its organisers are emailed, not the claimant or other hubs", async () => {
    const claimant = await makeUser("officer@york.example", { displayName: "Olu Officer" });
    const york = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "YOR" } });
    const result = await settle(
      organisationAction({
        request: formRequest(`/organisations/${york.slug}`, { intent: "claim" }, await cookieFor(claimant.id)),
        params: { slug: york.slug },
        context,
      }),
    );
    expect((result as Response).status).toBe(302);
    const mail = await mailTo("council-claimed");
    expect(mail.map((m) => m.to)).toEqual([world.users.organiser.email]);
    expect(mail[0]!.subject).toBe("York has been claimed on Nettle");
    expect(mail[0]!.text).toContain("Olu Officer says they work for York");
    expect(mail[0]!.text).toContain("/hub");
  });

  test("a challenge sent for review: the organisers are emailed with a link to review it", async () => {
    const owner = await user(world.users.owner.id);
    const draft = await createDraft(owner, world.council.id);
    await prisma.challenge.update({
      where: { id: draft.id },
      data: {
        title: "How full are our recycling banks?",
        problem: "Banks overflow.",
        whyItMatters: "Litter.",
        outcomeWanted: "A schedule.",
        successMeasures: "Fewer complaints.",
        contactName: "Sam",
        contactEmail: "sam@leeds.example",
        themes: { create: { theme: { connect: { slug: "environment-and-climate" } } } },
        skills: {
          create: {
            skill: { connect: { slug: (await prisma.skill.findFirstOrThrow()).slug } },
            importance: "essential",
          },
        },
      },
    });
    await transitionChallenge(owner, draft.id, "submit");
    const mail = await mailTo("challenge-submitted");
    expect(mail.map((m) => m.to)).toEqual([world.users.organiser.email]);
    expect(mail[0]!.subject).toBe(`Challenge to review from ${world.council.name}: How full are our recycling banks?`);
    expect(mail[0]!.text).toContain(`/challenges/${draft.id}/review`);
  });
});

describe("the hub's list of challenges", () => {
  type List = {
    total: number;
    page: number;
    totalPages: number;
    counts: { status: string; count: number }[];
    items: { id: string; status: string; dataCardChanges: number }[];
  };
  const list = async (role: Role | "welsh", search = "") =>
    unwrap(
      await settle(
        hubChallengesLoader({
          request: getRequest(`/hub/${world.hub.slug}/challenges${search}`, cookie(role)),
          params: { slug: world.hub.slug },
          context,
        }),
      ),
    );

  test("lists every challenge the hub's councils sent, decided or not, but no drafts", async () => {
    await createDraft(await user(world.users.owner.id), world.council.id);
    const all = (await list("organiser")).body as List;
    expect(all.items.map((c) => c.status).sort()).toEqual(["open", "submitted"]);
    expect(all.items.find((c) => c.id === id)?.dataCardChanges).toBe(0);
    expect(all.counts).toContainEqual({ status: "open", count: 1 });
    const open = (await list("organiser", "?status=open")).body as List;
    expect(open.items.map((c) => c.id)).toEqual([id]);
    // A status that is not one shows everything rather than failing.
    expect(((await list("organiser", "?status=draft")).body as List).total).toBe(2);
  });

  test("pages through many, 20 at a time", async () => {
    for (let i = 0; i < 21; i++) {
      await makeChallenge({ organisationId: world.council.id, title: `Filler ${i}`, status: "closed", index: false });
    }
    const first = (await list("admin", "?status=closed")).body as List;
    expect([first.total, first.totalPages, first.items.length]).toEqual([21, 2, 20]);
    const second = (await list("admin", "?status=closed&page=2")).body as List;
    expect(second.items).toHaveLength(1);
    expect(((await list("admin", "?status=closed&page=99")).body as List).page).toBe(2);
  });

  test("is for the hub's organisers and admins only", async () => {
    for (const role of ["participant", "owner", "welsh"] as const) expect((await list(role)).status, role).toBe(403);
    expect((await list("anonymous")).status).toBe(302);
  });
});

describe("one markdown renderer", () => {
  test("the check page, the review page and the public page render the same HTML for the same text", async () => {
    const text = "Some text\n* one\n* two";
    const draft = await makeChallenge({
      organisationId: world.council.id,
      title: "Markdown everywhere",
      status: "draft",
      problem: text,
      index: false,
    });
    const check = unwrap(
      await settle(
        editLoader({
          request: getRequest(`/challenges/${draft.id}/edit/check`, cookie("owner")),
          params: { id: draft.id, step: "check" },
          context,
        }),
      ),
    ).body as { challengeHtml: { problem: string } };
    const reviewed = unwrap(
      await settle(
        reviewLoader({
          request: getRequest(`/challenges/${draft.id}/review`, cookie("owner")),
          params: { id: draft.id },
          context,
        }),
      ),
    ).body as { html: { problem: string } };
    const shown = await settle(
      pageLoader({
        request: getRequest(`/challenges/${draft.slug}`, cookie("owner")),
        params: { slug: draft.slug },
        context,
      }),
    );
    if (shown instanceof Response) throw new Error(`unexpected ${shown.status}`);
    expect(shown.html.problem).toContain('<ul class="govuk-list govuk-list--bullet">\n<li>one</li>');
    expect(shown.html.problem).not.toContain("*");
    expect(check.challengeHtml.problem).toBe(shown.html.problem);
    expect(reviewed.html.problem).toBe(shown.html.problem);
  });
});

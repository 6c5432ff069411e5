import { beforeAll, describe, expect, test } from "vitest";
import { DEMO_PAST_EVENT_SLUG } from "~/models/events/demo-slugs";
import { addCriterion, editCriterion, removeCriterion, setJudgingMode } from "~/models/judging/criteria.server";
import { seedDemoJudging } from "~/models/judging/demo.server";
import { scoresCsv } from "~/models/judging/exports.server";
import { inviteJudge, resendJudgeLink, revokeJudge } from "~/models/judging/judges.server";
import { comparePair } from "~/models/judging/pairwise.server";
import { judgingOverview, publishedResults, publishResults } from "~/models/judging/results.server";
import { declareConflicts, judgePage, scoreTeam } from "~/models/judging/scoring.server";
import { addAward, announceAwards, announcedAwards } from "~/models/judging/awards.server";
import {
  castVote,
  closeVoting,
  openVoting,
  undoVote,
  votePage,
  votingOverview,
  UNDO_SECONDS,
} from "~/models/judging/voting.server";
import { DomainError } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";
import { createEvent, createPerson } from "../factories";
import { action as judgingAction } from "~/routes/events.$slug_.judging";
import { context, formReply, formRequest, settle, unwrap } from "../support/http";
import { makeAttendee, makeTeam } from "../support/event-teams";

const refusal = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (DomainError.is(error)) return { kind: error.kind, message: error.message, field: error.field };
    throw error;
  }
  throw new Error("expected a refusal");
};

/** An event whose criteria are exactly `criteria` (the factory's are replaced), with teams. */
async function eventWith(criteria: { name: string; weight: number; maxScore: number }[], teamNames: string[]) {
  const made = await createEvent();
  await prisma.criterion.deleteMany({ where: { eventId: made.event.id } });
  const ids: string[] = [];
  for (const [position, c] of criteria.entries())
    ids.push((await prisma.criterion.create({ data: { eventId: made.event.id, ...c, position } })).id);
  const teams = [];
  for (const name of teamNames) teams.push(await makeTeam(made.event.id, made.challenges[0]!.id, name));
  return { ...made, criterionIds: ids, teams };
}

async function judgeOf(
  event: { slug: string },
  organiser: Awaited<ReturnType<typeof createEvent>>["organiser"],
  name: string,
) {
  return inviteJudge(organiser.actor, event.slug, {
    name,
    email: `${name.toLowerCase().replace(/\W+/g, ".")}.${Math.random().toString(36).slice(2, 7)}@example.org`,
  });
}

describe("normalised weighted results", () => {
  test("a worked example: a harsh judge who could not score one team does not sink the others", async () => {
    // Criteria: Quality (weight 3), Data (weight 1), both scored 1–5. Teams X, Y, Z.
    // Judge A and judge B score every team; judge H marks harshly and declared a conflict with X.
    const { event, organiser, criterionIds, teams } = await eventWith(
      [
        { name: "Quality", weight: 3, maxScore: 5 },
        { name: "Data", weight: 1, maxScore: 5 },
      ],
      ["X", "Y", "Z"],
    );
    const [q, d] = criterionIds as [string, string];
    const [x, y, z] = [teams[0]!, teams[1]!, teams[2]!];
    const a = await judgeOf(event, organiser, "Judge A");
    const b = await judgeOf(event, organiser, "Judge B");
    const h = await judgeOf(event, organiser, "Judge H");
    await declareConflicts(a.token, { conflicts: [], none: "yes" });
    await declareConflicts(b.token, { conflicts: [], none: "yes" });
    await declareConflicts(h.token, { conflicts: [x.id], reason: "My student is in team X" });
    const score = (token: string, team: { id: string }, quality: number, data: number) =>
      scoreTeam(token, { teamId: team.id, scores: { [q]: quality, [d]: data } });

    // Judge A: Quality X4 Y5 Z3 (mean 4, sample sd 1 → z X 0, Y 1, Z −1); Data the same.
    //   Weighted (3·zQ + 1·zD)/4: X 0, Y 1, Z −1.
    await score(a.token, x, 4, 4);
    await score(a.token, y, 5, 5);
    await score(a.token, z, 3, 3);
    // Judge B: Quality X5 Y4 Z3 (z 1, 0, −1); Data X3 Y4 Z5 (z −1, 0, 1).
    //   Weighted: X (3−1)/4 = 0.5, Y 0, Z (−3+1)/4 = −0.5.
    await score(b.token, x, 5, 3);
    await score(b.token, y, 4, 4);
    await score(b.token, z, 3, 5);
    // Judge H (harsh): Quality Y2 Z1 (mean 1.5, sample sd 0.7071 → z Y 0.7071, Z −0.7071);
    //   Data Y1 Z1: no spread, so the raw score scaled to −1…1: (1 − 3)/2 = −1 for both.
    //   Weighted: Y (3·0.70711 − 1)/4 = 0.28033, Z (−3·0.70711 − 1)/4 = −0.78033.
    await score(h.token, y, 2, 1);
    await score(h.token, z, 1, 1);

    // Totals, mean over the judges who scored each team:
    //   X (0 + 0.5)/2 = 0.25;  Y (1 + 0 + 0.28033)/3 = 0.42678;  Z (−1 − 0.5 − 0.78033)/3 = −0.76011.
    // Raw weighted mean as % of the maximum (what the harsh judge drags down):
    //   X: A (3·4/5 + 4/5)/4 = 80 %, B (3·5/5 + 3/5)/4 = 90 % → 85 %.
    //   Y: A 100 %, B 80 %, H (3·2/5 + 1/5)/4 = 35 % → 71.7 %.   Z: A 60 %, B (3·3/5 + 5/5)/4 = 70 %, H 20 % → 50 %.
    // By raw scores X would win only because H could not mark it; normalised, Y is first.
    const { results } = await judgingOverview(organiser.actor, event.slug);
    expect(results.map((r) => [r.name, r.score, r.rawPercent, r.judges, r.rankLabel])).toEqual([
      ["Y", 0.43, 71.7, 3, "1st"],
      ["X", 0.25, 85, 2, "2nd"],
      ["Z", -0.76, 50, 3, "3rd"],
    ]);
  });

  test("the scores CSV has a row per score with the team's normalised total, formulas neutralised", async () => {
    const { event, organiser, criterionIds, teams } = await eventWith(
      [{ name: "Quality", weight: 1, maxScore: 5 }],
      ["=HYPERLINK()", "Plain"],
    );
    const judge = await judgeOf(event, organiser, "Judge C");
    await declareConflicts(judge.token, { conflicts: [], none: "yes" });
    await scoreTeam(judge.token, { teamId: teams[0]!.id, scores: { [criterionIds[0]!]: 4 } });
    await scoreTeam(judge.token, { teamId: teams[1]!.id, scores: { [criterionIds[0]!]: 2 } });
    const { csv } = await scoresCsv(organiser.actor, event.slug);
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Team,Challenge,Judge,Criterion,Weight,Score,Normalised total,Rank");
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.startsWith("'=HYPERLINK(),") && l.includes(",Judge C,Quality,1,4,0.71,1st"))).toBe(true);
    const stranger = await createPerson();
    expect((await refusal(scoresCsv(stranger.actor, event.slug))).kind).toBe("forbidden");
  });
});

describe("judges and conflicts of interest", () => {
  test("a judge's link works without an account, and stops working after a new link or revoking", async () => {
    const { event, organiser, teams } = await eventWith(
      [{ name: "Quality", weight: 1, maxScore: 5 }],
      ["Alpha", "Beta"],
    );
    const first = await judgeOf(event, organiser, "Judge D");
    const page = await judgePage(first.token);
    expect(page.judge.name).toBe("Judge D");
    expect(page.teams.map((t) => t.name)).toEqual(["Alpha", "Beta"]);
    const mail = await prisma.mail.findFirstOrThrow({ where: { to: first.email }, orderBy: { createdAt: "desc" } });
    expect(mail.text).toContain(`/judge/${first.token}`);

    const again = await resendJudgeLink(organiser.actor, event.slug, first.id);
    expect((await refusal(judgePage(first.token))).kind).toBe("not_found");
    expect((await judgePage(again.token)).judge.name).toBe("Judge D");

    await revokeJudge(organiser.actor, event.slug, first.id);
    expect((await refusal(judgePage(again.token))).kind).toBe("not_found");
    expect((await refusal(scoreTeam(again.token, { teamId: teams[0]!.id, scores: {} }))).kind).toBe("not_found");
  });

  test("inviting an address already judging says so beside the email field; others may not invite", async () => {
    const { event, organiser } = await eventWith([{ name: "Quality", weight: 1, maxScore: 5 }], ["Alpha"]);
    await inviteJudge(organiser.actor, event.slug, { name: "Ann", email: "Ann.Judge@Example.org" });
    const again = await refusal(
      inviteJudge(organiser.actor, event.slug, { name: "Ann", email: "ann.judge@example.org" }),
    );
    expect(again).toMatchObject({ kind: "conflict", field: "email" });
    expect(again.message).toContain("ann.judge@example.org is already a judge");
    const stranger = await createPerson();
    expect((await refusal(inviteJudge(stranger.actor, event.slug, { name: "Bo", email: "bo@example.org" }))).kind).toBe(
      "forbidden",
    );
  });

  test("a conflict of interest blocks scoring in the model, whatever the form sends", async () => {
    const { event, organiser, criterionIds, teams } = await eventWith(
      [{ name: "Quality", weight: 1, maxScore: 5 }],
      ["Alpha", "Beta"],
    );
    const judge = await judgeOf(event, organiser, "Judge E");
    const scores = { [criterionIds[0]!]: 4 };
    // Before declaring: refused.
    expect((await refusal(scoreTeam(judge.token, { teamId: teams[1]!.id, scores }))).message).toContain(
      "conflicts of interest",
    );
    await declareConflicts(judge.token, { conflicts: [teams[0]!.id] });
    const blocked = await refusal(scoreTeam(judge.token, { teamId: teams[0]!.id, scores }));
    expect(blocked).toMatchObject({
      kind: "forbidden",
      message: "You declared a conflict of interest with Alpha, so you cannot score it.",
    });
    await scoreTeam(judge.token, { teamId: teams[1]!.id, scores });
    expect(await prisma.score.count({ where: { judgeId: judge.id } })).toBe(1);
    const page = await judgePage(judge.token);
    expect(page.teams.find((t) => t.name === "Alpha")?.conflicted).toBe(true);
    expect(page.progress).toEqual({ scored: 1, of: 1 });
    // A score out of range is refused beside its criterion.
    const outOfRange = await refusal(
      scoreTeam(judge.token, { teamId: teams[1]!.id, scores: { [criterionIds[0]!]: 6 } }),
    );
    expect(outOfRange).toMatchObject({ kind: "invalid", field: `scores.${criterionIds[0]}` });
    // Declaring a conflict later removes the scores given to that team.
    await declareConflicts(judge.token, { conflicts: [teams[0]!.id, teams[1]!.id] });
    expect(await prisma.score.count({ where: { judgeId: judge.id } })).toBe(0);
  });

  test("criteria: the highest score cannot go below a score given; the adoption criterion stays", async () => {
    const { event, organiser } = await createEvent();
    const added = await addCriterion(organiser.actor, event.slug, {
      name: "Ambition",
      description: "",
      weight: 2,
      maxScore: 5,
    });
    const team = await makeTeam(
      event.id,
      (await prisma.eventChallenge.findFirstOrThrow({ where: { eventId: event.id } })).challengeId,
      "Gamma",
    );
    const judge = await judgeOf(event, organiser, "Judge F");
    await declareConflicts(judge.token, { conflicts: [], none: "yes" });
    const criteria = await prisma.criterion.findMany({ where: { eventId: event.id } });
    await scoreTeam(judge.token, { teamId: team.id, scores: Object.fromEntries(criteria.map((c) => [c.id, 5])) });
    const lowered = await refusal(
      editCriterion(organiser.actor, event.slug, added.id, {
        name: "Ambition",
        description: "",
        weight: 2,
        maxScore: 4,
      }),
    );
    expect(lowered).toMatchObject({ kind: "conflict", field: "maxScore" });
    await editCriterion(organiser.actor, event.slug, added.id, {
      name: "Ambition",
      description: "",
      weight: 7,
      maxScore: 10,
    });
    const adoption = criteria.find((c) => c.adoption)!;
    expect((await refusal(removeCriterion(organiser.actor, event.slug, adoption.id))).kind).toBe("conflict");
    expect(await removeCriterion(organiser.actor, event.slug, added.id)).toEqual({
      name: "Ambition",
      scoresRemoved: 1,
    });
  });
});

describe("pairwise judging", () => {
  test("judges compare two teams at a time, never a team they are conflicted with, and the results follow", async () => {
    const { event, organiser } = await eventWith(
      [{ name: "Quality", weight: 1, maxScore: 5 }],
      ["T1", "T2", "T3", "T4", "T5"],
    );
    await setJudgingMode(organiser.actor, event.slug, "pairwise");
    const teams = await prisma.eventTeam.findMany({ where: { eventId: event.id } });
    const strength = (id: string) => Number(teams.find((t) => t.id === id)!.name.slice(1));
    const conflicted = teams.find((t) => t.name === "T3")!;
    const shown = new Set<string>();
    for (const name of ["P1", "P2", "P3", "P4"]) {
      const judge = await judgeOf(event, organiser, name);
      await declareConflicts(
        judge.token,
        name === "P1" ? { conflicts: [conflicted.id] } : { conflicts: [], none: "yes" },
      );
      for (let i = 0; i < 10; i++) {
        const { pairwise } = await judgePage(judge.token);
        if (!pairwise.pair) break;
        const { a, b } = pairwise.pair;
        if (name === "P1") shown.add(a.id).add(b.id);
        // The lower-numbered team is always better.
        await comparePair(judge.token, { winner: strength(a.id) < strength(b.id) ? "a" : "b", aId: a.id, bId: b.id });
      }
    }
    expect(shown.has(conflicted.id)).toBe(false);
    expect(shown.size).toBe(4);
    const { results } = await judgingOverview(organiser.actor, event.slug);
    expect(results[0]!.name).toBe("T1");
    expect(results.at(-1)!.name).toBe("T5");
  });
});

describe("people's choice", () => {
  async function votingEvent() {
    const made = await createEvent();
    const [c1] = made.challenges as [{ id: string }];
    const alice = await makeAttendee(made.event.id);
    const bob = await makeAttendee(made.event.id);
    const carol = await makeAttendee(made.event.id);
    const notCheckedIn = await makeAttendee(made.event.id, { checkedIn: false });
    const red = await makeTeam(made.event.id, c1.id, "Red", [alice]);
    const blue = await makeTeam(made.event.id, c1.id, "Blue", [bob]);
    const green = await makeTeam(made.event.id, c1.id, "Green");
    return { ...made, alice, bob, carol, notCheckedIn, red, blue, green };
  }

  test("one vote per checked-in attendee, never for their own team, changeable only within the undo window", async () => {
    const { event, organiser, alice, bob, carol, notCheckedIn, red, blue } = await votingEvent();
    expect((await refusal(castVote(alice.person.actor, event.slug, blue.id))).message).toBe(
      "Voting for people's choice is not open.",
    );
    await openVoting(organiser.actor, event.slug);

    expect((await refusal(castVote(notCheckedIn.person.actor, event.slug, red.id))).kind).toBe("forbidden");
    const stranger = await createPerson();
    expect((await refusal(castVote(stranger.actor, event.slug, red.id))).kind).toBe("forbidden");
    expect(await refusal(castVote(alice.person.actor, event.slug, red.id))).toMatchObject({
      kind: "conflict",
      field: "teamId",
      message: "You cannot vote for your own team. Choose another team.",
    });

    await castVote(alice.person.actor, event.slug, blue.id);
    expect((await refusal(castVote(alice.person.actor, event.slug, blue.id))).message).toBe("You have already voted.");

    // Undo within the window, then vote again; after the window the vote stands.
    const cast = await prisma.vote.findFirstOrThrow({ where: { registrationId: alice.registration.id } });
    await undoVote(alice.person.actor, event.slug, new Date(cast.createdAt.getTime() + 30_000));
    await castVote(alice.person.actor, event.slug, blue.id);
    const recast = await prisma.vote.findFirstOrThrow({ where: { registrationId: alice.registration.id } });
    const late = await refusal(
      undoVote(alice.person.actor, event.slug, new Date(recast.createdAt.getTime() + (UNDO_SECONDS + 1) * 1000)),
    );
    expect(late).toMatchObject({
      kind: "conflict",
      message: "Your vote can only be changed in the 2 minutes after you cast it.",
    });

    await castVote(bob.person.actor, event.slug, red.id);
    await castVote(carol.person.actor, event.slug, blue.id);

    // While open, nobody sees counts per team: not the organisers, not attendees.
    const open = await votingOverview(organiser.actor, event.slug);
    expect(open.counts).toBeNull();
    expect(open.cast).toBe(3);
    expect((await votePage(carol.person.actor, event.slug)).counts).toBeNull();
    expect(JSON.stringify(await votePage(carol.person.actor, event.slug))).not.toMatch(/"votes"/);

    const { winners } = await closeVoting(organiser.actor, event.slug);
    expect(winners).toEqual(["Blue"]);
    expect((await votingOverview(organiser.actor, event.slug)).counts?.map((c) => [c.name, c.votes])).toEqual([
      ["Blue", 2],
      ["Red", 1],
      ["Green", 0],
    ]);
    expect((await refusal(castVote(bob.person.actor, event.slug, blue.id))).kind).toBe("conflict");
    const award = await prisma.award.findFirstOrThrow({ where: { eventId: event.id, peoplesChoice: true } });
    expect(award.teamId).toBe(blue.id);
    expect(await announcedAwards(event.slug)).toEqual([]);
    await announceAwards(organiser.actor, event.slug);
    expect((await announcedAwards(event.slug)).map((a) => [a.name, a.teamName])).toEqual([["People's choice", "Blue"]]);
  });

  test("the same attendee voting twice at once gets one vote and “You have already voted”", async () => {
    const { event, organiser, carol, red, blue } = await votingEvent();
    await openVoting(organiser.actor, event.slug);
    const outcomes = await Promise.allSettled([
      castVote(carol.person.actor, event.slug, red.id),
      castVote(carol.person.actor, event.slug, blue.id),
      castVote(carol.person.actor, event.slug, red.id),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected")) {
      expect(DomainError.is(o.reason) && o.reason.message).toBe("You have already voted.");
    }
    expect(await prisma.vote.count({ where: { registrationId: carol.registration.id } })).toBe(1);
  });

  test("a tie names every team with the most votes", async () => {
    const { event, organiser, alice, bob, red, blue } = await votingEvent();
    await openVoting(organiser.actor, event.slug);
    await castVote(alice.person.actor, event.slug, blue.id);
    await castVote(bob.person.actor, event.slug, red.id);
    expect((await closeVoting(organiser.actor, event.slug)).winners.sort()).toEqual(["Blue", "Red"]);
    expect(await prisma.award.count({ where: { eventId: event.id, peoplesChoice: true } })).toBe(2);
  });
});

describe("publishing", () => {
  test("results are public only once published; awards only once announced", async () => {
    const { event, organiser, criterionIds, teams } = await eventWith(
      [{ name: "Quality", weight: 1, maxScore: 5 }],
      ["Alpha", "Beta"],
    );
    const judge = await judgeOf(event, organiser, "Judge G");
    await declareConflicts(judge.token, { conflicts: [], none: "yes" });
    await scoreTeam(judge.token, { teamId: teams[0]!.id, scores: { [criterionIds[0]!]: 5 } });
    await addAward(organiser.actor, event.slug, {
      name: "Best use of open data",
      description: "",
      teamId: teams[0]!.id,
    });
    expect(await publishedResults(event.slug)).toBeNull();
    expect(await announcedAwards(event.slug)).toEqual([]);
    await publishResults(organiser.actor, event.slug);
    expect((await publishedResults(event.slug))?.[0]).toMatchObject({ name: "Alpha", rankLabel: "1st" });
    await announceAwards(organiser.actor, event.slug);
    expect((await announcedAwards(event.slug))[0]).toMatchObject({ name: "Best use of open data", teamName: "Alpha" });
  });
});

describe("demo", () => {
  let demo: Awaited<ReturnType<typeof createEvent>>;
  beforeAll(async () => {
    demo = await createEvent({ status: "finished", startsAt: new Date(Date.now() - 30 * 86_400_000) });
    await prisma.event.update({ where: { id: demo.event.id }, data: { slug: DEMO_PAST_EVENT_SLUG } });
  });

  test("the past demo hack day gets three judges, scores, a closed vote and announced awards", async () => {
    const [c1, c2] = demo.challenges as [{ id: string }, { id: string }];
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await makeAttendee(demo.event.id));
    await makeTeam(demo.event.id, c1.id, "Pothole Patrol", people.slice(0, 2));
    await makeTeam(demo.event.id, c2.id, "Bin Day Buddies", people.slice(2, 4));
    await makeTeam(demo.event.id, c1.id, "Road Watch", people.slice(4, 6));
    const seeded = await seedDemoJudging({ organiser: demo.organiser.actor });
    expect(seeded).toEqual({ judges: 3, teams: 3, votes: 6 });
    expect(await prisma.judgeConflict.count({ where: { judge: { eventId: demo.event.id } } })).toBe(1);
    const awards = await announcedAwards(DEMO_PAST_EVENT_SLUG);
    expect(awards.map((a) => a.name)).toEqual(
      expect.arrayContaining(["Best use of open data", "Most likely to be adopted", "People's choice"]),
    );
    expect(await publishedResults(DEMO_PAST_EVENT_SLUG)).toHaveLength(3);
    // Seeding again changes nothing.
    expect(await seedDemoJudging({ organiser: demo.organiser.actor })).toBeNull();
  });
});

describe("two people changing the same thing at once", () => {
  test("removing a criterion someone else is removing at that moment tells the organiser, with no server error", async () => {
    const { event, organiser } = await createEvent();
    const criterion = await prisma.criterion.findFirstOrThrow({ where: { eventId: event.id, adoption: false } });
    // Another organiser's removal holds the row (deleted, not yet committed) while ours runs:
    // ours still sees the criterion, then finds nothing left to delete when the other commits.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let deleted!: () => void;
    const rowTaken = new Promise<void>((resolve) => (deleted = resolve));
    const other = prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`DELETE FROM criteria WHERE id = ${criterion.id}`;
        deleted();
        await held;
      },
      { timeout: 20_000 },
    );
    await rowTaken;
    const ours = settle(
      judgingAction({
        request: formRequest(`/events/${event.slug}/judging`, { intent: "remove-criterion", criterionId: criterion.id }, organiser.cookie),
        params: { slug: event.slug },
        context,
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await other;
    const answer = unwrap(await ours);
    expect(answer.status).toBe(409);
    expect(formReply(answer.body).errors.form).toMatch(/changed or removed this at the same moment/);
  });
});

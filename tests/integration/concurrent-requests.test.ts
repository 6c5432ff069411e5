import { beforeAll, describe, expect, test } from "vitest";
import { createDraft, transitionChallenge } from "~/models/challenges/lifecycle.server";
import { action as challengeAction } from "~/routes/challenges.$slug";
import { prisma } from "~/services/db.server";
import { context, formRequest, settle } from "../support/http";
import { buildWorld } from "../support/world";

// The same request several times at once (a double click, a retrying client, a busy page):
// each answers as if it came alone, never 500. Found by the hostile-input test.

let world: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  world = await buildWorld();
});

async function publicChallenge(slug: string) {
  return prisma.challenge.create({
    data: { slug, title: "Which streets flood after heavy rain?", organisationId: world.council.id, status: "open", publishedAt: new Date() },
  });
}

describe("the same request at once", () => {
  test("following a challenge twice at once follows it once, and both answers are the usual redirect", async () => {
    const challenge = await publicChallenge("flooding-streets");
    const follow = () =>
      settle(
        challengeAction({
          request: formRequest(`/challenges/${challenge.slug}`, { intent: "follow" }, world.cookies.participant),
          params: { slug: challenge.slug },
          context,
        }),
      );
    const answers = (await Promise.all([follow(), follow(), follow()])) as Response[];
    expect(answers.map((answer) => answer.status)).toEqual([302, 302, 302]);
    expect(await prisma.challengeFollow.count({ where: { challengeId: challenge.id } })).toBe(1);
  });

  test("more people acting on one challenge at once than the connection pool holds: one succeeds, the rest are told why", async () => {
    // The test database pool holds 4 connections (DATABASE_POOL_SIZE in setup-each-file.ts).
    const draft = await createDraft({ ...world.users.owner, sessionId: "" }, world.council.id);
    const owner = { ...world.users.owner, sessionId: "" };
    const attempts = await Promise.allSettled(Array.from({ length: 6 }, () => transitionChallenge(owner, draft.id, "withdraw")));
    const outcomes = attempts.map((attempt) =>
      attempt.status === "fulfilled" ? "withdrawn" : ((attempt.reason as { status?: number }).status ?? String(attempt.reason)),
    );
    expect(outcomes.filter((outcome) => outcome === "withdrawn")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 409)).toHaveLength(5);
  });
});

import { beforeAll, describe, expect, test } from "vitest";
import { createOrganisation } from "~/models/organisations/organisation.server";
import { reservedSlugs } from "~/models/platform/reserved-slugs";
import { seedThemes } from "~/models/taxonomy/theme.server";
import { loader as challengePage } from "~/routes/challenges.$slug";
import { loader as newChallengePage } from "~/routes/challenges.new";
import { action as reviewAction } from "~/routes/challenges_.$id.review";
import { loader as organisationPage } from "~/routes/organisations.$slug";
import type { Actor } from "~/models/platform/actor";
import { prisma } from "~/services/db.server";
import { makeChallenge } from "../support/challenge-search-fixtures";
import { context, formRequest, getRequest, settle } from "../support/http";
import { buildWorld } from "../support/world";

// Every challenge and organisation gets an address of its own: never empty, never a word one
// of the app's routes uses in the same place (/challenges/new), never another record's.

let world: Awaited<ReturnType<typeof buildWorld>>;
let admin: Actor;
beforeAll(async () => {
  world = await buildWorld();
  admin = { ...world.users.admin, sessionId: "" };
  await seedThemes();
});

/** Sends a challenge called `title` for review and has the hub organiser publish it; its slug. */
async function publish(title: string) {
  const challenge = await makeChallenge({
    organisationId: world.council.id,
    title,
    status: "submitted",
    themes: ["Housing"],
    essential: ["SQL"],
    index: false,
  });
  const request = formRequest(`/challenges/${challenge.id}/review`, { intent: "approve" }, world.cookies.organiser);
  const response = (await settle(reviewAction({ request, params: { id: challenge.id }, context }))) as Response;
  expect(response.status, title).toBe(302);
  return (await prisma.challenge.findUniqueOrThrow({ where: { id: challenge.id } })).slug;
}

describe("challenges", () => {
  test('a challenge called "New" is published at /challenges/new-challenge; /challenges/new still starts a challenge', async () => {
    const slug = await publish("New");
    expect(slug).toBe("new-challenge");
    const page = await challengePage({ request: getRequest(`/challenges/${slug}`), params: { slug }, context });
    expect(page.title).toBe("New");
    const start = await newChallengePage({ request: getRequest("/challenges/new", world.cookies.owner), params: {}, context });
    expect(start.verified.map((council) => council.name)).toEqual([world.council.name]);
  });

  test("no challenge gets a word the routes use under /challenges/ as its slug", async () => {
    expect(reservedSlugs.challenges).toEqual(expect.arrayContaining(["new", "edit", "review"]));
    for (const word of reservedSlugs.challenges) {
      const slug = await publish(word[0]!.toUpperCase() + word.slice(1));
      expect(slug).not.toBe(word);
      expect(slug).toMatch(new RegExp(`^${word}-(challenge|2)$`));
    }
  });

  test("titles in other scripts get a readable slug, symbols alone a plain one, and a repeated title a suffix", async () => {
    expect(await publish("日本語")).toBe("ri-ben-yu");
    expect(await publish("???")).toBe("challenge");
    expect(await publish("\\\\")).toBe("challenge-2");
    expect(await publish("Bus stops")).toBe("bus-stops");
    expect(await publish("Bus stops!")).toBe("bus-stops-2");
  });

  test("two challenges with the same title published at once get different slugs", async () => {
    const slugs = await Promise.all([publish("Gritting routes"), publish("Gritting routes")]);
    expect(slugs.sort()).toEqual(["gritting-routes", "gritting-routes-2"]);
  });
});

describe("organisations", () => {
  test("no organisation gets a word the routes use beside its slug, and each keeps a page of its own", async () => {
    expect(reservedSlugs.organisations).toEqual(expect.arrayContaining(["members", "councils"]));
    for (const word of reservedSlugs.organisations) {
      const org = await createOrganisation(admin, { name: word[0]!.toUpperCase() + word.slice(1), kind: "community" });
      expect(org.slug).toBe(`${word}-organisation`);
      const page = await organisationPage({ request: getRequest(`/organisations/${org.slug}`), params: { slug: org.slug }, context });
      expect(page.name).toBe(org.name);
    }
  });

  test("names in other scripts, symbols alone and repeated names all get slugs of their own", async () => {
    const slugs = [];
    for (const name of ["日本語 Society", "___", "!!", "Open Data Club", "Open Data Club"])
      slugs.push((await createOrganisation(admin, { name, kind: "community" })).slug);
    expect(slugs).toEqual(["ri-ben-yu-society", "organisation", "organisation-2", "open-data-club", "open-data-club-2"]);
  });
});

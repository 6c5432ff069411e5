import { expect, test } from "vitest";
import { getChallengePage } from "~/models/challenges/page.server";
import { prisma } from "~/services/db.server";
import { createHub, createPerson, createPublishedChallenge, createVerifiedCouncil } from "../factories";

// The factories make records the app itself treats as real: a verified council's owner may
// post, a hub serving its region reviews it, a published challenge is public with its skills.

test("a verified council with its owner, a hub serving its region and a published challenge, one call each", async () => {
  const { council, owner } = await createVerifiedCouncil({ code: "CLD" });
  const { hub, organiser } = await createHub({ region: council.region! });
  const challenge = await createPublishedChallenge({ council, author: owner, skills: [{ slug: "geospatial-analysis", importance: "essential" }] });

  expect(council.verifiedAt).not.toBeNull();
  expect(await prisma.membership.findFirst({ where: { userId: owner.user.id, organisationId: council.id } })).toMatchObject({ role: "owner" });
  expect(hub.servesRegions).toEqual([council.region]);
  expect(await prisma.membership.count({ where: { userId: organiser.user.id, organisationId: hub.id } })).toBe(1);

  const visitor = await createPerson();
  const page = await getChallengePage(challenge.slug, visitor.actor);
  expect(page?.title).toBe(challenge.title);
  expect(page?.essentialSkills).toEqual(["Geospatial analysis"]);
  // The organiser of a hub serving the council sees what the public does not: the contact.
  expect((await getChallengePage(challenge.slug, organiser.actor))?.contact.email).toBe(owner.user.email);
  expect(page?.contact.email ?? null).toBeNull();
});

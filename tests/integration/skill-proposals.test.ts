import { beforeAll, expect, test } from "vitest";
import { DomainError } from "~/models/platform/errors";
import { drainSearchOutbox } from "~/models/platform/search-outbox.server";
import { applySearchSettings } from "~/models/platform/search-reindex.server";
import { loadSkillGraph } from "~/models/taxonomy/graph.server";
import { updateSearchSynonyms } from "~/models/taxonomy/jobs.server";
import { decideProposal, pendingProposals, proposeSkill } from "~/models/taxonomy/proposals.server";
import { action as decideAction } from "~/routes/hub.taxonomy.proposals";
import { action as proposeAction } from "~/routes/skills.propose";
import { prisma } from "~/services/db.server";
import { getSearch } from "~/services/search.server";
import { createPerson } from "../factories";
import { context, formReply, formRequest, settle, unwrap } from "../support/http";
import { buildWorld } from "../support/world";

// People propose skills the taxonomy lacks; hub organisers accept them (as a skill or as
// another name of one) or reject them with a reason, and the proposer is always told.

let world: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  world = await buildWorld();
  await applySearchSettings(["skills"]);
});

async function refused(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const propose = async (fields: Record<string, string>, cookie: string | undefined) =>
  unwrap(await settle(proposeAction({ request: formRequest("/skills/propose", fields, cookie), params: {}, context })));

test("a name or other name the taxonomy has is refused beside the field, naming the skill, with what was typed kept", async () => {
  const byName = await propose({ name: "  sql ", description: "Queries" }, world.cookies.participant);
  expect(byName.status).toBe(400);
  expect(formReply(byName.body).errors.name).toBe("SQL is already a skill: choose it on your profile");
  const bySynonym = await propose({ name: "POSTGRES", description: "My note" }, world.cookies.participant);
  expect(formReply(bySynonym.body).errors.name).toBe("POSTGRES is already a skill, called PostgreSQL");
  expect(formReply(bySynonym.body).values.description).toBe("My note");
  // A pattern is not equality: "%" matches nothing.
  expect((await propose({ name: "SQ%" }, world.cookies.participant)).status).toBe(302);
  expect(await prisma.skillProposal.count({ where: { proposedById: world.users.participant.id } })).toBe(1);
});

test("a person may have only a few proposals waiting, and no repeats", async () => {
  const person = await createPerson();
  for (const name of ["Stata", "SPSS", "SAS"]) await proposeSkill(person.actor, { name, description: "" });
  const fourth = await refused(proposeSkill(person.actor, { name: "Alteryx", description: "" }));
  expect(fourth.field).toBe("name");
  expect(fourth.message).toBe(
    "You have 3 proposals waiting for a hub organiser. You can propose another once one is decided.",
  );
  const again = await refused(proposeSkill(world.actors.member, { name: "stata", description: "" }));
  expect(again.message).toBe("Someone has already proposed stata; a hub organiser will decide soon");
});

test("someone who has not confirmed their address cannot propose; only organisers see and decide the queue", async () => {
  const unconfirmed = await createPerson({ verified: false });
  expect((await refused(proposeSkill(unconfirmed.actor, { name: "Julia", description: "" }))).kind).toBe("forbidden");
  const proposal = await proposeSkill(world.actors.member, { name: "Julia", description: "The language" });
  for (const actor of [world.actors.participant, world.actors.member, world.actors.owner]) {
    expect((await refused(pendingProposals(actor))).kind).toBe("forbidden");
    expect(
      (await refused(decideProposal(actor, { intent: "reject", proposalId: proposal.id, reason: "Not today." }))).kind,
    ).toBe("forbidden");
  }
  expect((await prisma.skillProposal.findUniqueOrThrow({ where: { id: proposal.id } })).status).toBe("pending");
});

test("accepted as a new skill with a broader link: the skill exists, implies the broader one, and the proposer is told", async () => {
  const person = await createPerson();
  const proposal = await proposeSkill(person.actor, {
    name: "Sewer network modelling",
    description: "InfoWorks ICM and SWMM",
  });
  const missing = unwrap(
    await settle(
      decideAction({
        request: formRequest(
          "/hub/taxonomy/proposals",
          {
            intent: "accept_new",
            proposalId: proposal.id,
            name: "Sewer network modelling",
            category: "geospatial",
            description: "",
          },
          world.cookies.organiser,
        ),
        params: {},
        context,
      }),
    ),
  );
  expect(missing.status).toBe(400);
  expect(formReply(missing.body).errors.description).toBe("Describe the skill in one sentence");

  await decideProposal(world.actors.organiser, {
    intent: "accept_new",
    proposalId: proposal.id,
    name: "Sewer network modelling",
    category: "geospatial",
    description: "Modelling how water flows through pipes, drains and channels.",
    synonyms: ["InfoWorks ICM", "SWMM"],
    broader: "hydrology",
  });
  const skill = await prisma.skill.findUniqueOrThrow({ where: { slug: "sewer-network-modelling" } });
  const graph = await loadSkillGraph();
  expect(graph.implied(skill.id).map((i) => graph.skills.get(i.id)!.slug)).toEqual(["hydrology"]);
  expect(await prisma.skillProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({
    status: "accepted",
    skillId: skill.id,
  });
  const told = await prisma.notification.findMany({
    where: { userId: person.user.id },
    select: { kind: true, title: true, href: true },
  });
  expect(told).toEqual([
    {
      kind: "skill_proposal.decided",
      title: "Sewer network modelling is now a skill on Nettle",
      href: "/skills/propose",
    },
  ]);
  expect(await prisma.auditLog.count({ where: { action: "taxonomy.accept_proposal", subjectId: skill.id } })).toBe(1);

  const twice = await refused(
    decideProposal(world.actors.admin, { intent: "reject", proposalId: proposal.id, reason: "Changed my mind." }),
  );
  expect(twice.kind).toBe("conflict");
});

test("accepted as another name: search finds the skill by it; rejected: the proposer reads the reason", async () => {
  const person = await createPerson();
  const asName = await proposeSkill(person.actor, { name: "Geo-coding", description: "" });
  const rejected = await proposeSkill(person.actor, { name: "Being nice", description: "" });
  await decideProposal(world.actors.organiser, {
    intent: "accept_synonym",
    proposalId: asName.id,
    skill: "address-matching",
  });
  await drainSearchOutbox();
  await updateSearchSynonyms();
  const { hits } = await getSearch().index("skills").search("geo-coding", { limit: 1 });
  expect(hits[0]?.slug).toBe("address-matching");

  const noReason = unwrap(
    await settle(
      decideAction({
        request: formRequest(
          "/hub/taxonomy/proposals",
          { intent: "reject", proposalId: rejected.id, reason: "" },
          world.cookies.organiser,
        ),
        params: {},
        context,
      }),
    ),
  );
  expect(formReply(noReason.body).errors.reason).toBe("Tell the person why, kindly");
  await decideProposal(world.actors.organiser, {
    intent: "reject",
    proposalId: rejected.id,
    reason: "Kindness matters, but Nettle lists data skills only.",
  });
  const told = await prisma.notification.findMany({
    where: { userId: person.user.id },
    orderBy: { createdAt: "asc" },
    select: { title: true, body: true },
  });
  expect(told).toEqual([
    {
      title: "Geo-coding now finds Address matching and UPRNs",
      body: expect.stringContaining("another name for Address matching and UPRNs"),
    },
    { title: "Being nice will not be added as a skill", body: "Kindness matters, but Nettle lists data skills only." },
  ]);
});

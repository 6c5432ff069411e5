import { beforeAll, describe, expect, test } from "vitest";
import { addHubCouncil, hubCouncilsPage, removeHubCouncil, setHubRegions } from "~/models/organisations/hub.server";
import { createInvitation, listPendingInvitations, revokeInvitation } from "~/models/organisations/invitation.server";
import { changeRole, leaveOrganisation, listMembers, removeMember, transferOwnership } from "~/models/organisations/membership.server";
import { createOrganisation, deleteOrganisation, updateOrganisation } from "~/models/organisations/organisation.server";
import { claimsAwaiting, rejectClaim, verifyCouncil, withdrawClaim } from "~/models/organisations/verification.server";
import type { Actor } from "~/models/platform/actor";
import { prisma } from "~/services/db.server";
import { buildWorld } from "../support/world";

// The organisations domain's model functions ask its policy themselves: called directly, not
// through a page, they refuse someone who may not, say what would be needed, and change
// nothing. Leeds is verified with an owner and a member; Bradford is claimed by its own owner
// and waits for the Test Hub, which serves both; the participant belongs to nothing.

let world: Awaited<ReturnType<typeof buildWorld>>;
let as: Record<keyof Awaited<ReturnType<typeof buildWorld>>["users"], Actor>;

beforeAll(async () => {
  world = await buildWorld();
  const actor = (user: (typeof world.users)[keyof typeof world.users]): Actor => ({ ...user, sessionId: "" });
  const { participant, member, owner, otherOwner, organiser, admin, team } = world.users;
  as = {
    participant: actor(participant),
    member: actor(member),
    owner: actor(owner),
    otherOwner: actor(otherOwner),
    organiser: actor(organiser),
    admin: actor(admin),
    team: actor(team),
  };
});

const forbidden = (message: string | RegExp) => expect.objectContaining({ kind: "forbidden", message: typeof message === "string" ? message : expect.stringMatching(message) });

/** Everything the domain writes: a refused call must leave all of it as it was. */
async function snapshot() {
  const [memberships, invitations, organisations, hubCouncils, audit, mail] = await Promise.all([
    prisma.membership.findMany({ orderBy: { id: "asc" }, select: { id: true, role: true } }),
    prisma.invitation.count(),
    prisma.organisation.findMany({
      where: { id: { in: [world.council.id, world.otherCouncil.id, world.hub.id] } },
      orderBy: { id: "asc" },
      select: { id: true, name: true, claimedById: true, verifiedAt: true, servesRegions: true },
    }),
    prisma.hubCouncil.count(),
    prisma.auditLog.count(),
    prisma.mail.count(),
  ]);
  return { memberships, invitations, organisations, hubCouncils, audit, mail };
}

async function membershipId(user: { id: string }, organisationId: string) {
  return (await prisma.membership.findUniqueOrThrow({ where: { userId_organisationId: { userId: user.id, organisationId } } })).id;
}

describe("called directly, the model refuses whoever the policy does not allow", () => {
  test("only an owner (or an admin) changes roles, removes members and invites; only an owner hands over", async () => {
    const before = await snapshot();
    const owner = await membershipId(world.users.owner, world.council.id);
    const member = await membershipId(world.users.member, world.council.id);
    const ownerWords = `You need to be an owner of ${world.council.name} to do this. Ask one of its owners.`;

    await expect(changeRole(as.member, world.council.id, owner, "member")).rejects.toEqual(forbidden(ownerWords));
    await expect(changeRole(as.otherOwner, world.council.id, member, "owner")).rejects.toEqual(forbidden(ownerWords));
    await expect(removeMember(as.member, world.council.id, owner)).rejects.toEqual(forbidden(ownerWords));
    await expect(removeMember(as.organiser, world.council.id, member)).rejects.toEqual(forbidden(ownerWords));
    await expect(transferOwnership(as.member, world.council.id, member)).rejects.toEqual(forbidden(ownerWords));
    // An admin may change roles, but has no ownership of their own to hand over.
    await expect(transferOwnership(as.admin, world.council.id, member)).rejects.toEqual(forbidden(ownerWords));
    await expect(createInvitation(as.member, world.council.id, { email: "friend@example.org", role: "owner" })).rejects.toEqual(
      forbidden(ownerWords),
    );
    await expect(leaveOrganisation(as.participant, world.council.id)).rejects.toEqual(forbidden(`You are not a member of ${world.council.name}.`));

    expect(await snapshot()).toEqual(before);
  });

  test("an invitation an owner sent cannot be revoked by a member", async () => {
    const sent = await createInvitation(as.owner, world.council.id, { email: "colleague@example.org", role: "member" });
    const before = await snapshot();
    await expect(revokeInvitation(as.member, world.council.id, sent.id)).rejects.toEqual(forbidden(/owner of Leeds/));
    expect(await snapshot()).toEqual(before);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: sent.id } })).revokedAt).toBeNull();
  });

  test("only an organiser of a hub serving the council (or an admin) verifies or rejects its claim", async () => {
    const before = await snapshot();
    const words = `You need to be an organiser of a hub that serves ${world.otherCouncil.name} to verify it.`;
    for (const who of [as.participant, as.owner, as.otherOwner] as const) {
      await expect(verifyCouncil(who, world.otherCouncil.id)).rejects.toEqual(forbidden(words));
      await expect(rejectClaim(who, world.otherCouncil.id, "Not convinced.")).rejects.toEqual(forbidden(words));
    }
    // Nor can anyone else take the claimant's claim back for them.
    await expect(withdrawClaim(as.participant, world.otherCouncil.id)).rejects.toMatchObject({ kind: "conflict" });
    expect(await snapshot()).toEqual(before);
  });

  test("only the hub's organisers (or an admin) change the regions and councils it serves", async () => {
    const before = await snapshot();
    const words = `You need to be an organiser of ${world.hub.name} to change the councils it serves.`;
    for (const who of [as.participant, as.owner, as.member] as const) {
      await expect(setHubRegions(who, world.hub.id, [])).rejects.toEqual(forbidden(words));
      await expect(addHubCouncil(who, world.hub.id, world.council.id)).rejects.toEqual(forbidden(words));
      await expect(removeHubCouncil(who, world.hub.id, world.council.id)).rejects.toEqual(forbidden(words));
    }
    expect(await snapshot()).toEqual(before);
  });

  test("only admins add and delete organisations; only owners and admins change one", async () => {
    const before = await snapshot();
    const queued = await prisma.searchOutbox.count();
    await expect(createOrganisation(as.owner, { name: "Shadow Council", kind: "council" })).rejects.toEqual(forbidden(/platform administrator/));
    await expect(deleteOrganisation(as.owner, world.council.id)).rejects.toEqual(forbidden(/platform administrator/));
    await expect(updateOrganisation(as.member, world.council.id, { name: "Leeds Renamed" })).rejects.toEqual(forbidden(/owner of Leeds/));
    expect(await snapshot()).toEqual(before);
    expect(await prisma.searchOutbox.count()).toBe(queued);
  });

  test("restricted reads refuse too: members, invitations, claimants' addresses, a hub's councils page", async () => {
    await expect(listMembers(as.participant, world.council)).rejects.toEqual(forbidden(`You need to be a member of ${world.council.name} to see its members.`));
    await expect(listPendingInvitations(as.member, world.council)).rejects.toEqual(forbidden(/owner of Leeds/));
    await expect(claimsAwaiting(as.owner)).rejects.toEqual(forbidden(/organiser of a data hub/));
    await expect(hubCouncilsPage(as.participant, world.hub, "")).rejects.toEqual(forbidden(/organiser of Test Hub/));
    // Those the policy allows get what they may see.
    expect((await listMembers(as.organiser, world.council)).map((m) => m.role).sort()).toEqual(["member", "owner"]);
    expect((await claimsAwaiting(as.organiser)).map((c) => c.name)).toContain(world.otherCouncil.name);
  });
});

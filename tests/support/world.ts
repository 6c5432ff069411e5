import { prisma } from "~/services/db.server";
import { seedReferenceData } from "~/models/seed.server";
import { createSession } from "~/services/session.server";
import { hashPassword } from "~/services/password.server";
import { cookieFrom } from "./http";

// A small world with one person in each role, for permission tests: a verified council (Leeds)
// with an owner and a member, another council (Bradford) with its own owner, a hub serving
// Yorkshire and The Humber with an organiser, a participant with no memberships, an admin.

export const ROLES = ["anonymous", "participant", "member", "owner", "otherOwner", "organiser", "admin"] as const;
export type Role = (typeof ROLES)[number];

let passwordHash: string | undefined;

export async function makeUser(email: string, options: { isAdmin?: boolean; verified?: boolean; displayName?: string } = {}) {
  passwordHash ??= await hashPassword("kettle orbit meadow");
  return prisma.user.create({
    data: {
      email,
      displayName: options.displayName ?? email.split("@")[0]!,
      passwordHash,
      isAdmin: options.isAdmin ?? false,
      emailVerifiedAt: options.verified === false ? null : new Date(),
    },
  });
}

export async function cookieFor(userId: string) {
  return cookieFrom(await createSession(userId, new Request("http://localhost/", { headers: { "user-agent": "vitest" } })));
}

export async function buildWorld() {
  await seedReferenceData();
  const council = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "LDS" } });
  const otherCouncil = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "BRD" } });
  const hub = await prisma.organisation.create({
    data: { slug: "test-hub", name: "Test Hub", kind: "hub", region: council.region, servesRegions: [council.region!], verifiedAt: new Date() },
  });

  const users = {
    participant: await makeUser("participant@example.org"),
    member: await makeUser("member@example.org"),
    owner: await makeUser("owner@example.org"),
    otherOwner: await makeUser("other-owner@example.org"),
    organiser: await makeUser("organiser@example.org"),
    admin: await makeUser("admin@example.org", { isAdmin: true }),
  };
  await prisma.organisation.update({
    where: { id: council.id },
    data: { claimedAt: new Date(), claimedById: users.owner.id, verifiedAt: new Date(), verifiedById: users.organiser.id },
  });
  await prisma.organisation.update({ where: { id: otherCouncil.id }, data: { claimedAt: new Date(), claimedById: users.otherOwner.id } });
  await prisma.membership.createMany({
    data: [
      { userId: users.owner.id, organisationId: council.id, role: "owner" },
      { userId: users.member.id, organisationId: council.id, role: "member" },
      { userId: users.otherOwner.id, organisationId: otherCouncil.id, role: "owner" },
      { userId: users.organiser.id, organisationId: hub.id, role: "owner" },
    ],
  });

  const cookies: Record<Role, string | undefined> = { anonymous: undefined } as Record<Role, string | undefined>;
  for (const [role, user] of Object.entries(users)) cookies[role as Role] = await cookieFor(user.id);
  return { council, otherCouncil, hub, users, cookies };
}

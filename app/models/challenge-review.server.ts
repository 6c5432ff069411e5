import type { Prisma } from "~/generated/prisma/client";
import type { CurrentUser } from "~/services/auth.server";
import { prisma } from "~/services/db.server";

// What hub organisers review: challenges sent by councils their hubs serve (by region, or
// chosen one by one). Platform admins see every council's.

export async function challengesAwaitingReview(user: Pick<CurrentUser, "id" | "isAdmin">) {
  let organisation: Prisma.OrganisationWhereInput = { kind: "council" };
  if (!user.isAdmin) {
    const hubs = await prisma.organisation.findMany({
      where: { kind: "hub", memberships: { some: { userId: user.id } } },
      select: { id: true, servesRegions: true },
    });
    if (hubs.length === 0) return [];
    const regions = [...new Set(hubs.flatMap((hub) => hub.servesRegions))];
    organisation = {
      ...organisation,
      OR: [{ region: { in: regions } }, { servedByHubs: { some: { hubId: { in: hubs.map((hub) => hub.id) } } } }],
    };
  }
  return prisma.challenge.findMany({
    where: { status: "submitted", organisation },
    orderBy: { submittedAt: "asc" },
    take: 200,
    select: {
      id: true,
      title: true,
      submittedAt: true,
      organisation: { select: { slug: true, name: true } },
    },
  });
}

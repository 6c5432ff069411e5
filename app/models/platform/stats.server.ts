import { prisma } from "~/services/db.server";

export type HomeStats = {
  councils: number;
  verifiedCouncils: number;
  universities: number;
  hubs: number;
  communityGroups: number;
  skills: number;
};

/**
 * The figures on the home page. Two queries sent in parallel: organisations grouped by kind
 * (counting a non-null `verifiedAt` gives the verified ones in the same pass) and the skills.
 */
export async function getHomeStats(): Promise<HomeStats> {
  const [byKind, skills] = await Promise.all([
    prisma.organisation.groupBy({
      by: ["kind"],
      _count: { _all: true, verifiedAt: true },
    }),
    prisma.skill.count(),
  ]);

  const total = (kind: (typeof byKind)[number]["kind"]) => byKind.find((row) => row.kind === kind)?._count._all ?? 0;

  return {
    councils: total("council"),
    verifiedCouncils: byKind.find((row) => row.kind === "council")?._count.verifiedAt ?? 0,
    universities: total("university"),
    hubs: total("hub"),
    communityGroups: total("community"),
    skills,
  };
}

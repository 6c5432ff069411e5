import type { ChallengeStatus, Prisma } from "~/generated/prisma/client";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { seedThemes } from "~/models/taxonomy/theme.server";
import { prisma } from "~/services/db.server";

// Challenges made directly in the database for search and page tests, in one call each.

export interface ChallengeFixture {
  organisationId: string;
  title: string;
  status?: ChallengeStatus;
  problem?: string;
  themes?: string[];
  essential?: string[];
  helpful?: string[];
  deadline?: string | null;
  publishedAt?: string | null;
  datasets?: Omit<Prisma.DatasetCreateManyChallengeInput, "challengeId">[];
  /** Queue it for the search index, as the model functions do (default true). */
  index?: boolean;
}

let counter = 0;

export async function makeChallenge(fixture: ChallengeFixture) {
  await seedThemes();
  const themes = await prisma.theme.findMany({ where: { name: { in: fixture.themes ?? [] } } });
  const skillNames = [...(fixture.essential ?? []), ...(fixture.helpful ?? [])];
  const skills = await prisma.skill.findMany({ where: { name: { in: skillNames } } });
  if (themes.length !== (fixture.themes ?? []).length || skills.length !== skillNames.length) {
    throw new Error(`unknown theme or skill in fixture "${fixture.title}"`);
  }
  const status = fixture.status ?? "open";
  return prisma.$transaction(async (tx) => {
    const challenge = await tx.challenge.create({
      data: {
        slug: `${fixture.title
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "")}-${++counter}`,
        organisationId: fixture.organisationId,
        status,
        title: fixture.title,
        problem: fixture.problem ?? `The problem behind ${fixture.title}.`,
        whoIsAffected: "Residents",
        whyItMatters: "It matters.",
        outcomeWanted: "A working prototype.",
        successMeasures: "People use it.",
        area: "The whole district",
        contactName: "Sam Officer",
        contactEmail: "sam.officer@example.gov.uk",
        deadline: fixture.deadline ? new Date(fixture.deadline) : null,
        publishedAt:
          fixture.publishedAt === undefined
            ? status === "draft"
              ? null
              : new Date()
            : fixture.publishedAt
              ? new Date(fixture.publishedAt)
              : null,
        themes: { create: themes.map((t) => ({ themeId: t.id })) },
        skills: {
          create: skills.map((s) => ({
            skillId: s.id,
            importance: (fixture.essential ?? []).includes(s.name) ? ("essential" as const) : ("helpful" as const),
          })),
        },
        datasets: { create: fixture.datasets ?? [] },
      },
    });
    if (fixture.index !== false) await recordSearchChange(tx, "challenges", [challenge.id]);
    return challenge;
  });
}

import { readCouncilRegister } from "~/models/council-register.server";
import { syncCouncilsFromRegister } from "~/models/organisation.server";
import { syncSkillTaxonomy } from "~/models/skill.server";
import { seedThemes } from "~/models/theme.server";
import { loadSkillTaxonomy } from "~/models/skill-taxonomy.server";
import { recordSearchChange } from "~/models/search-outbox.server";
import { prisma } from "~/services/db.server";

type Log = (line: string) => void;

/** Councils from the register, the skill taxonomy and the themes: every installation has these. */
export async function seedReferenceData(log: Log = () => {}) {
  const councils = await syncCouncilsFromRegister(readCouncilRegister());
  log(`councils: ${councils.created} added, ${councils.updated} updated, ${councils.unchanged} unchanged`);
  const skills = await syncSkillTaxonomy(loadSkillTaxonomy());
  log(
    `skills: ${skills.created} added, ${skills.updated} updated, ${skills.removed} removed, ${skills.unchanged} unchanged`,
  );
  const themes = await seedThemes();
  if (themes.created > 0) log(`themes: ${themes.created} added`);
  return { councils, skills, themes };
}

// Demo organisations are clearly fictional and say so, so nobody mistakes them for real ones.
const demoOrganisations = [
  {
    slug: "demo-pennine-data-hub",
    name: "Pennine Data Hub (demo)",
    kind: "hub" as const,
    region: "Yorkshire and The Humber",
    nation: "England",
    description: "A fictional regional data hub, part of Nettle's demo data.",
    servesRegions: ["Yorkshire and The Humber"],
  },
  {
    slug: "demo-riverside-university",
    name: "Riverside University (demo)",
    kind: "university" as const,
    region: "Yorkshire and The Humber",
    nation: "England",
    description: "A fictional university whose students volunteer on council challenges. Demo data.",
  },
  {
    slug: "demo-open-data-volunteers",
    name: "Open Data Volunteers North (demo)",
    kind: "community" as const,
    region: "North East",
    nation: "England",
    description: "A fictional community group of civic tech volunteers. Demo data.",
  },
];

/**
 * Demo data on top of the reference data. Idempotent: running it again changes nothing.
 * No demo accounts: a seeded user with a known password would be a way into every
 * installation. Make a hub organiser from a real account with `scripts/make-organiser.ts`.
 */
export async function seedDemoData(log: Log = () => {}) {
  const result = await prisma.$transaction(async (tx) => {
    const changed: string[] = [];
    for (const org of demoOrganisations) {
      const existing = await tx.organisation.findUnique({ where: { slug: org.slug }, select: { id: true } });
      if (existing) continue;
      const created = await tx.organisation.create({ data: { ...org, verifiedAt: new Date() }, select: { id: true } });
      changed.push(created.id);
    }
    // Hubs seeded before hubs served regions get theirs, unless an organiser has taken over.
    for (const org of demoOrganisations) {
      if (!("servesRegions" in org)) continue;
      await tx.organisation.updateMany({
        where: {
          slug: org.slug,
          servesRegions: { isEmpty: true },
          memberships: { none: {} },
          servedCouncils: { none: {} },
        },
        data: { servesRegions: org.servesRegions },
      });
    }
    // No council is verified by the demo data: verification means a hub organiser confirmed
    // who represents the council, and the demo has nobody. Claim one to see the flow.
    await recordSearchChange(tx, "organisations", changed);
    return changed.length;
  });
  log(result === 0 ? "demo data: already present" : `demo data: ${result} organisation(s) added`);
}

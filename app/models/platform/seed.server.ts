import { audit } from "~/models/platform/audit.server";
import { createDraft, transitionChallenge } from "~/models/challenges/lifecycle.server";
import type { Transition } from "~/models/challenges/status";
import * as draft from "~/models/challenges/draft.server";
import { areaStep } from "~/models/challenges/wizard-steps/area";
import { contactStep } from "~/models/challenges/wizard-steps/contact";
import { dataStep } from "~/models/challenges/wizard-steps/data";
import { outcomeStep } from "~/models/challenges/wizard-steps/outcome";
import { problemStep } from "~/models/challenges/wizard-steps/problem";
import { skillsStep } from "~/models/challenges/wizard-steps/skills";
import { teamStep } from "~/models/challenges/wizard-steps/team";
import { themesStep } from "~/models/challenges/wizard-steps/themes";
import { whyStep } from "~/models/challenges/wizard-steps/why";
import { demoChallenges, type DemoChallenge } from "~/models/challenges/demo";
import { seedDemoApplications } from "~/models/applications/demo.server";
import { seedDemoCheckIns, seedDemoTeams } from "~/models/event-teams/demo.server";
import { seedDemoImpact } from "~/models/impact/demo.server";
import { seedDemoEvents } from "~/models/events/demo.server";
import { seedDemoJudging } from "~/models/judging/demo.server";
import { seedDemoProjects } from "~/models/projects/demo.server";
import { seedDemoRegistrations } from "~/models/registrations/demo.server";
import { seedDemoOutcomes } from "~/models/outcomes/demo.server";
import { readCouncilRegister } from "~/models/organisations/council-register.server";
import { addHubOrganiser } from "~/models/organisations/hub.server";
import { acceptInvitation, createInvitation } from "~/models/organisations/invitation.server";
import { makePlatformAdmin } from "~/models/organisations/membership.server";
import { claimCouncil, verifyCouncil } from "~/models/organisations/verification.server";
import { syncCouncilsFromRegister } from "~/models/organisations/organisation.server";
import { syncSkillTaxonomy } from "~/models/taxonomy/skill.server";
import { seedThemes } from "~/models/taxonomy/theme.server";
import { loadSkillTaxonomy } from "~/models/taxonomy/skill-taxonomy.server";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { seedDemoPeople } from "~/models/profiles/demo.server";
import type { Actor } from "~/models/platform/actor";
import type { z, ZodTypeAny } from "zod";
import { prisma } from "~/services/db.server";
import { hashPassword } from "~/services/password.server";

type Log = (line: string) => void;

/** Councils from the register, the skill taxonomy and the themes: every installation has these. */
export async function seedReferenceData(log: Log = () => {}) {
  const councils = await syncCouncilsFromRegister(readCouncilRegister());
  log(`councils: ${councils.created} added, ${councils.updated} updated, ${councils.unchanged} unchanged`);
  const skills = await syncSkillTaxonomy(loadSkillTaxonomy());
  log(
    `skills: ${skills.created} added, ${skills.updated} updated, ${skills.removed} removed, ${skills.unchanged} unchanged; links: ${skills.linksAdded} added, ${skills.linksRemoved} removed`,
  );
  const themes = await seedThemes();
  if (themes.created + themes.worded > 0) log(`themes: ${themes.created} added, ${themes.worded} given everyday words`);
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

/** Demo accounts live at a reserved domain (RFC 2606 `.invalid`), so anyone can tell them apart. */
export const DEMO_EMAIL_DOMAIN = "demo.nettle.invalid";
export const DEMO_HUB_SLUG = "demo-pennine-data-hub";
/** Wakefield: a real council in the demo hub's region that no browser journey claims. */
export const DEMO_COUNCIL_CODE = "WKF";

export const demoAccounts = [
  { role: "council officer", email: `officer@${DEMO_EMAIL_DOMAIN}`, displayName: "Priya Shah (demo)", kind: "council_staff" },
  { role: "council officer", email: `colleague@${DEMO_EMAIL_DOMAIN}`, displayName: "Tom Barker (demo)", kind: "council_staff" },
  { role: "hub organiser", email: `organiser@${DEMO_EMAIL_DOMAIN}`, displayName: "Hana Okafor (demo)", kind: "volunteer" },
  { role: "volunteer", email: `volunteer@${DEMO_EMAIL_DOMAIN}`, displayName: "Sam Lee (demo)", kind: "volunteer" },
  { role: "admin", email: `admin@${DEMO_EMAIL_DOMAIN}`, displayName: "Alex Morgan (demo)", kind: "academic" },
] as const;

/**
 * Whether start-up adds the demo data. `NETTLE_DEMO_DATA` decides when it is set; otherwise
 * only an installation on the embedded database gets it: that is someone trying Nettle on their
 * own machine, while a server with its own PostgreSQL must ask for it (see decision 007).
 */
export function demoDataWanted(setting: string | undefined, embeddedDatabase: boolean) {
  if (setting === "true") return true;
  if (setting === "false") return false;
  return embeddedDatabase;
}

/**
 * Demo data on top of the reference data: fictional organisations and, when `password` is
 * given, demo accounts (all sharing that password), a verified demo council with officers and
 * challenges at every stage, made through the same model functions people use. Idempotent:
 * the accounts and challenges are added once per database and never overwritten after that.
 */
export async function seedDemoData(log: Log = () => {}, options: { password?: string } = {}) {
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
  if (options.password) await seedDemoHub(options.password, log);
}

const DEMO_MARKER = "platform.seed_demo";

/** The demo accounts that still exist, for `npm start` to print how to sign in. */
export async function listDemoAccounts() {
  const users = await prisma.user.findMany({
    where: { email: { in: demoAccounts.map((a) => a.email) }, deletedAt: null },
    select: { email: true },
  });
  const present = new Set(users.map((u) => u.email));
  return demoAccounts.filter((a) => present.has(a.email)).map(({ role, email }) => ({ role, email }));
}

async function seedDemoHub(password: string, log: Log) {
  const hub = await prisma.organisation.findUniqueOrThrow({ where: { slug: DEMO_HUB_SLUG }, select: { id: true } });
  // Once seeded, never again: people may have changed or deleted what the demo made.
  if (await prisma.auditLog.findFirst({ where: { organisationId: hub.id, action: DEMO_MARKER }, select: { id: true } })) return;

  const started = performance.now();
  const passwordHash = await hashPassword(password);
  const users: Record<string, Actor> = {};
  for (const account of demoAccounts) {
    const existing = await prisma.user.findUnique({ where: { email: account.email } });
    const user =
      existing ??
      (await prisma.$transaction(async (tx) => {
        const created = await tx.user.create({
          data: { email: account.email, displayName: account.displayName, kind: account.kind, passwordHash, emailVerifiedAt: new Date() },
        });
        await audit(tx, { actorId: null, action: "user.create_account", subjectType: "user", subjectId: created.id, details: { via: "demo data" } });
        return created;
      }));
    users[account.email] = { ...user, email: user.email, sessionId: "demo-seed" };
  }
  const [officer, colleague, organiser, volunteer, admin] = demoAccounts.map((a) => users[a.email]!);
  await addHubOrganiser(organiser!.email!, DEMO_HUB_SLUG);
  await makePlatformAdmin(admin!.email!);

  // People first: the demo invitation goes to one of them.
  const peopleStarted = performance.now();
  const people = await seedDemoPeople(users[`volunteer@${DEMO_EMAIL_DOMAIN}`] ?? null);
  log(`demo people: ${people} added with skills profiles in ${((performance.now() - peopleStarted) / 1000).toFixed(1)} s`);

  const council = await prisma.organisation.findUniqueOrThrow({
    where: { localAuthorityCode: DEMO_COUNCIL_CODE },
    select: { id: true, name: true, claimedById: true, _count: { select: { memberships: true, challenges: true } } },
  });
  let challenges = 0;
  if (council.claimedById || council._count.memberships > 0 || council._count.challenges > 0) {
    log(`demo council: ${council.name} already has people on Nettle, so it gets no demo challenges`);
  } else {
    await claimCouncil(officer!, council.id);
    await verifyCouncil(organiser!, council.id);
    const invitation = await createInvitation(officer!, council.id, { email: colleague!.email!, role: "member" });
    await acceptInvitation(colleague!, invitation.token);
    for (const challenge of demoChallenges) {
      await seedChallenge(challenge, council.id, { officer: officer!, organiser: organiser! });
      challenges++;
    }
    await seedDemoApplications({ volunteer: volunteer!, officer: officer! }, council.id);
    await seedDemoProjects({ officer: officer! }, council.id);
    await seedDemoOutcomes({ officer: officer! }, council.id);
    await seedDemoImpact({ officer: officer! }, council.id);
    await seedDemoEvents({ organiser: organiser! }, council.id);
    await seedDemoRegistrations(log);
    await seedDemoCheckIns({ organiser: organiser! });
    await seedDemoTeams({ organiser: organiser! });
    await seedDemoJudging({ organiser: organiser! });
  }
  await prisma.$transaction((tx) =>
    audit(tx, { actorId: null, action: DEMO_MARKER, subjectType: "organisation", subjectId: hub.id, organisationId: hub.id, details: { challenges } }),
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`demo accounts: ${demoAccounts.length} added; demo challenges: ${challenges} added for ${council.name} in ${seconds} s`);
}

/** The path each status takes from a draft, as the council and the hub would take it. */
const pathTo: Record<DemoChallenge["status"], Transition[]> = {
  draft: [],
  submitted: ["submit"],
  open: ["submit", "approve"],
  in_progress: ["submit", "approve", "start"],
  delivered: ["submit", "approve", "start", "deliver"],
  // Its outcome is then written, signed off and published by seedDemoOutcomes.
  outcome_published: ["submit", "approve", "start"],
  closed: ["submit", "approve", "start", "deliver", "publish-outcome", "close"],
};

async function seedChallenge(demo: DemoChallenge, councilId: string, people: { officer: Actor; organiser: Actor }) {
  const { officer, organiser } = people;
  const { id } = await createDraft(officer, councilId);
  // Each step's answers go through its form's schema, as the officer's would.
  const save = async <Schema extends ZodTypeAny>(
    schema: Schema,
    saveStep: (actor: Actor, challengeId: string, value: z.output<Schema>) => Promise<unknown>,
    fields: z.input<Schema>,
  ) => {
    const parsed = schema.safeParse(fields);
    if (!parsed.success) throw new Error(`Demo challenge "${demo.title}": ${JSON.stringify(parsed.error.flatten().fieldErrors)}`);
    await saveStep(officer, id, parsed.data);
  };
  await save(problemStep, draft.saveProblem, { title: demo.title, problem: demo.problem, whoIsAffected: demo.whoIsAffected });
  if (demo.status === "draft") return;

  await save(whyStep, draft.saveWhy, { whyItMatters: demo.whyItMatters });
  await save(outcomeStep, draft.saveOutcome, { outcomeWanted: demo.outcomeWanted, successMeasures: demo.successMeasures });
  const themes = await prisma.theme.findMany({ where: { slug: { in: demo.themes } }, select: { id: true } });
  await save(themesStep, draft.saveThemes, { themes: themes.map((t) => t.id) });
  await save(areaStep, draft.saveArea, { area: demo.area });
  for (const [slug, importance] of demo.skills) {
    const skill = await prisma.skill.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    await save(skillsStep, draft.saveSkills, { intent: "add-skill", skillId: skill.id, importance });
  }
  await save(skillsStep, draft.saveSkills, { intent: "continue" });
  const deadline = demo.team.monthsToDeadline === null ? null : new Date();
  deadline?.setMonth(deadline.getMonth() + demo.team.monthsToDeadline!);
  await save(teamStep, draft.saveTeam, {
    teamSizeMin: String(demo.team.min),
    teamSizeMax: String(demo.team.max),
    timeCommitment: demo.team.time,
    deadline: {
      day: deadline ? String(deadline.getDate()) : "",
      month: deadline ? String(deadline.getMonth() + 1) : "",
      year: deadline ? String(deadline.getFullYear()) : "",
    },
  });
  for (const dataset of demo.datasets) {
    await save(dataStep, draft.saveData, {
      intent: "save-dataset",
      ...dataset,
      link: dataset.link ?? "",
      personalData: dataset.personalData ? "yes" : "no",
    });
  }
  await save(dataStep, draft.saveData, { intent: "continue" });
  await save(contactStep, draft.saveContact, {
    contactName: officer.displayName.replace(/ \(demo\)$/, ""),
    contactEmail: officer.email!,
  });

  for (const transition of pathTo[demo.status]) {
    const by = transition === "submit" || transition === "start" || transition === "deliver" ? officer : organiser;
    await transitionChallenge(by, id, transition);
  }
}

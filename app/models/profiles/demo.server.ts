import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { replaceProfileSkills, saveProfileDetails } from "~/models/profiles/profile.server";
import { DEMO_PEOPLE_EMAIL_DOMAIN, demoPeople, demoVolunteerProfile, type DemoPerson } from "~/models/profiles/demo";
import { detailsForm } from "~/models/profiles/schemas";
import { prisma } from "~/services/db.server";

// Demo people with skills profiles, made through the same model functions a person uses (each
// profile checked by the profile form's schema), so the audit log and the people index see them
// like anyone else. Called once, with the rest of the demo (platform/seed.server.ts).

const monthsFromNow = (months: number) => {
  const date = new Date();
  date.setUTCMonth(date.getUTCMonth() + months);
  return { day: String(date.getUTCDate()), month: String(date.getUTCMonth() + 1), year: String(date.getUTCFullYear()) };
};
const noDate = { day: "", month: "", year: "" };

export const demoPersonEmail = (name: string) =>
  `${name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z ]/g, "")
    .trim()
    .replace(/\s+/g, ".")}@${DEMO_PEOPLE_EMAIL_DOMAIN}`;

async function giveProfile(actor: Actor, person: DemoPerson, universityId: string | null) {
  const parsed = detailsForm.safeParse({
    intent: "details",
    kind: person.kind,
    headline: person.headline,
    bio: person.bio ?? "",
    themes: (await prisma.theme.findMany({ where: { slug: { in: person.themes } }, select: { id: true } })).map((t) => t.id),
    region: person.region ?? undefined,
    remoteOk: person.remoteOk ? "yes" : "no",
    hoursPerWeek: person.hoursPerWeek ?? undefined,
    availableFrom: person.availableInMonths ? monthsFromNow(person.availableInMonths) : noDate,
    availableUntil: person.availableForMonths ? monthsFromNow((person.availableInMonths ?? 0) + person.availableForMonths) : noDate,
    institutionId: person.university && universityId ? universityId : undefined,
    githubUrl: person.github,
    visibility: person.visibility ?? "members",
    openToInvitations: person.openToInvitations === false ? "no" : "yes",
  });
  if (!parsed.success) throw new Error(`Demo person "${person.name}": ${JSON.stringify(parsed.error.flatten().fieldErrors)}`);
  await saveProfileDetails(actor, actor.id, parsed.data);
  await replaceProfileSkills(
    actor,
    actor.id,
    person.skills.map(([slug, level]) => ({ slug, level })),
  );
}

/** Adds the demo people (those not there yet) and the demo volunteer's profile; returns how many people were added. */
export async function seedDemoPeople(volunteer: Actor | null) {
  const university = await prisma.organisation.findFirst({ where: { kind: "university", slug: "demo-riverside-university" }, select: { id: true } });
  const universityId = university?.id ?? null;
  if (volunteer && !(await prisma.profile.findUnique({ where: { userId: volunteer.id }, select: { userId: true } }))) {
    await giveProfile(volunteer, demoVolunteerProfile, universityId);
  }
  let added = 0;
  for (const person of demoPeople) {
    const email = demoPersonEmail(person.name);
    if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) continue;
    const user = await prisma.$transaction(async (tx) => {
      // No password: nobody signs in as a demo person.
      const created = await tx.user.create({
        data: { email, displayName: `${person.name} (demo)`, kind: person.kind, emailVerifiedAt: new Date() },
      });
      await audit(tx, { actorId: null, action: "user.create_account", subjectType: "user", subjectId: created.id, details: { via: "demo data" } });
      return created;
    });
    await giveProfile({ ...user, sessionId: "demo-seed" }, person, universityId);
    added++;
  }
  return added;
}

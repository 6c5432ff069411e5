import { expressInterest, inviteParticipant } from "~/models/applications/applications.server";
import { matchableProfile } from "~/models/matching/search-index.server";
import type { Actor } from "~/models/platform/actor";
import { prisma } from "~/services/db.server";

// Demo offers of help and an invitation on the demo council's open challenges, made through the
// same functions people use, so a newcomer's first start shows both sides at work.

export async function seedDemoApplications(people: { volunteer: Actor; officer: Actor }, councilId: string) {
  const open = await prisma.challenge.findMany({
    where: { organisationId: councilId, status: { in: ["open", "in_progress"] } },
    orderBy: { publishedAt: "asc" },
    select: { slug: true },
  });
  const [first, second] = open;
  if (!first) return 0;
  await expressInterest(people.volunteer, first.slug, {
    role: "Data cleaning and mapping",
    message: "I volunteer with a local flood group and can give a few hours a week. Happy to start with the data cleaning.",
  });
  // An invitation needs someone who may be invited: a (demo) person with a matchable profile.
  const invitee = await prisma.profile.findFirst({
    where: { ...matchableProfile, userId: { not: people.volunteer.id }, user: { ...matchableProfile.user, memberships: { none: { organisationId: councilId } } } },
    orderBy: { createdAt: "asc" },
    select: { userId: true },
  });
  if (!invitee || !second) return 1;
  await inviteParticipant(people.officer, second.slug, invitee.userId, {
    message: "Your profile says you know this area well. Would you join the team for a few weeks?",
  });
  return 2;
}

import type { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/models/platform/actor";
import { definePolicy, membershipRole } from "~/models/platform/policy.server";
import { prisma } from "~/services/db.server";

// Who may keep which saved searches. A search belongs to the person who saved it and nobody
// else reads or changes it. A people search finds people for a council, so only that council's
// members may keep one, and it stops finding anyone for someone who has left the council.

export interface CouncilRef {
  id: string;
  name: string;
  kind: string;
}

export async function isCouncilMember(userId: string, council: CouncilRef, db: Prisma.TransactionClient = prisma) {
  return council.kind === "council" && (await membershipRole(userId, council.id, db)) !== null;
}

export const savedSearchPolicy = definePolicy(
  {
    save_challenge_search: (actor: Actor | null, _resource: undefined) => actor !== null,
    save_people_search: async (actor: Actor | null, council: CouncilRef) =>
      actor !== null && (await isCouncilMember(actor.id, council)),
    manage: (actor: Actor | null, search: { userId: string }) => actor !== null && actor.id === search.userId,
  },
  {
    save_challenge_search: () => "Sign in to save a search.",
    save_people_search: (council) =>
      `Only members of ${council.name} can save a search for people for it. Ask one of its owners to add you.`,
    manage: () => "This saved search belongs to someone else.",
  },
);

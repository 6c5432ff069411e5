import type { MembershipRole, Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/models/platform/actor";
import { forbidden } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

// How a domain says who may do what. Each domain defines one policy with definePolicy: a rule
// per action, and in words what someone would need. Its model functions call `authorize`
// themselves before every write and before returning restricted fields; routes call `may` to
// decide what to show. A button hidden is never the check.

type Rule<Resource> = (actor: Actor | null, resource: Resource) => boolean | Promise<boolean>;

export function definePolicy<Rules extends Record<string, Rule<never>>>(
  rules: Rules,
  needs: { [A in keyof Rules]: (resource: Parameters<Rules[A]>[1]) => string },
) {
  type Action = keyof Rules & string;
  type ResourceOf<A extends Action> = Parameters<Rules[A]>[1];

  /** Whether `actor` may do `action` to `resource`. Anonymous visitors are `null`. */
  async function may<A extends Action>(actor: Actor | null, action: A, resource: ResourceOf<A>): Promise<boolean> {
    return (rules[action] as Rule<ResourceOf<A>>)(actor, resource);
  }

  /** Throws a "forbidden" DomainError saying what would be needed, unless `actor` may. */
  async function authorize<A extends Action>(actor: Actor | null, action: A, resource: ResourceOf<A>): Promise<void> {
    if (!(await may(actor, action, resource))) throw forbidden(needs[action](resource));
  }

  return { may, authorize };
}

/** Nothing to act on: for actions about the platform as a whole. */
export const NONE = undefined;

// ---------------------------------------------------------------------------------------
// Facts several policies ask about. Each reads through `db`: a policy asked inside a
// transaction passes it, so the answer is read under the transaction's locks on its own
// connection.
// ---------------------------------------------------------------------------------------

type Db = Prisma.TransactionClient;

export async function membershipRole(userId: string, organisationId: string, db: Db = prisma): Promise<MembershipRole | null> {
  const membership = await db.membership.findUnique({
    where: { userId_organisationId: { userId, organisationId } },
    select: { role: true },
  });
  return membership?.role ?? null;
}

/** Hubs that serve a council: by its region, or because they chose it. */
export async function hubsServing(council: { id: string; region: string | null }, db: Db = prisma) {
  return db.organisation.findMany({
    where: {
      kind: "hub",
      OR: [
        ...(council.region ? [{ servesRegions: { has: council.region } }] : []),
        { servedCouncils: { some: { councilId: council.id } } },
      ],
    },
    select: { id: true, name: true, slug: true },
  });
}

/** True if the user organises (is a member of) a hub that serves this council. */
export async function isHubOrganiserFor(userId: string, council: { id: string; region: string | null }, db: Db = prisma) {
  const hubs = await hubsServing(council, db);
  if (hubs.length === 0) return false;
  const count = await db.membership.count({ where: { userId, organisationId: { in: hubs.map((hub) => hub.id) } } });
  return count > 0;
}

/** True if the user organises any hub at all (for the hub dashboard). */
export async function isAnyHubOrganiser(userId: string, db: Db = prisma) {
  return (await db.membership.count({ where: { userId, organisation: { kind: "hub" } } })) > 0;
}

// ---------------------------------------------------------------------------------------
// The platform's own pages.
// ---------------------------------------------------------------------------------------

const isAdmin = (actor: Actor | null) => actor?.isAdmin === true;

export const platformPolicy = definePolicy(
  {
    administer: (actor: Actor | null, _resource: typeof NONE) => isAdmin(actor),
    view_audit_log: (actor: Actor | null, _resource: typeof NONE) => isAdmin(actor),
  },
  {
    administer: () => "You need to be a platform administrator to see this page.",
    view_audit_log: () => "You need to be a platform administrator to see this page.",
  },
);

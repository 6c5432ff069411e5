import type { Prisma } from "~/generated/prisma/client";
import type { AuditAction } from "~/models/registry/audit-actions";
import { prisma } from "~/services/db.server";

// The audit log: every change to roles, memberships and verification, with who made it.
// Write it in the same transaction as the change it describes.

type Db = Prisma.TransactionClient | typeof prisma;

export interface AuditEntry {
  actorId: string | null;
  action: AuditAction;
  subjectType:
    | "user"
    | "organisation"
    | "membership"
    | "invitation"
    | "challenge"
    | "theme"
    | "skill"
    | "skill_proposal"
    | "application"
    | "project"
    | "repository"
    | "outcome"
    | "impact_check"
    | "event";
  subjectId: string;
  organisationId?: string | null;
  details?: Prisma.InputJsonObject;
}

export async function audit(db: Db, entry: AuditEntry) {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      organisationId: entry.organisationId ?? null,
      details: entry.details ?? {},
    },
  });
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditLog({ page = 1, organisationId }: { page?: number; organisationId?: string } = {}) {
  const where = organisationId ? { organisationId } : {};
  const [entries, total] = await Promise.all([
    prisma.auditLog.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      include: { actor: { select: { displayName: true, deletedAt: true } } },
    }),
    prisma.auditLog.count({ where }),
  ]);
  return { entries, total, page, totalPages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

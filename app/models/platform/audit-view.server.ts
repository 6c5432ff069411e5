import type { Actor } from "~/models/platform/actor";
import { listAuditLog } from "~/models/platform/audit.server";
import { NONE, platformPolicy } from "~/models/platform/policy.server";
import { auditActionLabels, auditDetailLabels } from "~/models/registry/audit-actions";
import { prisma } from "~/services/db.server";

// The audit log as people read it: actions in words, who did it, and what it was about, with
// names looked up now (a deleted account reads "Former member").


export interface AuditRow {
  id: string;
  createdAt: Date;
  who: string;
  action: string;
  subject: { text: string; href: string | null };
  details: { label: string; value: string }[];
}

type Details = Record<string, unknown>;

function asDetails(value: unknown): Details {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Details) : {};
}

/** A page of the audit log, newest first, for platform administrators only. */
export async function auditLogPage(actor: Actor | null, page: number) {
  await platformPolicy.authorize(actor, "view_audit_log", NONE);
  const log = await listAuditLog({ page });
  const orgIds = new Set<string>();
  const userIds = new Set<string>();
  const challengeIds = new Set<string>();
  const themeIds = new Set<string>();
  for (const entry of log.entries) {
    if (entry.subjectType === "challenge") challengeIds.add(entry.subjectId);
    if (entry.subjectType === "theme") themeIds.add(entry.subjectId);
    if (entry.organisationId) orgIds.add(entry.organisationId);
    if (entry.subjectType === "organisation") orgIds.add(entry.subjectId);
    if (entry.subjectType === "user") userIds.add(entry.subjectId);
    const details = asDetails(entry.details);
    for (const key of ["userId", "claimantId"]) if (typeof details[key] === "string") userIds.add(details[key]);
  }
  const [orgs, users, challenges, themes] = await Promise.all([
    prisma.organisation.findMany({ where: { id: { in: [...orgIds] } }, select: { id: true, name: true, slug: true } }),
    prisma.user.findMany({
      where: { id: { in: [...userIds] } },
      select: { id: true, displayName: true, deletedAt: true },
    }),
    prisma.challenge.findMany({ where: { id: { in: [...challengeIds] } }, select: { id: true, title: true, slug: true, status: true } }),
    prisma.theme.findMany({ where: { id: { in: [...themeIds] } }, select: { id: true, name: true } }),
  ]);
  const challengeById = new Map(challenges.map((c) => [c.id, c]));
  const themeById = new Map(themes.map((t) => [t.id, t]));
  const orgById = new Map(orgs.map((org) => [org.id, org]));
  const nameOf = (id: unknown) => {
    const user = typeof id === "string" ? users.find((u) => u.id === id) : undefined;
    return !user || user.deletedAt ? "Former member" : user.displayName;
  };

  const rows: AuditRow[] = log.entries.map((entry) => {
    const details = asDetails(entry.details);
    const org = entry.organisationId ? orgById.get(entry.organisationId) : undefined;
    const orgLink = (target = org) =>
      target
        ? { text: target.name, href: `/organisations/${target.slug}` }
        : { text: "A deleted organisation", href: null };
    let subject: AuditRow["subject"];
    switch (entry.subjectType) {
      case "organisation":
        subject = orgLink(orgById.get(entry.subjectId));
        break;
      case "membership":
        subject = { ...orgLink(), text: `${nameOf(details.userId)} in ${org?.name ?? "a deleted organisation"}` };
        break;
      case "invitation":
        subject = { ...orgLink(), text: `Invitation to ${org?.name ?? "a deleted organisation"}` };
        break;
      case "user":
        subject = { text: nameOf(entry.subjectId), href: null };
        break;
      case "challenge": {
        // Titles as they are now; a deleted draft keeps the title it had, from the entry.
        const challenge = challengeById.get(entry.subjectId);
        const title = challenge?.title || (typeof details.title === "string" ? details.title : "") || "Untitled challenge";
        subject = {
          text: challenge ? title : `${title} (deleted)`,
          href: challenge ? (challenge.status === "draft" ? null : `/challenges/${challenge.id}/review`) : null,
        };
        break;
      }
      case "theme":
        subject = { text: themeById.get(entry.subjectId)?.name ?? "A deleted theme", href: null };
        break;
      case "application":
        subject = { text: `Offer of help or invitation (${org?.name ?? "a deleted organisation"})`, href: `/applications/${entry.subjectId}` };
        break;
      default:
        subject = { text: `${entry.subjectType} ${entry.subjectId}`, href: null };
    }
    return {
      id: entry.id.toString(),
      createdAt: entry.createdAt,
      who:
        entry.actorId === null
          ? "Command line"
          : !entry.actor || entry.actor.deletedAt
            ? "Former member"
            : entry.actor.displayName,
      action:
        entry.action === "membership.remove" && details.via === "left"
          ? "Left an organisation"
          : ((auditActionLabels as Record<string, string>)[entry.action] ?? entry.action),
      subject,
      details: Object.entries(details)
        .filter(([key]) => key !== "hubId")
        .map(([key, value]) => ({
          label: auditDetailLabels[key] ?? key,
          value: key === "userId" || key === "claimantId" ? nameOf(value) : formatValue(value),
        })),
    };
  });
  return { rows, page: log.page, totalPages: log.totalPages, total: log.total };
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(formatValue).join(", ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (value === null || value === undefined) return "–";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

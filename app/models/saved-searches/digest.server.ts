import { Prisma } from "~/generated/prisma/client";
import { matchableProfile } from "~/models/matching/search-index.server";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";
import type { SavedSearchMailGroup } from "~/models/saved-searches/mails";
import { isCouncilMember } from "~/models/saved-searches/policy.server";
import { unsubscribePath, unsubscribeToken } from "~/models/saved-searches/unsubscribe.server";
import { prisma } from "~/services/db.server";

// The daily (7am UK time) and weekly (Monday 7am) emails: one per person, listing each result
// not yet emailed once, grouped by saved search. The job runs every hour and each search is
// due once per period, so a worker that was down at 7am catches up, and two workers running
// it at once send one email (the searches are locked while their email is written).

type Tx = Prisma.TransactionClient;

const LONDON = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  weekday: "short",
  hourCycle: "h23",
});

function londonParts(date: Date) {
  const parts = Object.fromEntries(LONDON.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.weekday ?? ""),
  };
}

/** The instant it is 7am in London on the London calendar day of `date` shifted by `days`. */
function sevenAmLondon(date: Date, days: number) {
  const { year, month, day } = londonParts(date);
  const guess = new Date(Date.UTC(year, month - 1, day + days, 7, 0));
  // London is UTC or UTC+1: read the clock at the guess and correct by the difference.
  const seen = londonParts(guess);
  const offsetMinutes = (seen.hour - 7) * 60 + seen.minute;
  return new Date(guess.getTime() - offsetMinutes * 60_000);
}

/** When the current daily and weekly periods began (the latest 7am, the latest Monday 7am). */
export function digestPeriods(now: Date) {
  const todaySeven = sevenAmLondon(now, 0);
  const daily = todaySeven <= now ? todaySeven : sevenAmLondon(now, -1);
  const daysSinceMonday = londonParts(daily).weekday;
  const weekly = sevenAmLondon(daily, -daysSinceMonday);
  return { daily, weekly };
}

interface DueSearch {
  id: string;
  name: string;
  target: "challenges" | "people";
  email_frequency: "daily" | "weekly";
  organisation_id: string | null;
}

const dueClause = (daily: Date, weekly: Date) => Prisma.sql`(
  (s.email_frequency = 'daily' AND COALESCE(s.last_digest_at, s.created_at) < ${daily})
  OR (s.email_frequency = 'weekly' AND COALESCE(s.last_digest_at, s.created_at) < ${weekly}))`;

/** Sends every digest that is due at `now`; returns how many emails were queued. */
export async function sendSavedSearchDigests(now = new Date()) {
  const { daily, weekly } = digestPeriods(now);
  const users = await prisma.$queryRaw<{ user_id: string }[]>`
    SELECT DISTINCT s.user_id FROM saved_searches s JOIN users u ON u.id = s.user_id
    WHERE u.deleted_at IS NULL AND ${dueClause(daily, weekly)}`;
  let sent = 0;
  for (const { user_id: userId } of users) {
    if (await sendDigestTo(userId, daily, weekly, now)) sent++;
  }
  return sent;
}

async function sendDigestTo(userId: string, daily: Date, weekly: Date, now: Date) {
  return prisma.$transaction(async (tx) => {
    // Locked and re-read: a second run waits here, then finds nothing due.
    const due = await tx.$queryRaw<DueSearch[]>`
      SELECT s.id, s.name, s.target, s.email_frequency, s.organisation_id FROM saved_searches s
      WHERE s.user_id = ${userId} AND ${dueClause(daily, weekly)}
      ORDER BY s.created_at, s.id
      FOR UPDATE`;
    if (due.length === 0) return false;
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { email: true, displayName: true, deletedAt: true },
    });
    const groups: (SavedSearchMailGroup & { hitIds: string[]; id: string })[] = [];
    for (const search of due) {
      const hits = await tx.savedSearchHit.findMany({
        where: { savedSearchId: search.id, emailedAt: null },
        orderBy: [{ createdAt: "asc" }, { documentId: "asc" }],
        select: { documentId: true, title: true, href: true },
      });
      const shown = await stillShown(tx, userId, search, hits);
      if (shown.length === 0) continue;
      groups.push({
        id: search.id,
        searchName: search.name,
        items: shown.map((hit) => ({ title: hit.title, link: absoluteUrl(hit.href) })),
        hitIds: shown.map((hit) => hit.documentId),
        unsubscribeLink: absoluteUrl(unsubscribePath(await unsubscribeToken(search.id))),
      });
    }
    const frequencies = new Set(due.filter((s) => groups.some((g) => g.id === s.id)).map((s) => s.email_frequency));
    if (groups.length > 0 && user?.email && !user.deletedAt) {
      await queueMail(
        tx,
        user.email,
        "saved-search-digest",
        {
          name: user.displayName,
          period: frequencies.size === 2 ? "daily and weekly" : frequencies.has("weekly") ? "weekly" : "daily",
          groups: groups.map(({ searchName, items, unsubscribeLink }) => ({ searchName, items, unsubscribeLink })),
          manageLink: absoluteUrl("/account/saved-searches"),
        },
        // One click in the mail program stops one search; an email about several names each
        // search's own link in its text instead.
        groups.length === 1 ? { unsubscribeUrl: groups[0]!.unsubscribeLink } : {},
      );
      for (const group of groups) {
        await tx.savedSearchHit.updateMany({
          where: { savedSearchId: group.id, documentId: { in: group.hitIds } },
          data: { emailedAt: now },
        });
      }
    }
    await tx.savedSearch.updateMany({ where: { id: { in: due.map((s) => s.id) } }, data: { lastDigestAt: now } });
    return groups.length > 0;
  });
}

/**
 * The hits a digest may still list. People found earlier are left out if they have since hidden
 * their profile (or stopped being matchable), and a people search lists nobody once its owner
 * has left the council.
 */
async function stillShown<Hit extends { documentId: string }>(tx: Tx, userId: string, search: DueSearch, hits: Hit[]) {
  if (search.target === "challenges" || hits.length === 0) return hits;
  const council = search.organisation_id
    ? await tx.organisation.findUnique({
        where: { id: search.organisation_id },
        select: { id: true, name: true, kind: true },
      })
    : null;
  if (!council || !(await isCouncilMember(userId, council, tx))) return [];
  const matchable = new Set(
    (
      await tx.profile.findMany({
        where: { userId: { in: hits.map((hit) => hit.documentId) }, ...matchableProfile },
        select: { userId: true },
      })
    ).map((p) => p.userId),
  );
  return hits.filter((hit) => matchable.has(hit.documentId));
}

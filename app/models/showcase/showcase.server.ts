import { authorizeEvent } from "~/models/events/policy.server";
import { formatEventRange } from "~/models/events/time";
import { publicChallenges } from "~/models/challenges/policy.server";
import { publishedOutcomes } from "~/models/outcomes/public.server";
import type { Actor } from "~/models/platform/actor";
import { notFound } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

// An event's showcase and its presentation mode: the teams (those with members), their
// challenge, one-line summary, demo link, project and, once published, outcome, and the awards
// announced. Public for published and finished events; organisers also see drafts' and
// cancelled events' (to check them before the day). Challenges, projects and outcomes are
// linked only when the public may see them; team members are not named here.

export type ShowcaseOrder = "presentation" | "challenge";

export interface ShowcaseTeam {
  id: string;
  name: string;
  summary: string;
  /** Only http(s) addresses; anything else is dropped. */
  demoUrl: string | null;
  members: number;
  challenge: { title: string; slug: string | null };
  project: { title: string; slug: string } | null;
  outcome: { title: string; slug: string } | null;
  awards: { name: string; peoplesChoice: boolean }[];
}

const webAddress = (text: string) => {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
};

export async function showcase(actor: Actor | null, slug: string, order: ShowcaseOrder = "presentation") {
  const { event, access } = await authorizeEvent(actor, { slug }, "view");
  if (!access.organiser && event.status !== "published" && event.status !== "finished") throw notFound("There is no showcase for this event.");
  const [featured, teams, awards] = await Promise.all([
    prisma.eventChallenge.findMany({ where: { eventId: event.id }, select: { challengeId: true, position: true } }),
    prisma.eventTeam.findMany({
      where: { eventId: event.id, members: { some: {} } },
      select: {
        id: true,
        name: true,
        summary: true,
        demoUrl: true,
        presentationOrder: true,
        challengeId: true,
        _count: { select: { members: true } },
        challenge: { select: { title: true, slug: true, status: true } },
        project: { select: { title: true, slug: true, challenge: { select: { status: true } }, outcome: { select: { slug: true, title: true, state: true, publishedAt: true } } } },
      },
    }),
    prisma.award.findMany({
      where: { eventId: event.id, announcedAt: { not: null }, teamId: { not: null } },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { name: true, teamId: true, peoplesChoice: true },
    }),
  ]);
  const publicStatuses = new Set<string>(publicChallenges.status.in);
  const position = new Map(featured.map((f) => [f.challengeId, f.position]));
  const byChallenge = (a: (typeof teams)[number], b: (typeof teams)[number]) =>
    (position.get(a.challengeId) ?? 0) - (position.get(b.challengeId) ?? 0) || a.challenge.title.localeCompare(b.challenge.title) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  const sorted = [...teams].sort((a, b) => {
    if (order === "presentation") {
      const pa = a.presentationOrder ?? Number.POSITIVE_INFINITY;
      const pb = b.presentationOrder ?? Number.POSITIVE_INFINITY;
      if (pa !== pb) return pa - pb;
    }
    return byChallenge(a, b);
  });
  const hasPresentationOrder = teams.some((t) => t.presentationOrder !== null);
  const list: ShowcaseTeam[] = sorted.map((t) => {
    const outcome = t.project?.outcome;
    const outcomePublic = outcome && outcome.state === publishedOutcomes.state && outcome.publishedAt !== null && publicStatuses.has(t.challenge.status);
    return {
      id: t.id,
      name: t.name,
      summary: t.summary,
      demoUrl: t.demoUrl ? webAddress(t.demoUrl) : null,
      members: t._count.members,
      challenge: { title: t.challenge.title, slug: publicStatuses.has(t.challenge.status) ? t.challenge.slug : null },
      project: t.project && publicStatuses.has(t.project.challenge.status) ? { title: t.project.title, slug: t.project.slug } : null,
      outcome: outcomePublic ? { title: outcome.title, slug: outcome.slug } : null,
      awards: awards.filter((a) => a.teamId === t.id).map((a) => ({ name: a.name, peoplesChoice: a.peoplesChoice })),
    };
  });
  return {
    event: { slug: event.slug, title: event.title, kind: event.kind, status: event.status, when: formatEventRange(event.startsAt, event.endsAt, event.timeZone) },
    order,
    /** Presentation order is the organisers' (judging) order when they set one, else by challenge. */
    hasPresentationOrder,
    teams: list,
  };
}

/** `?order=` and `?team=` as typed: anything unexpected falls back to the first slide in presentation order. */
export function parsePresentationParams(url: URL, teamCount: number) {
  const order: ShowcaseOrder = url.searchParams.get("order") === "challenge" ? "challenge" : "presentation";
  const raw = url.searchParams.get("team") ?? "1";
  const n = /^\d{1,4}$/.test(raw) ? Number(raw) : 1;
  return { order, team: Math.min(Math.max(1, n), Math.max(1, teamCount)) };
}

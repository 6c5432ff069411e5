import type { z } from "zod";
import type { EmailFrequency, Prisma } from "~/generated/prisma/client";
import { parseChallengeSearch, readChallengeSearch, type ChallengeSearch } from "~/models/challenges/search.server";
import { matchableProfile } from "~/models/matching/search-index.server";
import type { Actor } from "~/models/platform/actor";
import { invalid, notFound } from "~/models/platform/errors";
import { isCouncilMember, savedSearchPolicy } from "~/models/saved-searches/policy.server";
import {
  MAX_SAVED_SEARCHES,
  type challengeSearchForm,
  type newSavedSearchForm,
  type peopleSearchForm,
} from "~/models/saved-searches/schemas";
import { synonymKey } from "~/models/taxonomy/skill-taxonomy.server";
import { prisma } from "~/services/db.server";

// Saving searches and keeping them: a participant's search for challenges (the challenge
// search's own parameters) and a council member's search for people (skills, and optionally
// region, remote work and kind). Finding what they match is evaluate.server.ts.

type Tx = Prisma.TransactionClient;

/** A challenge search as stored: the search page's parameters without the page number. */
export type ChallengeQuery = Omit<ChallengeSearch, "page">;

/** A people search as stored: skills by slug (each must be held, directly or implied). */
export interface PeopleQuery {
  skills: string[];
  region: string | null;
  remoteOnly: boolean;
  kind: "volunteer" | "student" | "academic" | null;
}

const kindWords = { volunteer: "volunteers", student: "students", academic: "academics" } as const;

function listWords(items: string[]) {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function clip(text: string, max = 120) {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** "GIS challenges in Yorkshire and The Humber": the name a challenge search gets unless renamed. */
export function describeChallengeSearch(query: ChallengeQuery) {
  const what = [query.q ? `"${query.q}"` : "", ...query.skill, ...query.theme].filter(Boolean);
  const parts = [what.length > 0 ? `${listWords(what)} challenges` : "All challenges"];
  if (query.council.length > 0) parts.push(`from ${listWords(query.council)}`);
  if (query.region.length > 0) parts.push(`in ${listWords(query.region)}`);
  return clip(parts.join(" "));
}

/** "People with hydrological modelling in Yorkshire and The Humber" for a people search. */
export function describePeopleSearch(query: PeopleQuery, skillNames: string[]) {
  const parts = [
    `${query.kind ? kindWords[query.kind][0]!.toUpperCase() + kindWords[query.kind].slice(1) : "People"} with ${listWords(skillNames)}`,
  ];
  if (query.region)
    parts.push(query.remoteOnly ? `in ${query.region}, working remotely` : `in ${query.region} or working remotely`);
  else if (query.remoteOnly) parts.push("working remotely");
  return clip(parts.join(" "));
}

/** The challenges page showing a saved challenge search. */
export function challengeSearchHref(query: ChallengeQuery) {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  for (const key of ["theme", "skill", "council", "region", "status", "sensitivity"] as const) {
    for (const value of query[key]) params.append(key, value);
  }
  if (query.sort !== "newest") params.set("sort", query.sort);
  const text = params.toString();
  return text ? `/challenges?${text}` : "/challenges";
}

/** What "Save this search" on the challenges page offers: the search as a query string and its name. */
export function savedSearchOffer(params: ChallengeSearch) {
  const { page: _page, ...query } = params;
  return {
    search: challengeSearchHref(query).replace(/^\/challenges\??/, ""),
    description: describeChallengeSearch(query),
  };
}

/** A stored query read back (stored JSON is checked, never trusted as typed). */
export function readChallengeQuery(stored: unknown): ChallengeQuery | null {
  if (typeof stored !== "object" || stored === null) return null;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
    for (const item of [value].flat()) if (typeof item === "string") params.append(key, item);
  }
  const parsed = parseChallengeSearch(params);
  if (!parsed.ok) return null;
  const { page: _page, ...query } = parsed.params;
  return query;
}

export function readPeopleQuery(stored: unknown): PeopleQuery | null {
  if (typeof stored !== "object" || stored === null) return null;
  const value = stored as Record<string, unknown>;
  const skills = Array.isArray(value.skills) ? value.skills.filter((s): s is string => typeof s === "string") : [];
  if (skills.length === 0) return null;
  const kind = value.kind === "volunteer" || value.kind === "student" || value.kind === "academic" ? value.kind : null;
  return {
    skills,
    region: typeof value.region === "string" && value.region ? value.region : null,
    remoteOnly: value.remoteOnly === true,
    kind,
  };
}

/** Skills typed as words ("GIS, hydrology") to the taxonomy's skills, by name or synonym. */
export async function resolveSkillWords(text: string, db: Tx = prisma) {
  const words = [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((word) => word.trim())
        .filter(Boolean),
    ),
  ];
  if (words.length > 10) throw invalid("Enter 10 skills or fewer", "skills");
  const skills = await db.skill.findMany({ select: { slug: true, name: true, synonyms: true } });
  const byKey = new Map<string, { slug: string; name: string }>();
  for (const skill of skills) {
    for (const term of [skill.name, ...skill.synonyms]) {
      if (!byKey.has(synonymKey(term))) byKey.set(synonymKey(term), { slug: skill.slug, name: skill.name });
    }
  }
  const unknown = words.filter((word) => !byKey.has(synonymKey(word)));
  if (unknown.length > 0) {
    throw invalid(
      `Nettle does not know the skill ${listWords(unknown.map((word) => `"${clip(word, 60)}"`))}. Check the spelling or use another name for it`,
      "skills",
    );
  }
  const found = new Map(words.map((word) => byKey.get(synonymKey(word))!).map((skill) => [skill.slug, skill]));
  return [...found.values()];
}

type NewSavedSearch = z.output<typeof newSavedSearchForm>;

/** Saves a search for `actor`; returns its id and name. */
export async function createSavedSearch(actor: Actor, input: NewSavedSearch) {
  return input.target === "challenges" ? saveChallengeSearch(actor, input) : savePeopleSearch(actor, input);
}

async function saveChallengeSearch(actor: Actor, input: z.output<typeof challengeSearchForm>) {
  await savedSearchPolicy.authorize(actor, "save_challenge_search", undefined);
  const parsed = parseChallengeSearch(new URLSearchParams(input.search));
  if (!parsed.ok) throw invalid("Nettle could not read that search. Go back to the challenges page and try again.");
  const { page: _page, ...query } = parsed.params;
  return insert(actor, { target: "challenges", name: input.name, emailFrequency: input.emailFrequency, query });
}

async function savePeopleSearch(actor: Actor, input: z.output<typeof peopleSearchForm>) {
  const council = await prisma.organisation.findUnique({
    where: { slug: input.organisation },
    select: { id: true, name: true, kind: true },
  });
  if (!council || council.kind !== "council") throw invalid("Choose the council", "organisation");
  await savedSearchPolicy.authorize(actor, "save_people_search", council);
  const skills = await resolveSkillWords(input.skills);
  const query: PeopleQuery = {
    skills: skills.map((skill) => skill.slug),
    region: input.region || null,
    remoteOnly: input.remoteOnly,
    kind: input.kind ?? null,
  };
  return insert(actor, {
    target: "people",
    name: input.name,
    emailFrequency: input.emailFrequency,
    query,
    organisationId: council.id,
  });
}

async function insert(
  actor: Actor,
  data: {
    target: "challenges" | "people";
    name: string;
    emailFrequency: EmailFrequency;
    query: object;
    organisationId?: string;
  },
) {
  return prisma.$transaction(async (tx) => {
    // One person saving at a time, so two saves at once cannot both pass the limit.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`saved-searches:${actor.id}`}))`;
    const count = await tx.savedSearch.count({ where: { userId: actor.id } });
    if (count >= MAX_SAVED_SEARCHES) {
      throw invalid(
        `You already have ${MAX_SAVED_SEARCHES} saved searches, the most you can keep. Delete one you no longer need first`,
        "name",
      );
    }
    return tx.savedSearch.create({
      data: {
        userId: actor.id,
        target: data.target,
        name: data.name,
        emailFrequency: data.emailFrequency,
        query: data.query as Prisma.InputJsonValue,
        organisationId: data.organisationId ?? null,
      },
      select: { id: true, name: true },
    });
  });
}

/** One of `actor`'s own searches; anyone else's is "not found", so ids reveal nothing. */
async function ownSearch(actor: Actor, id: string, db: Tx = prisma) {
  const search =
    id.length <= 100
      ? await db.savedSearch.findUnique({ where: { id }, select: { id: true, userId: true, name: true } })
      : null;
  if (!search || !(await savedSearchPolicy.may(actor, "manage", search)))
    throw notFound("That saved search no longer exists.");
  return search;
}

export async function renameSavedSearch(actor: Actor, id: string, name: string) {
  await ownSearch(actor, id);
  await prisma.savedSearch.update({ where: { id }, data: { name } });
}

export async function setSavedSearchFrequency(actor: Actor, id: string, emailFrequency: EmailFrequency) {
  const search = await ownSearch(actor, id);
  await prisma.savedSearch.update({ where: { id }, data: { emailFrequency } });
  return search;
}

export async function deleteSavedSearch(actor: Actor, id: string) {
  const search = await ownSearch(actor, id);
  await prisma.savedSearch.delete({ where: { id } });
  return search;
}

/** The person's saved searches with what each found lately, for /account/saved-searches. */
export async function listSavedSearches(actor: Actor) {
  const rows = await prisma.savedSearch.findMany({
    where: { userId: actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      target: true,
      name: true,
      query: true,
      emailFrequency: true,
      createdAt: true,
      organisation: { select: { id: true, name: true, slug: true, kind: true } },
      _count: { select: { hits: true } },
      hits: {
        orderBy: { createdAt: "desc" },
        take: 5,
        select: { documentId: true, title: true, href: true, createdAt: true },
      },
    },
  });
  const skillNames = new Map(
    (await prisma.skill.findMany({ select: { slug: true, name: true } })).map((skill) => [skill.slug, skill.name]),
  );
  return Promise.all(
    rows.map(async (row) => {
      const base = {
        id: row.id,
        target: row.target,
        name: row.name,
        emailFrequency: row.emailFrequency,
        createdAt: row.createdAt,
        hitCount: row._count.hits,
      };
      if (row.target === "challenges") {
        const query = readChallengeQuery(row.query);
        return {
          ...base,
          description: query ? describeChallengeSearch(query) : "A search Nettle can no longer read",
          runHref: query ? challengeSearchHref(query) : "/challenges",
          council: null,
          recent: row.hits.map(({ title, href, createdAt }) => ({ title, href, createdAt })),
        };
      }
      const query = readPeopleQuery(row.query);
      // Someone who has left the council keeps the search but no longer sees whom it found.
      const stillMember = row.organisation !== null && (await isCouncilMember(actor.id, row.organisation));
      return {
        ...base,
        description: query
          ? describePeopleSearch(
              query,
              query.skills.map((slug) => skillNames.get(slug) ?? slug),
            )
          : "A search Nettle can no longer read",
        runHref: row.organisation ? `/organisations/${row.organisation.slug}` : null,
        council: row.organisation ? { name: row.organisation.name, stillMember } : null,
        recent: stillMember ? await stillMatchable(row.hits) : [],
      };
    }),
  );
}

/** People found earlier who may still be found: nobody hidden or gone since is shown. */
async function stillMatchable<Hit extends { documentId: string; title: string; href: string; createdAt: Date }>(
  hits: Hit[],
) {
  if (hits.length === 0) return [];
  const ids = new Set(
    (
      await prisma.profile.findMany({
        where: { userId: { in: hits.map((hit) => hit.documentId) }, ...matchableProfile },
        select: { userId: true },
      })
    ).map((p) => p.userId),
  );
  return hits
    .filter((hit) => ids.has(hit.documentId))
    .map(({ title, href, createdAt }) => ({ title, href, createdAt }));
}

/** What the "save a people search" page needs: the councils `actor` belongs to and the regions. */
export async function peopleSearchChoices(actor: Actor) {
  const [memberships, regions] = await Promise.all([
    prisma.membership.findMany({
      where: { userId: actor.id, organisation: { kind: "council" } },
      orderBy: { organisation: { name: "asc" } },
      select: { organisation: { select: { slug: true, name: true } } },
    }),
    prisma.organisation.findMany({
      where: { kind: "council", region: { not: null } },
      distinct: ["region"],
      orderBy: { region: "asc" },
      select: { region: true },
    }),
  ]);
  return {
    councils: memberships.map((m) => m.organisation),
    regions: regions.map((r) => r.region!).filter(Boolean),
  };
}

/**
 * What /account/saved-searches/new shows: for a challenge search, the search (as its query
 * string, from the challenges page) and its name in words; for a people search, the councils
 * `actor` may save one for (refusing a council they are not a member of) and the regions.
 */
export async function newSavedSearchPage(actor: Actor, params: URLSearchParams) {
  if (params.get("target") !== "people") {
    // Read leniently, as the challenges page reads it: what cannot be understood is left out.
    const offer = savedSearchOffer(readChallengeSearch(new URLSearchParams(params.get("search") ?? "")));
    return {
      target: "challenges" as const,
      ...offer,
      runHref: offer.search ? `/challenges?${offer.search}` : "/challenges",
    };
  }
  const choices = await peopleSearchChoices(actor);
  const wanted = params.get("organisation");
  if (wanted && !choices.councils.some((c) => c.slug === wanted)) {
    const council = await prisma.organisation.findUnique({
      where: { slug: wanted.slice(0, 200) },
      select: { id: true, name: true, kind: true },
    });
    if (!council) throw notFound("There is no such council on Nettle.");
    await savedSearchPolicy.authorize(actor, "save_people_search", council);
  }
  return { target: "people" as const, organisation: wanted, ...choices };
}

/** A person's saved searches for their data download (what they asked for, not whom it found). */
export async function savedSearchesForExport(actor: Actor, userId: string) {
  if (!(await savedSearchPolicy.may(actor, "manage", { userId }))) return [];
  return prisma.savedSearch.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      name: true,
      target: true,
      query: true,
      emailFrequency: true,
      createdAt: true,
      lastDigestAt: true,
      organisation: { select: { name: true, slug: true } },
      _count: { select: { hits: true } },
    },
  });
}

/** Removes a deleted account's saved searches and what they found, in the deletion's transaction. */
export async function forgetSavedSearches(tx: Tx, userId: string) {
  await tx.savedSearch.deleteMany({ where: { userId } });
}

import type { MultiSearchParams } from "meilisearch";
import type { Prisma } from "~/generated/prisma/client";
import { publicChallenges } from "~/models/challenges/policy.server";
import { meiliFilter } from "~/models/challenges/search.server";
import { peopleIndex, type PersonDocument } from "~/models/matching/search-index.server";
import { notify } from "~/models/notifications/notify.server";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";
import { drainSearchOutbox } from "~/models/platform/search-outbox.server";
import { isCouncilMember } from "~/models/saved-searches/policy.server";
import { readChallengeQuery, readPeopleQuery, type PeopleQuery } from "~/models/saved-searches/saved-search.server";
import { unsubscribePath, unsubscribeToken } from "~/models/saved-searches/unsubscribe.server";
import { prisma } from "~/services/db.server";
import { getSearch } from "~/services/search.server";

// Telling people when something new matches a saved search. The writer that publishes a
// challenge or saves a profile queues a job in its own transaction (so nothing is checked for
// a change that rolled back); the job checks that one document against the saved searches of
// the other side and records each hit once per search and document (the table's key), so a
// job run twice, or a profile saved ten times, tells nobody twice.

type Tx = Prisma.TransactionClient;

export const CHALLENGE_TASK = "saved-searches:challenge";
export const PERSON_TASK = "saved-searches:person";

/** Call in the transaction that makes a challenge open (public and taking people). */
export async function savedSearchesAfterChallengePublished(tx: Tx, challengeId: string) {
  await tx.$executeRaw`SELECT graphile_worker.add_job(${CHALLENGE_TASK}, json_build_object('challengeId', ${challengeId}::text), job_key := ${`${CHALLENGE_TASK}:${challengeId}`}, max_attempts := 10)`;
}

/** Call in the transaction that creates or changes a profile (or its visibility). */
export async function savedSearchesAfterProfileChange(tx: Tx, userId: string) {
  await tx.$executeRaw`SELECT graphile_worker.add_job(${PERSON_TASK}, json_build_object('userId', ${userId}::text), job_key := ${`${PERSON_TASK}:${userId}`}, max_attempts := 10)`;
}

interface Found {
  search: { id: string; userId: string; name: string; emailFrequency: string };
  documentId: string;
  title: string;
  href: string;
  notice: string;
}

/**
 * Records a hit unless the search found this document before; tells the searcher in the app
 * at once and, for "email at once", by email (the digests send the rest).
 */
async function record(found: Found) {
  return prisma.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO saved_search_hits (saved_search_id, document_id, title, href)
      VALUES (${found.search.id}, ${found.documentId}, ${found.title}, ${found.href})
      ON CONFLICT DO NOTHING`;
    if (inserted === 0) return false;
    await notify(tx, {
      userId: found.search.userId,
      kind: "saved_search.hit",
      title: `${found.notice}: ${found.title}`,
      body: `It matches your saved search "${found.search.name}".`,
      href: found.href,
    });
    if (found.search.emailFrequency === "immediately") {
      const user = await tx.user.findUnique({
        where: { id: found.search.userId },
        select: { email: true, displayName: true, deletedAt: true },
      });
      if (user?.email && !user.deletedAt) {
        const unsubscribeLink = absoluteUrl(unsubscribePath(await unsubscribeToken(found.search.id)));
        await queueMail(
          tx,
          user.email,
          "saved-search-hit",
          {
            name: user.displayName,
            group: {
              searchName: found.search.name,
              items: [{ title: found.title, link: absoluteUrl(found.href) }],
              unsubscribeLink,
            },
            manageLink: absoluteUrl("/account/saved-searches"),
          },
          { unsubscribeUrl: unsubscribeLink },
        );
        await tx.savedSearchHit.update({
          where: { savedSearchId_documentId: { savedSearchId: found.search.id, documentId: found.documentId } },
          data: { emailedAt: new Date() },
        });
      }
    }
    return true;
  });
}

const searchSelect = { id: true, userId: true, name: true, emailFrequency: true, query: true } as const;

/**
 * Checks an open challenge against every saved challenge search, through the real challenge
 * search (Meilisearch: same words, synonyms, typo tolerance and filters as the page) narrowed
 * to this one challenge. Returns how many searches it was new to.
 */
export async function evaluateChallenge(challengeId: string) {
  const challenge = await prisma.challenge.findFirst({
    where: { id: challengeId, ...publicChallenges, status: "open" },
    select: { id: true, slug: true, title: true, organisation: { select: { name: true } } },
  });
  if (!challenge) return 0;
  // The challenge must be in the index before the searches can find it: push what is waiting.
  // If Meilisearch is away this throws and the job is retried later.
  await drainSearchOutbox();
  const searches = await prisma.savedSearch.findMany({
    where: { target: "challenges", user: { deletedAt: null }, hits: { none: { documentId: challengeId } } },
    select: searchSelect,
  });
  const search = getSearch();
  const indexUid = search.indexName("challenges");
  let told = 0;
  for (let i = 0; i < searches.length; i += 50) {
    const batch = searches
      .slice(i, i + 50)
      .map((s) => ({ search: s, query: readChallengeQuery(s.query) }))
      .filter((s) => s.query !== null);
    if (batch.length === 0) continue;
    const { results } = await search.client.multiSearch<MultiSearchParams>({
      queries: batch.map(({ query }) => ({
        indexUid,
        q: query!.q,
        filter: [...meiliFilter({ ...query!, page: 1 }), `id = ${JSON.stringify(challengeId)}`],
        limit: 1,
        attributesToRetrieve: ["id"],
      })),
    });
    for (const [j, result] of results.entries()) {
      if (result.hits.length === 0) continue;
      const saved = batch[j]!.search;
      const isNew = await record({
        search: saved,
        documentId: challenge.id,
        title: `${challenge.title} (${challenge.organisation.name})`,
        href: `/challenges/${challenge.slug}`,
        notice: "New challenge",
      });
      if (isNew) told++;
    }
  }
  return told;
}

const DAY = 86_400_000;

/** Whether a person's document meets a people search: every skill held or implied, and the rest. */
export function personMeets(doc: PersonDocument, query: PeopleQuery) {
  const held = new Set([...doc.skillSlugs, ...doc.impliedSkillSlugs]);
  if (!query.skills.every((slug) => held.has(slug))) return false;
  if (query.kind && doc.kind !== query.kind) return false;
  if (query.remoteOnly && !doc.remoteOk) return false;
  if (query.region && doc.region !== query.region && !doc.remoteOk) return false;
  return true;
}

/**
 * Checks a person against every saved people search. Only someone matching would show is
 * considered (the people index's own rule: not hidden, open to invitations, confirmed, not
 * deleted) and only while they are available; only members of the search's council are told.
 */
export async function evaluatePerson(userId: string, now = new Date()) {
  const [doc] = await peopleIndex.source.byIds(prisma, [userId]);
  if (!doc) return 0;
  const today = Math.floor(now.getTime() / DAY);
  if (doc.availableUntilDay < today) return 0;
  const searches = await prisma.savedSearch.findMany({
    where: {
      target: "people",
      userId: { not: userId },
      user: { deletedAt: null },
      hits: { none: { documentId: userId } },
    },
    select: { ...searchSelect, organisation: { select: { id: true, name: true, kind: true } } },
  });
  let told = 0;
  for (const saved of searches) {
    const query = readPeopleQuery(saved.query);
    if (!query || !saved.organisation || !personMeets(doc, query)) continue;
    if (!(await isCouncilMember(saved.userId, saved.organisation))) continue;
    const isNew = await record({
      search: saved,
      documentId: userId,
      title: doc.headline ? `${doc.name}, ${doc.headline}` : doc.name,
      href: `/people/${userId}`,
      notice: `Someone new for ${saved.organisation.name}`,
    });
    if (isNew) told++;
  }
  return told;
}

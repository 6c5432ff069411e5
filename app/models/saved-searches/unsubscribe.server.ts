import { sign, verify } from "~/models/platform/app-secret.server";
import { notFound } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

// Unsubscribing from a saved search's emails with the link in the email itself, without
// signing in: the link carries the search's id signed with Nettle's own key, so it stops that
// one search's emails and nothing else, and cannot be made up for someone else's search.

const PURPOSE = "saved-search-unsubscribe";
const TOKEN = /^([a-z0-9]{1,64})\.([A-Za-z0-9_-]{43})$/;

export async function unsubscribeToken(savedSearchId: string) {
  return `${savedSearchId}.${await sign(PURPOSE, savedSearchId)}`;
}

export function unsubscribePath(token: string) {
  return `/unsubscribe/${token}`;
}

const notValid = () =>
  notFound(
    "This unsubscribe link is not valid. It may have been copied wrongly, or the saved search has been deleted.",
  );

/** The search a link stops emails for: its name and whether it still sends any. */
export async function findUnsubscribe(token: string) {
  const match = TOKEN.exec(token);
  if (!match || !(await verify(PURPOSE, match[1]!, match[2]!))) throw notValid();
  const search = await prisma.savedSearch.findUnique({
    where: { id: match[1]! },
    select: { id: true, name: true, emailFrequency: true, user: { select: { deletedAt: true } } },
  });
  if (!search || search.user.deletedAt) throw notValid();
  return { id: search.id, name: search.name, emailing: search.emailFrequency !== "never" };
}

/** Stops emails for the link's search (it still shows new results on Nettle). */
export async function unsubscribe(token: string) {
  const search = await findUnsubscribe(token);
  await prisma.savedSearch.update({ where: { id: search.id }, data: { emailFrequency: "never" } });
  return { name: search.name };
}

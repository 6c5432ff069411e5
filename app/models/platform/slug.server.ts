import crypto from "node:crypto";
import { transliterate } from "transliteration";
import type { Prisma } from "~/generated/prisma/client";
import { reservedSlugs } from "~/models/platform/reserved-slugs";

// Slugs for the addresses of challenges, organisations and themes. A slug is never empty,
// never one of the words the app's own routes use beside it (/challenges/new), and never
// taken from another record: two different names whose slugs coincide get a suffix, they are
// not refused as duplicates.

export type SlugKind = keyof typeof reservedSlugs;

const MAX_LENGTH = 80;
/** What an empty slug falls back to, and the suffix after a reserved word ("new-challenge"). */
const fallbackWord: Record<SlugKind, string> = {
  challenges: "challenge",
  organisations: "organisation",
  themes: "theme",
  skills: "skill",
  projects: "project",
  outcomes: "outcome",
  events: "event",
};

/** Lower-case ASCII letters and digits joined by hyphens; other scripts are transliterated. */
export function slugify(text: string): string {
  return trimToLength(
    transliterate(text.normalize("NFKC").replace(/&/g, " and "))
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, ""),
  );
}

function trimToLength(slug: string, length = MAX_LENGTH) {
  return slug.slice(0, length).replace(/-+$/, "");
}

function withSuffix(base: string, suffix: string) {
  return `${trimToLength(base, MAX_LENGTH - suffix.length - 1)}-${suffix}`;
}

export function isReservedSlug(kind: SlugKind, slug: string) {
  return (reservedSlugs[kind] as readonly string[]).includes(slug);
}

/**
 * A free slug for `text`, trying the plain slug first, then `suffixes` (e.g. a council's code),
 * then -2, -3 … `taken` receives candidates and returns those already in use. Call it inside
 * the transaction that writes the slug: it holds a lock until that commits, so two
 * records made at once cannot both pick the same free slug. The lock is per kind and base
 * word, so records with different names are never made to wait for each other.
 */
export async function uniqueSlug(
  tx: Prisma.TransactionClient,
  kind: SlugKind,
  text: string,
  options: { taken: (candidates: string[]) => Promise<string[]>; suffixes?: string[] },
): Promise<string> {
  const plain = slugify(text);
  const base = plain || fallbackWord[kind];
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`nettle:slug:${kind}:${base}`}))`;
  const first = plain && isReservedSlug(kind, plain) ? withSuffix(plain, fallbackWord[kind]) : base;
  const suffixes = (options.suffixes ?? []).map(slugify).filter(Boolean);
  const candidates = [
    ...new Set([
      first,
      ...suffixes.map((suffix) => withSuffix(base, suffix)),
      ...Array.from({ length: 48 }, (_, i) => withSuffix(base, String(i + 2))),
    ]),
  ].filter((slug) => !isReservedSlug(kind, slug));
  const taken = new Set(await options.taken(candidates));
  return candidates.find((slug) => !taken.has(slug)) ?? withSuffix(base, crypto.randomBytes(4).toString("hex"));
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { invalid, notFound } from "~/models/platform/errors";
import { NONE } from "~/models/platform/policy.server";
import { taxonomyPolicy } from "~/models/taxonomy/policy.server";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { uniqueSlug } from "~/models/platform/slug.server";
import { prisma } from "~/services/db.server";

// The theme list: seeded from prisma/data/themes.yaml, then the admins' to edit.

const themeFile = z.array(
  z
    .object({
      slug: z.string().regex(/^[a-z0-9-]+$/),
      name: z.string().min(1).max(80),
      /** Everyday words for the theme ("bins" for Waste), searchable with its challenges. */
      synonyms: z.array(z.string().trim().min(1).max(80)).max(40).default([]),
    })
    .strict(),
);

export function readThemeFile(file = path.resolve(process.cwd(), "prisma/data/themes.yaml")) {
  return themeFile.parse(parse(readFileSync(file, "utf8")));
}

/**
 * Adds themes from the file that the database lacks. Never renames or removes: admins may have.
 * A theme without everyday words gets the file's (once: words an admin set are kept), and its
 * challenges are re-indexed so those words find them.
 */
export async function seedThemes() {
  const themes = readThemeFile();
  return prisma.$transaction(async (tx) => {
    const result = await tx.theme.createMany({
      data: themes.map((theme, position) => ({ ...theme, nameKey: themeNameKey(theme.name), position })),
      skipDuplicates: true,
    });
    let worded = 0;
    for (const theme of themes) {
      if (theme.synonyms.length === 0) continue;
      const updated = await tx.theme.updateManyAndReturn({
        where: { slug: theme.slug, synonyms: { isEmpty: true } },
        data: { synonyms: theme.synonyms },
        select: { id: true },
      });
      if (updated.length === 0) continue;
      worded++;
      const filed = await tx.challengeTheme.findMany({
        where: { themeId: updated[0]!.id },
        select: { challengeId: true },
      });
      await recordSearchChange(
        tx,
        "challenges",
        filed.map((row) => row.challengeId),
      );
    }
    return { created: result.count, worded };
  });
}

export async function listThemes() {
  return prisma.theme.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, slug: true, name: true },
  });
}

/**
 * A theme's name as compared for duplicates, stored in themes.name_key (unique): compatibility
 * forms folded (NFKC: full-width "Ａ" is "A"), lower case, spaces trimmed and collapsed.
 */
export function themeNameKey(name: string) {
  return name.normalize("NFKC").toLowerCase().normalize("NFKC").replace(/\s+/g, " ").trim();
}

const duplicate = (name: string) => invalid(`There is already a theme called ${name}`, "name");

/** Two admins naming themes alike at once: the unique key refuses the second, in words. */
async function refusingDuplicates<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw duplicate(name);
    throw error;
  }
}

/** Adds a theme at the end of the list (platform administrators only). */
export async function addTheme(actor: Actor, name: string) {
  await taxonomyPolicy.authorize(actor, "manage_themes", NONE);
  const nameKey = themeNameKey(name);
  return refusingDuplicates(name, () =>
    prisma.$transaction(async (tx) => {
      if (await tx.theme.findUnique({ where: { nameKey }, select: { id: true } })) throw duplicate(name);
      // A name whose slug another theme has already ("Adult care!" and "Adult care?") gets a suffix.
      const slug = await uniqueSlug(tx, "themes", name, {
        taken: async (candidates) =>
          (await tx.theme.findMany({ where: { slug: { in: candidates } }, select: { slug: true } })).map((t) => t.slug),
      });
      const last = await tx.theme.aggregate({ _max: { position: true } });
      const theme = await tx.theme.create({ data: { slug, name, nameKey, position: (last._max.position ?? 0) + 1 } });
      await audit(tx, {
        actorId: actor.id,
        action: "theme.add",
        subjectType: "theme",
        subjectId: theme.id,
        details: { name },
      });
      return theme;
    }),
  );
}

/** Renames a theme; challenges filed under it are re-indexed so search shows the new name. */
export async function renameTheme(actor: Actor, themeId: string, name: string) {
  await taxonomyPolicy.authorize(actor, "manage_themes", NONE);
  const nameKey = themeNameKey(name);
  return refusingDuplicates(name, () =>
    prisma.$transaction(async (tx) => {
      const current = await tx.theme.findUnique({ where: { id: themeId } });
      if (!current) throw notFound("That theme does not exist");
      const clash = await tx.theme.findFirst({ where: { nameKey, NOT: { id: themeId } }, select: { id: true } });
      if (clash) throw duplicate(name);
      await tx.theme.update({ where: { id: themeId }, data: { name, nameKey } });
      const filed = await tx.challengeTheme.findMany({ where: { themeId }, select: { challengeId: true } });
      await recordSearchChange(
        tx,
        "challenges",
        filed.map((row) => row.challengeId),
      );
      await audit(tx, {
        actorId: actor.id,
        action: "theme.rename",
        subjectType: "theme",
        subjectId: themeId,
        details: { from: current.name, to: name },
      });
    }),
  );
}

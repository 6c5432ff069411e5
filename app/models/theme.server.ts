import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { prisma } from "~/services/db.server";

// The theme list: seeded from prisma/data/themes.yaml, then the admins' to edit.

const themeFile = z.array(z.object({ slug: z.string().regex(/^[a-z0-9-]+$/), name: z.string().min(1).max(80) }));

export function readThemeFile(file = path.resolve(process.cwd(), "prisma/data/themes.yaml")) {
  return themeFile.parse(parse(readFileSync(file, "utf8")));
}

/** Adds themes from the file that the database lacks. Never renames or removes: admins may have. */
export async function seedThemes() {
  const themes = readThemeFile();
  const result = await prisma.theme.createMany({
    data: themes.map((theme, position) => ({ ...theme, position })),
    skipDuplicates: true,
  });
  return { created: result.count };
}

export async function listThemes() {
  return prisma.theme.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, slug: true, name: true } });
}

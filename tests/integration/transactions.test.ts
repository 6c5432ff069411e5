import { setImmediate as nextTurn } from "node:timers/promises";
import { beforeAll, expect, test } from "vitest";
import { seedThemes } from "~/models/taxonomy/theme.server";
import { prisma } from "~/services/db.server";
import { buildWorld } from "../support/world";

// A transaction holds one connection. Prisma sends the queries of a read that loads several
// relations at once; app/services/db.server.ts makes them take turns, because pg warns about
// (and pg 9 refuses) a query sent while the connection is still answering another.

let world: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  world = await buildWorld();
  await seedThemes();
});

async function pgWarningsDuring(work: () => Promise<unknown>) {
  const warnings: string[] = [];
  const listen = (warning: Error) => {
    if (warning.message.includes("already executing a query")) warnings.push(warning.message);
  };
  process.on("warning", listen);
  try {
    await work();
    await nextTurn();
  } finally {
    process.off("warning", listen);
  }
  return warnings;
}

test("a read of a challenge with its themes, skills and datasets in a transaction sends one query at a time", async () => {
  const theme = await prisma.theme.findFirstOrThrow({ orderBy: { position: "asc" } });
  const skill = await prisma.skill.findFirstOrThrow({ orderBy: { name: "asc" } });
  const challenge = await prisma.challenge.create({
    data: {
      slug: "which-roads-flood",
      title: "Which roads flood?",
      organisationId: world.council.id,
      themes: { create: { themeId: theme.id } },
      skills: { create: { skillId: skill.id, importance: "essential" } },
      datasets: {
        create: {
          title: "Gully cleaning log",
          licence: "ogl",
          sensitivity: "open",
          personalData: false,
          dpia: "not_needed",
          accessRoute: "open_download",
        },
      },
    },
  });

  let read: { themes: unknown[]; skills: unknown[]; datasets: unknown[] } | undefined;
  const warnings = await pgWarningsDuring(async () => {
    read = await prisma.$transaction((tx) =>
      tx.challenge.findUniqueOrThrow({
        where: { id: challenge.id },
        include: { themes: { include: { theme: true } }, skills: { include: { skill: true } }, datasets: true },
      }),
    );
  });

  expect(warnings).toEqual([]);
  expect([read?.themes.length, read?.skills.length, read?.datasets.length]).toEqual([1, 1, 1]);
});

test("when one of several queries at once fails, the whole transaction rolls back and the connection is reused", async () => {
  const failed = await prisma
    .$transaction(async (tx) => {
      await tx.organisation.create({ data: { slug: "rolled-back", name: "Rolled back", kind: "community" } });
      await Promise.all([tx.organisation.findMany({ include: { memberships: true } }), tx.$queryRaw`SELECT 1 / 0`]);
    })
    .catch((error: unknown) => error);

  expect(String(failed)).toMatch(/division by zero/);
  expect(await prisma.organisation.count({ where: { slug: "rolled-back" } })).toBe(0);
  // Every connection of the pool still works after the failure.
  const counts = await Promise.all(
    Array.from({ length: 8 }, () => prisma.$transaction((tx) => tx.organisation.count({ where: { slug: "rolled-back" } }))),
  );
  expect(counts).toEqual(Array(8).fill(0));
});

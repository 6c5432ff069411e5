import { beforeAll, expect, test } from "vitest";
import { action, loader } from "~/routes/admin.themes";
import { prisma } from "~/services/db.server";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";
import { buildWorld } from "../support/world";

// Themes are a fixed list that platform admins can extend and rename.

let world: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  world = await buildWorld();
});

const post = (fields: Record<string, string>, cookie = world.cookies.admin) =>
  settle(action({ request: formRequest("/admin/themes", fields, cookie), params: {}, context }));

test("an admin adds a theme and renames one; both are audited and challenges filed under it are re-indexed", async () => {
  const added = (await post({ intent: "add", name: "Libraries" })) as Response;
  expect(added.status).toBe(302);
  const libraries = await prisma.theme.findUniqueOrThrow({ where: { slug: "libraries" } });
  expect(libraries.name).toBe("Libraries");

  const housing = await prisma.theme.findUniqueOrThrow({ where: { slug: "housing" } });
  const challenge = await prisma.challenge.create({
    data: {
      slug: "damp-homes",
      title: "Which homes are damp?",
      organisationId: world.council.id,
      status: "open",
      themes: { create: { themeId: housing.id } },
    },
  });
  const renamed = (await post({ intent: "rename", themeId: housing.id, name: "Housing and homelessness" })) as Response;
  expect(renamed.status).toBe(302);
  expect((await prisma.theme.findUniqueOrThrow({ where: { id: housing.id } })).name).toBe("Housing and homelessness");
  expect(
    await prisma.searchOutbox.count({
      where: { indexName: "challenges", documentId: challenge.id, processedAt: null },
    }),
  ).toBe(1);
  const actions = (await prisma.auditLog.findMany({ where: { subjectType: "theme" }, orderBy: { id: "asc" } })).map(
    (a) => a.action,
  );
  expect(actions).toEqual(["theme.add", "theme.rename"]);

  const page = unwrap(
    await settle(loader({ request: getRequest("/admin/themes", world.cookies.admin), params: {}, context })),
  );
  expect((page.body as { themes: { name: string }[] }).themes.map((t) => t.name)).toContain("Housing and homelessness");
});

test("a duplicate or empty name is refused beside the field, keeping what was typed", async () => {
  const duplicate = unwrap(await post({ intent: "add", name: "transport" }));
  expect(duplicate.status).toBe(400);
  expect(formReply(duplicate.body)).toEqual({
    errors: { name: "There is already a theme called transport" },
    values: { intent: "add", name: "transport" },
  });
  const empty = unwrap(await post({ intent: "add", name: " " }));
  expect(formReply(empty.body).errors.name).toBe("Enter the theme's name");
});

test("only platform admins may change themes", async () => {
  for (const role of ["participant", "owner", "organiser"] as const) {
    const response = (await post({ intent: "add", name: "Sneaky" }, world.cookies[role])) as Response;
    expect(response.status).toBe(403);
  }
  expect(await prisma.theme.count({ where: { name: "Sneaky" } })).toBe(0);
});

test("names are compared whole after normalising, never as patterns: % _ and \\ are just characters", async () => {
  // With ILIKE, "Adult%" matched "Adult social care" and a trailing backslash was an SQL error.
  for (const name of ["Adult%", "Adult_social care", "Roads\\"]) {
    const added = unwrap(await post({ intent: "add", name }));
    expect(added.status, name).toBe(302);
    expect(await prisma.theme.count({ where: { name } }), name).toBe(1);
  }
  // The same name with other capitals, spacing or full-width letters is the same theme.
  for (const name of [" adult SOCIAL   care ", "ＴＲＡＮＳＰＯＲＴ", "adult%"]) {
    const refused = unwrap(await post({ intent: "add", name }));
    expect(refused.status, name).toBe(400);
    expect(formReply(refused.body).errors.name).toBe(`There is already a theme called ${name.trim()}`);
  }
  const transport = await prisma.theme.findUniqueOrThrow({ where: { slug: "transport" } });
  const renamed = unwrap(await post({ intent: "rename", themeId: transport.id, name: "Adult_social_care" }));
  expect(renamed.status).toBe(302);
  const clash = unwrap(await post({ intent: "rename", themeId: transport.id, name: "ADULT% " }));
  expect(clash.status).toBe(400);
  // Beside the renamed theme's own field: the reply names the theme it answers.
  expect(formReply(clash.body).values.themeId).toBe(transport.id);
  expect(formReply(clash.body).errors.name).toBe(
    "There is already a theme called ADULT%",
  );
});

test("every theme gets a slug that is not empty and not another theme's, whatever its name is written in", async () => {
  const names = ["\\\\", "日本語", "___", "Straße & Brücken", "Bridges!", "Bridges?"];
  for (const name of names) expect(unwrap(await post({ intent: "add", name })).status, name).toBe(302);
  const slugs = await Promise.all(
    names.map(async (name) => (await prisma.theme.findFirstOrThrow({ where: { name } })).slug),
  );
  expect(slugs).toEqual(["theme", "ri-ben-yu", "theme-2", "strasse-and-brucken", "bridges", "bridges-2"]);
  const all = await prisma.theme.findMany({ select: { slug: true } });
  expect(new Set(all.map((t) => t.slug)).size).toBe(all.length);
});

test("two admins adding the same theme at once: one is added, the other is told it exists", async () => {
  const answers = await Promise.all([post({ intent: "add", name: "Libraries and archives" }), post({ intent: "add", name: "libraries AND archives" })]);
  expect(answers.map((answer) => unwrap(answer).status).sort()).toEqual([302, 400]);
  expect(await prisma.theme.count({ where: { nameKey: "libraries and archives" } })).toBe(1);
});

test("the model itself refuses someone who is not an administrator, whoever calls it", async () => {
  const { addTheme, renameTheme } = await import("~/models/taxonomy/theme.server");
  const { DomainError } = await import("~/models/platform/errors");
  const organiser = { ...world.users.organiser, sessionId: "" };
  const transport = await prisma.theme.findUniqueOrThrow({ where: { slug: "transport" } });
  for (const attempt of [() => addTheme(organiser, "Called directly"), () => renameTheme(organiser, transport.id, "Renamed directly")]) {
    const error: unknown = await attempt().catch((thrown: unknown) => thrown);
    expect(DomainError.is(error) && error.kind).toBe("forbidden");
  }
  expect(await prisma.theme.count({ where: { name: { in: ["Called directly", "Renamed directly"] } } })).toBe(0);
});

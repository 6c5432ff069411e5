import { beforeAll, describe, expect, test } from "vitest";
import type { Organisation } from "~/generated/prisma/client";
import { saveProblem } from "~/models/challenges/draft.server";
import { followChallenge, transitionChallenge } from "~/models/challenges/lifecycle.server";
import { NOTIFICATION_KINDS } from "~/models/notifications/kinds";
import { notify } from "~/models/notifications/notify.server";
import { loader as rootLoader } from "~/root";
import { loader as accountLoader } from "~/routes/account._index";
import { action as preferencesAction, loader as preferencesLoader } from "~/routes/account.notifications";
import { action as challengeAction } from "~/routes/challenges.$slug";
import { action as notificationsAction, loader as notificationsLoader } from "~/routes/notifications";
import { prisma } from "~/services/db.server";
import { createPerson, createPublishedChallenge, createVerifiedCouncil, type Person } from "../factories";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";

// The notification centre, its settings, the unread count in the header, and followers told
// when a challenge they follow changes. Real PostgreSQL; pages called with real Requests.

let council: Organisation;
let officer: Person;

beforeAll(async () => {
  ({ council, owner: officer } = await createVerifiedCouncil({ code: "KIR" }));
});

async function tell(person: Person, title: string, kind: keyof typeof NOTIFICATION_KINDS = "application.accepted") {
  await prisma.$transaction((tx) => notify(tx, { userId: person.user.id, kind, title, body: "", href: "/challenges" }));
}

const list = async (person: Person, page = 1) =>
  unwrap(await settle(notificationsLoader({ request: getRequest(`/notifications${page > 1 ? `?page=${page}` : ""}`, person.cookie), params: {}, context })))
    .body as { items: { id: string; title: string; unread: boolean }[]; unread: number; totalPages: number };

const post = (person: Person, path: string, fields: Record<string, string> | URLSearchParams, action: typeof notificationsAction) =>
  settle(
    action({
      request: new Request(`http://localhost${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: person.cookie },
        body: new URLSearchParams(fields).toString(),
      }),
      params: {},
      context,
    }),
  );

describe("the notification centre", () => {
  test("newest first, unread marked; one or all marked as read with a form; the header counts what is unread", async () => {
    const person = await createPerson();
    await tell(person, "First");
    await tell(person, "Second");
    await tell(person, "Third");
    const before = await list(person);
    expect(before.items.map((item) => [item.title, item.unread])).toEqual([
      ["Third", true],
      ["Second", true],
      ["First", true],
    ]);
    const header = async () =>
      (unwrap(await rootLoader({ request: getRequest("/", person.cookie), params: {}, context })).body as { viewer: { unreadNotifications: number } }).viewer
        .unreadNotifications;
    expect(await header()).toBe(3);

    const second = before.items[1]!.id;
    const marked = await post(person, "/notifications", { intent: "read", id: second }, notificationsAction);
    expect((marked as Response).headers.get("location")).toBe("/notifications");
    expect((await list(person)).items.map((item) => item.unread)).toEqual([true, false, true]);
    expect(await header()).toBe(2);

    await post(person, "/notifications", { intent: "read-all" }, notificationsAction);
    expect((await list(person)).unread).toBe(0);
    expect(await header()).toBe(0);
  });

  test("someone else's notification cannot be marked (not found), and stays unread", async () => {
    const owner = await createPerson();
    const other = await createPerson();
    await tell(owner, "Only mine");
    const id = (await list(owner)).items[0]!.id;
    expect(unwrap(await post(other, "/notifications", { intent: "read", id }, notificationsAction)).status).toBe(404);
    await post(other, "/notifications", { intent: "read-all" }, notificationsAction);
    expect((await list(owner)).items[0]!.unread).toBe(true);
    expect((await list(other)).items).toEqual([]);
  });

  test("twenty a page, newest first", async () => {
    const person = await createPerson();
    for (let i = 1; i <= 23; i++) await tell(person, `Item ${i}`);
    const first = await list(person);
    expect(first.items).toHaveLength(20);
    expect(first.totalPages).toBe(2);
    expect((await list(person, 2)).items.map((item) => item.title)).toEqual(["Item 3", "Item 2", "Item 1"]);
  });
});

describe("notification settings", () => {
  test("each kind can be switched on and off in Nettle and by email; notify() follows the choice", async () => {
    const person = await createPerson();
    const shown = unwrap(await settle(preferencesLoader({ request: getRequest("/account/notifications", person.cookie), params: {}, context })));
    expect((shown.body as { kinds: { kind: string; inApp: boolean; email: boolean }[] }).kinds).toContainEqual({
      kind: "followed.edited",
      label: NOTIFICATION_KINDS["followed.edited"].label,
      inApp: true,
      email: false,
      emailChosenAt: null,
    });
    // In Nettle only for accepted; by email only for declined; nothing else.
    const form = new URLSearchParams([
      ["inApp", "application.accepted"],
      ["email", "application.declined"],
    ]);
    const saved = await post(person, "/account/notifications", form, preferencesAction as typeof notificationsAction);
    expect((saved as Response).headers.get("location")).toBe("/account/notifications");

    await tell(person, "Accepted", "application.accepted");
    await tell(person, "Declined", "application.declined");
    await tell(person, "Invited", "invitation.received");
    expect((await list(person)).items.map((item) => item.title)).toEqual(["Accepted"]);
    const mails = await prisma.mail.findMany({ where: { to: person.user.email! }, select: { subject: true } });
    expect(mails.map((mail) => mail.subject)).toEqual(["Declined"]);
    expect(await prisma.mail.count({ where: { to: person.user.email!, text: { contains: "/account/notifications" } } })).toBe(1);
  });

  test("saved-search results are emailed only on each search's own schedule, never a second time by the settings page", async () => {
    const person = await createPerson();
    const shown = unwrap(await settle(preferencesLoader({ request: getRequest("/account/notifications", person.cookie), params: {}, context })));
    expect((shown.body as { kinds: { kind: string; emailChosenAt: string | null }[] }).kinds.find((k) => k.kind === "saved_search.hit")?.emailChosenAt).toBe(
      "/account/saved-searches",
    );
    // Ticking "by email" for it anyway (a hand-made form) stores no email choice…
    await post(person, "/account/notifications", new URLSearchParams([["inApp", "saved_search.hit"], ["email", "saved_search.hit"]]), preferencesAction as typeof notificationsAction);
    expect(await prisma.notificationPreference.findUnique({ where: { userId_kind: { userId: person.user.id, kind: "saved_search.hit" } }, select: { email: true } })).toEqual({ email: false });
    // …and even a stored email choice sends nothing: the saved search sends its own.
    await prisma.notificationPreference.update({ where: { userId_kind: { userId: person.user.id, kind: "saved_search.hit" } }, data: { email: true } });
    await tell(person, "New for Bins in Yorkshire", "saved_search.hit");
    expect((await list(person)).items.map((item) => item.title)).toEqual(["New for Bins in Yorkshire"]);
    expect(await prisma.mail.count({ where: { to: person.user.email! } })).toBe(0);
  });

  test("a kind Nettle does not know is refused, and nothing is saved", async () => {
    const person = await createPerson();
    const refused = unwrap(await post(person, "/account/notifications", { inApp: "everything" }, preferencesAction as typeof notificationsAction));
    expect(refused.status).toBe(400);
    expect(formReply(refused.body).errors).not.toEqual({});
    expect(await prisma.notificationPreference.count({ where: { userId: person.user.id } })).toBe(0);
  });
});

describe("followers", () => {
  test("followers hear when a challenge changes status, except the person who changed it", async () => {
    const c = await createPublishedChallenge({ council, author: officer });
    const follower = await createPerson();
    await followChallenge(follower.actor, c.slug, true);
    await followChallenge(officer.actor, c.slug, true);
    await transitionChallenge(officer.actor, c.id, "start");
    const told = await prisma.notification.findMany({ where: { userId: follower.user.id, kind: "followed.status_changed" }, select: { title: true, href: true } });
    expect(told).toEqual([{ title: `“${c.title}” is now in progress`, href: `/challenges/${c.slug}` }]);
    expect(await prisma.notification.count({ where: { userId: officer.user.id, kind: "followed.status_changed" } })).toBe(0);
  });

  test("followers hear about material edits (which fields, not the values) and not about others", async () => {
    const c = await createPublishedChallenge({ council, author: officer });
    const follower = await createPerson();
    await followChallenge(follower.actor, c.slug, true);
    const current = await prisma.challenge.findUniqueOrThrow({ where: { id: c.id } });
    await saveProblem(officer.actor, c.id, { title: current.title, problem: current.problem, whoIsAffected: "Everyone on the river" });
    expect(await prisma.notification.count({ where: { userId: follower.user.id, kind: "followed.edited" } })).toBe(0);
    await saveProblem(officer.actor, c.id, { title: current.title, problem: "Secret-ish new wording of the problem.", whoIsAffected: "Everyone" });
    const told = await prisma.notification.findMany({ where: { userId: follower.user.id, kind: "followed.edited" }, select: { title: true, body: true } });
    expect(told).toEqual([{ title: `“${current.title}” has changed`, body: "Changed: the problem." }]);
  });

  test("the account page lists followed challenges, and unfollowing from it comes back to it", async () => {
    const c = await createPublishedChallenge({ council, author: officer });
    const follower = await createPerson();
    await followChallenge(follower.actor, c.slug, true);
    const account = unwrap(await settle(accountLoader({ request: getRequest("/account", follower.cookie), params: {}, context })));
    expect((account.body as { following: unknown[] }).following).toEqual([{ slug: c.slug, title: c.title, status: "open", council: council.name }]);
    const result = await settle(
      challengeAction({ request: formRequest(`/challenges/${c.slug}`, { intent: "unfollow", from: "account" }, follower.cookie), params: { slug: c.slug }, context }),
    );
    expect((result as Response).headers.get("location")).toBe("/account");
    expect(await prisma.challengeFollow.count({ where: { userId: follower.user.id } })).toBe(0);
  });
});

import { beforeAll, describe, expect, test } from "vitest";
import { createInvitation } from "~/models/organisations/invitation.server";
import { action as accountAction, loader as accountLoader } from "~/routes/account._index";
import { action as signInAction } from "~/routes/signin";
import { action as signUpAction, loader as signUpLoader } from "~/routes/signup";
import { action as confirmAction, loader as confirmLoader } from "~/routes/verify-email_.$token";
import { prisma } from "~/services/db.server";
import { context, formRequest, getRequest, settle, unwrap } from "../support/http";
import { buildWorld, cookieFor, makeUser } from "../support/world";

// Someone invited to a council who has no account yet: "Create an account" on the invitation,
// confirm the address, sign in, and they are back on the invitation, one click from joining.
// Their account page lists invitations to their address too.

let world: Awaited<ReturnType<typeof buildWorld>>;
const password = "kettle orbit meadow lantern";

beforeAll(async () => {
  world = await buildWorld();
});

const invite = async (email: string) => {
  const owner = world.users.owner;
  return createInvitation({ ...owner, sessionId: "" }, world.council.id, { email, role: "member" });
};

describe("an invitation survives sign-up", () => {
  test("sign-up, confirmation and sign-in lead back to the invitation", async () => {
    const { token } = await invite("newcomer@example.org");
    const back = `/invitations/${token}`;

    const form = unwrap(await settle(signUpLoader({ request: getRequest(`/signup?redirectTo=${encodeURIComponent(back)}`), params: {}, context })));
    expect(form.body).toEqual({ redirectTo: back });
    const signedUp = (await settle(
      signUpAction({
        request: formRequest("/signup", { displayName: "Nia Newcomer", email: "newcomer@example.org", kind: "council_staff", password, redirectTo: back }),
        params: {},
        context: { ...context, clientIp: "198.51.100.200" },
      }),
    )) as Response;
    expect(signedUp.status).toBe(302);

    // The confirmation email's link carries where they were going.
    const mail = await prisma.mail.findFirstOrThrow({ where: { to: "newcomer@example.org", template: "verify-email" } });
    const link = /\/verify-email\/([A-Za-z0-9_-]{43})\?next=([^\s"<]+)/.exec(mail.text)!;
    expect(decodeURIComponent(link[2]!)).toBe(back);
    const confirmPath = `/verify-email/${link[1]}?next=${link[2]}`;
    const page = unwrap(await settle(confirmLoader({ request: getRequest(confirmPath), params: { token: link[1]! }, context })));
    expect(page.body).toEqual({ valid: true, next: back });

    const confirmed = (await settle(
      confirmAction({ request: formRequest(confirmPath, { next: back }), params: { token: link[1]! }, context }),
    )) as Response;
    expect(confirmed.headers.get("location")).toBe(`/signin?redirectTo=${encodeURIComponent(back)}`);

    const signedIn = (await settle(
      signInAction({ request: formRequest("/signin", { email: "newcomer@example.org", password, redirectTo: back }), params: {}, context }),
    )) as Response;
    expect(signedIn.headers.get("location")).toBe(back);
  });

  test("a link to somewhere else is not carried", async () => {
    const form = unwrap(await settle(signUpLoader({ request: getRequest("/signup?redirectTo=//evil.example/"), params: {}, context })));
    expect(form.body).toEqual({ redirectTo: "" });
  });
});

describe("the account page lists invitations to the person's address", () => {
  test("shows them and accepts one with a click; not someone else's", async () => {
    const person = await makeUser("invited@example.org");
    const cookie = await cookieFor(person.id);
    const { id } = await invite("invited@example.org");
    const other = await invite("someone-else@example.org");

    const page = unwrap(await settle(accountLoader({ request: getRequest("/account", cookie), params: {}, context })));
    const invitations = (page.body as { invitations: { id: string; organisation: { name: string } }[] }).invitations;
    expect(invitations.map((i) => [i.id, i.organisation.name])).toEqual([[id, world.council.name]]);

    const notTheirs = unwrap(
      await settle(accountAction({ request: formRequest("/account", { intent: "accept-invitation", invitationId: other.id }, cookie), params: {}, context })),
    );
    expect(notTheirs.status).toBe(404);

    const accepted = unwrap(
      await settle(accountAction({ request: formRequest("/account", { intent: "accept-invitation", invitationId: id }, cookie), params: {}, context })),
    );
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe(`/organisations/${world.council.slug}`);
    expect(await prisma.membership.count({ where: { userId: person.id, organisationId: world.council.id } })).toBe(1);
    const after = unwrap(await settle(accountLoader({ request: getRequest("/account", cookie), params: {}, context })));
    expect((after.body as { invitations: unknown[] }).invitations).toEqual([]);
  });
});

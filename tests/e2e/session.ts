import crypto from "node:crypto";
import type { BrowserContext, Page } from "@playwright/test";
import pg from "pg";
import { connectToRunningServices } from "../../server/runtime";
import { hashToken, newToken, SESSION_DAYS, sessionCookie } from "../../app/services/session-cookie.server";

// Signing people in without the sign-in form: a session row written straight into the running
// Nettle's database and its cookie put in the browser, exactly as signing in would. Journeys
// about something else start signed in at once; tests/e2e/accounts.spec.ts keeps the real form.

let pool: pg.Pool | undefined;

/** The running Nettle's database, for journeys that set up records no page of theirs writes. */
export function database() {
  if (!pool) {
    process.env.NETTLE_DATA_DIR ??= process.env.E2E_DATA_DIR ?? ".data/e2e";
    const problem = connectToRunningServices();
    if (problem) throw new Error(`The browser journeys cannot reach Nettle's database: ${problem}`);
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  }
  return pool;
}

export type Kind = "volunteer" | "student" | "academic" | "council_staff";

/** An account with a confirmed address, as if the person had signed up and confirmed it. */
export async function createPerson(name: string, email: string, kind: Kind = "volunteer") {
  const id = `e2e${crypto.randomBytes(10).toString("hex")}`;
  await database().query(
    `INSERT INTO users (id, email, display_name, kind, email_verified_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4::"ParticipantKind", now(), now(), now())`,
    [id, email.trim().toLowerCase(), name, kind],
  );
  return { id, email: email.trim().toLowerCase(), name };
}

/** Signs `email` in on this page's browser context, as the sign-in form would. */
export async function signInAs(target: Page | BrowserContext, email: string) {
  const context = "context" in target ? target.context() : target;
  const { rows } = await database().query<{ id: string }>("SELECT id FROM users WHERE email = $1 AND deleted_at IS NULL", [
    email.trim().toLowerCase(),
  ]);
  const user = rows[0];
  if (!user) throw new Error(`No account for ${email} to sign in as.`);
  const token = newToken();
  await database().query(
    `INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, user_agent)
     VALUES ($1, $2, now(), now(), now() + make_interval(days => $3), 'Browser journey')`,
    [hashToken(token), user.id, SESSION_DAYS],
  );
  const header = await sessionCookie.serialize(token);
  const value = header.split(";")[0]!.slice("nettle_session=".length);
  const baseURL = process.env.E2E_BASE_URL ?? `http://localhost:${process.env.E2E_PORT ?? 3900}`;
  await context.addCookies([{ name: "nettle_session", value, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

/** A confirmed account, signed in on `page`: what a journey needs before it starts. */
export async function signedInPerson(page: Page, name: string, email: string, kind: Kind = "volunteer") {
  const person = await createPerson(name, email, kind);
  await signInAs(page, email);
  return person;
}

/** One statement against the running Nettle's database, for setting up what a journey needs. */
export async function sql<Row extends Record<string, unknown> = Record<string, unknown>>(text: string, params: unknown[] = []) {
  return (await database().query<Row>(text, params)).rows;
}

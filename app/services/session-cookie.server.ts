import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";

// The session cookie and its tokens, apart from the sessions table so that tools without the
// app's database client (the browser journeys' sign-in fixture) make the very same cookie.

export const SESSION_DAYS = 30;

const secure = () => process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "false";

export const sessionCookie = createCookie("nettle_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: SESSION_DAYS * 24 * 3600,
  get secure() {
    return secure();
  },
});

export function hashToken(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function newToken() {
  return crypto.randomBytes(32).toString("base64url");
}


import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";

// A fake GitHub on a local port, for tests: the same HTTP requests github.com answers (OAuth
// authorize redirect, token exchange, /user, /user/emails), with the JSON shapes it sends.
// Nettle's code talks to it through GITHUB_OAUTH_URL / GITHUB_API_URL, exactly as it talks to
// GitHub Enterprise; nothing of ours is stubbed.

export interface GitHubAccount {
  id: number;
  login: string;
  name: string | null;
  emails: { email: string; primary: boolean; verified: boolean; visibility: "public" | "private" | null }[];
}

export const CLIENT_ID = "Iv1.fake0client0id";
export const CLIENT_SECRET = "fake-client-secret-0123456789abcdef";

export class FakeGitHub {
  server = http.createServer((req, res) => void this.handle(req, res));
  url = "";
  codes = new Map<string, { account: GitHubAccount; redirectUri: string }>();
  tokens = new Map<string, GitHubAccount>();
  tokenRequests: { authorization: string | undefined; body: URLSearchParams }[] = [];
  /** Set to make the API fail, as when GitHub has an outage. */
  apiStatus = 200;

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** What the person's browser does on GitHub's consent page: approve as `account`, or deny. */
  async consent(authorizeUrl: URL, answer: GitHubAccount | "deny") {
    const url = new URL(authorizeUrl);
    url.searchParams.set("test_answer", answer === "deny" ? "deny" : String(answer.id));
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(302);
    return response.headers.get("location")!;
  }

  accounts = new Map<number, GitHubAccount>();

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", this.url);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
    };
    let raw = "";
    for await (const chunk of req) raw += String(chunk);

    if (req.method === "GET" && url.pathname === "/login/oauth/authorize") {
      const redirectUri = url.searchParams.get("redirect_uri") ?? "";
      const state = url.searchParams.get("state") ?? "";
      if (url.searchParams.get("client_id") !== CLIENT_ID) return json(404, { message: "Not Found" });
      const back = new URL(redirectUri);
      if (url.searchParams.get("test_answer") === "deny") {
        back.searchParams.set("error", "access_denied");
        back.searchParams.set("error_description", "The user has denied your application access.");
        back.searchParams.set(
          "error_uri",
          "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#access-denied",
        );
      } else {
        const account = this.accounts.get(Number(url.searchParams.get("test_answer")));
        if (!account) return json(404, { message: "Not Found" });
        const code = crypto.randomBytes(10).toString("hex");
        this.codes.set(code, { account, redirectUri });
        back.searchParams.set("code", code);
      }
      back.searchParams.set("state", state);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }

    if (req.method === "POST" && url.pathname === "/login/oauth/access_token") {
      const body = new URLSearchParams(raw);
      this.tokenRequests.push({ authorization: req.headers.authorization, body });
      const expected = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`;
      if (req.headers.authorization !== expected) {
        return json(200, {
          error: "incorrect_client_credentials",
          error_description: "The client_id and/or client_secret passed are incorrect.",
        });
      }
      const grant = this.codes.get(body.get("code") ?? "");
      this.codes.delete(body.get("code") ?? "");
      if (!grant || grant.redirectUri !== body.get("redirect_uri")) {
        // GitHub's real answer to a wrong, expired or reused code: 200 with an error body.
        return json(200, {
          error: "bad_verification_code",
          error_description: "The code passed is incorrect or expired.",
          error_uri:
            "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code",
        });
      }
      const token = `gho_${crypto.randomBytes(18).toString("base64url")}`;
      this.tokens.set(token, grant.account);
      return json(200, { access_token: token, token_type: "bearer", scope: "user:email" });
    }

    if (req.method === "GET" && (url.pathname === "/user" || url.pathname === "/user/emails")) {
      const account = this.tokens.get((req.headers.authorization ?? "").replace(/^Bearer /, ""));
      if (!account)
        return json(401, {
          message: "Bad credentials",
          documentation_url: "https://docs.github.com/rest",
          status: "401",
        });
      if (this.apiStatus !== 200) return json(this.apiStatus, { message: "Server Error" });
      if (url.pathname === "/user/emails") return json(200, account.emails);
      return json(200, {
        login: account.login,
        id: account.id,
        node_id: `MDQ6VXNlcj${account.id}`,
        avatar_url: `https://avatars.githubusercontent.com/u/${account.id}?v=4`,
        html_url: `https://github.com/${account.login}`,
        type: "User",
        site_admin: false,
        name: account.name,
        company: null,
        blog: "",
        location: "Leeds",
        email: account.emails.find((e) => e.visibility === "public")?.email ?? null,
        bio: null,
        public_repos: 8,
        followers: 3,
        following: 0,
        created_at: "2014-03-01T09:12:44Z",
        updated_at: "2025-01-20T17:03:10Z",
      });
    }
    json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
  }
}


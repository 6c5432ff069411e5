import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// A fake GitHub REST API for repository tracking, on a local port: what @octokit/fixtures has
// no recording of. It answers as api.github.com does, headers included: weak ETags and
// Last-Modified, 304 to a matching If-None-Match (which, as on GitHub, costs no rate limit:
// x-ratelimit-remaining goes down only for other answers), x-ratelimit-* and
// x-ratelimit-resource on every answer, Link headers for pages, 301 to /repositories/<id> for
// a renamed repository, 404 for a private repository without the right token, and failures
// queued by a test (a secondary rate limit with retry-after, 5xx). Used by the integration
// tests, the browser journeys and scripts/bench/github-sync.ts; nothing of Nettle's is stubbed.

export interface FakeCommit {
  sha: string;
  date: Date;
  message: string;
  login: string;
}

export interface FakeRelease {
  id: number;
  tag: string;
  name: string;
  publishedAt: Date;
}

export interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  private: boolean;
  archived: boolean;
  description: string;
  topics: string[];
  licence: { spdx: string; name: string } | null;
  defaultBranch: string;
  createdAt: Date;
  pushedAt: Date;
  updatedAt: Date;
  readme: string | null;
  /** Newest first. */
  commits: FakeCommit[];
  contributors: { login: string; contributions: number }[];
  openIssues: number;
  openPulls: number;
  releases: FakeRelease[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
  authorization: string | null;
  userAgent: string | null;
  status: number;
}

type Failure = { status: number; retryAfter?: number; secondary?: boolean };

const sha = (text: string) => crypto.createHash("sha1").update(text).digest("hex");

let nextId = 700_000_000;

/** A repository with sensible defaults; pass what the test cares about. */
export function fakeRepo(owner: string, name: string, overrides: Partial<FakeRepo> = {}): FakeRepo {
  const now = Date.now();
  const commits =
    overrides.commits ??
    [0, 1, 2].map((i) => ({
      sha: sha(`${owner}/${name}/${i}`),
      date: new Date(now - (i + 1) * 86_400_000),
      message: `Commit ${3 - i}\n\nMore words`,
      login: "octocat",
    }));
  const pushedAt = overrides.pushedAt ?? commits[0]?.date ?? new Date(now - 30 * 86_400_000);
  return {
    id: nextId++,
    owner,
    name,
    private: false,
    archived: false,
    description: `${name} for the council`,
    topics: ["open-data"],
    licence: { spdx: "MIT", name: "MIT License" },
    defaultBranch: "main",
    createdAt: new Date(now - 20 * 86_400_000),
    pushedAt,
    updatedAt: pushedAt,
    readme: `# ${name}\n\nSee [the docs](docs/guide.md) and [site](https://example.org).\n\n## How to use it\n\nRun it.\n`,
    contributors: [{ login: "octocat", contributions: commits.length }],
    openIssues: 0,
    openPulls: 0,
    releases: [],
    ...overrides,
    commits,
  };
}

export class FakeGitHubApi {
  server = http.createServer((req, res) => void this.handle(req, res));
  url = "";
  repos = new Map<string, FakeRepo>();
  /** Old lower-case full name → repository id, as GitHub keeps for a renamed repository. */
  moved = new Map<string, number>();
  requests: RecordedRequest[] = [];
  /** The token that may read private repositories. */
  token: string | null = null;
  limit = 5000;
  remaining = 5000;
  resetAt = Math.floor(Date.now() / 1000) + 3600;
  private failures: { match: RegExp; failure: Failure }[] = [];

  async start(port = 0) {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop() {
    this.server.closeAllConnections();
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  add(repo: FakeRepo) {
    this.repos.set(`${repo.owner}/${repo.name}`.toLowerCase(), repo);
    return repo;
  }

  /** Renames (or transfers) a repository: the old name answers 301 from now on. */
  rename(repo: FakeRepo, owner: string, name: string) {
    this.repos.delete(`${repo.owner}/${repo.name}`.toLowerCase());
    this.moved.set(`${repo.owner}/${repo.name}`.toLowerCase(), repo.id);
    repo.owner = owner;
    repo.name = name;
    this.add(repo);
  }

  /** A push: new commits on the default branch. */
  push(repo: FakeRepo, ...messages: string[]) {
    for (const message of messages) {
      const date = new Date();
      repo.commits.unshift({ sha: sha(`${repo.id}/${repo.commits.length}/${message}`), date, message, login: "octocat" });
      repo.pushedAt = date;
      repo.updatedAt = date;
    }
  }

  /** The next request whose path matches answers with `failure` instead (queue several). */
  failNext(match: RegExp, failure: Failure) {
    this.failures.push({ match, failure });
  }

  /** Requests that cost rate limit (everything GitHub answered other than 304). */
  get costed() {
    return this.requests.filter((r) => r.status !== 304 && r.path !== "/rate_limit").length;
  }

  private find(owner: string, name: string) {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  private canRead(repo: FakeRepo, authorization: string | null) {
    if (!repo.private) return true;
    const token = authorization?.replace(/^(token|bearer)\s+/i, "");
    return this.token !== null && token === this.token;
  }

  private repoJson(repo: FakeRepo) {
    const full = `${repo.owner}/${repo.name}`;
    return {
      id: repo.id,
      node_id: Buffer.from(`010:Repository${repo.id}`).toString("base64"),
      name: repo.name,
      full_name: full,
      private: repo.private,
      owner: { login: repo.owner, id: repo.id + 1, type: "Organization", html_url: `https://github.com/${repo.owner}` },
      html_url: `https://github.com/${full}`,
      description: repo.description || null,
      fork: false,
      url: `${this.url}/repos/${full}`,
      homepage: null,
      size: repo.commits.length * 10,
      created_at: repo.createdAt.toISOString(),
      updated_at: repo.updatedAt.toISOString(),
      pushed_at: repo.pushedAt.toISOString(),
      archived: repo.archived,
      disabled: false,
      visibility: repo.private ? "private" : "public",
      open_issues_count: repo.openIssues + repo.openPulls,
      open_issues: repo.openIssues + repo.openPulls,
      topics: repo.topics,
      license: repo.licence ? { key: repo.licence.spdx.toLowerCase(), name: repo.licence.name, spdx_id: repo.licence.spdx, url: null } : null,
      default_branch: repo.defaultBranch,
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    for await (const _chunk of req) void _chunk;
    const url = new URL(req.url ?? "/", this.url);
    const record: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname + url.search,
      ifNoneMatch: (req.headers["if-none-match"] as string | undefined) ?? null,
      ifModifiedSince: (req.headers["if-modified-since"] as string | undefined) ?? null,
      authorization: (req.headers.authorization as string | undefined) ?? null,
      userAgent: (req.headers["user-agent"] as string | undefined) ?? null,
      status: 0,
    };
    this.requests.push(record);

    const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      record.status = status;
      if (status !== 304 && url.pathname !== "/rate_limit") this.remaining = Math.max(0, this.remaining - 1);
      res.writeHead(status, {
        "content-type": "application/json; charset=utf-8",
        "x-github-api-version-selected": "2022-11-28",
        "x-github-request-id": crypto.randomBytes(8).toString("hex").toUpperCase(),
        "x-ratelimit-limit": String(this.limit),
        "x-ratelimit-remaining": String(this.remaining),
        "x-ratelimit-reset": String(this.resetAt),
        "x-ratelimit-used": String(this.limit - this.remaining),
        "x-ratelimit-resource": "core",
        ...extra,
      });
      res.end(status === 304 || body === undefined ? undefined : JSON.stringify(body));
    };
    const notFound = () => send(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });
    // 200 with validators, or 304 when the client's validator still matches.
    const answer = (body: unknown, extra: Record<string, string> = {}, lastModified?: Date) => {
      const etag = `W/"${crypto.createHash("sha256").update(JSON.stringify(body)).digest("hex")}"`;
      const headers: Record<string, string> = { etag, ...extra };
      if (lastModified) headers["last-modified"] = lastModified.toUTCString();
      if (record.ifNoneMatch === etag) return send(304, undefined, headers);
      if (!record.ifNoneMatch && lastModified && record.ifModifiedSince && new Date(record.ifModifiedSince) >= new Date(lastModified.toUTCString())) {
        return send(304, undefined, headers);
      }
      return send(200, body, headers);
    };
    const page = (items: unknown[], path: string) => {
      const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get("per_page") ?? 30) || 30));
      const current = Math.max(1, Number(url.searchParams.get("page") ?? 1) || 1);
      const pages = Math.max(1, Math.ceil(items.length / perPage));
      const links: string[] = [];
      const at = (n: number) => {
        const next = new URL(`${this.url}${path}`);
        url.searchParams.forEach((value, key) => next.searchParams.set(key, value));
        next.searchParams.set("page", String(n));
        return next.toString();
      };
      if (current < pages) links.push(`<${at(current + 1)}>; rel="next"`, `<${at(pages)}>; rel="last"`);
      if (current > 1) links.push(`<${at(1)}>; rel="first"`, `<${at(current - 1)}>; rel="prev"`);
      return answer(items.slice((current - 1) * perPage, current * perPage), links.length ? { link: links.join(", ") } : {});
    };

    if (url.pathname === "/rate_limit") {
      return send(200, { resources: { core: { limit: this.limit, remaining: this.remaining, reset: this.resetAt, used: this.limit - this.remaining } } });
    }
    if (this.remaining <= 0 && !record.ifNoneMatch) {
      return send(403, { message: "API rate limit exceeded for 127.0.0.1.", documentation_url: "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting" });
    }
    const failureIndex = this.failures.findIndex((f) => f.match.test(url.pathname));
    if (failureIndex !== -1) {
      const { failure } = this.failures.splice(failureIndex, 1)[0]!;
      const extra: Record<string, string> = failure.retryAfter ? { "retry-after": String(failure.retryAfter) } : {};
      const message = failure.secondary
        ? "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
        : failure.status >= 500
          ? "Server Error"
          : "Forbidden";
      return send(failure.status, { message, documentation_url: "https://docs.github.com/rest" }, extra);
    }

    const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(url.pathname);
    let rest: string;
    let repo: FakeRepo | undefined;
    if (byId) {
      repo = [...this.repos.values()].find((r) => r.id === Number(byId[1]));
      rest = byId[2] ?? "";
    } else {
      const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
      if (!match) return notFound();
      const [owner, name] = [decodeURIComponent(match[1]!), decodeURIComponent(match[2]!)];
      repo = this.find(owner, name);
      rest = match[3] ?? "";
      if (!repo) {
        const movedTo = this.moved.get(`${owner}/${name}`.toLowerCase());
        if (movedTo !== undefined) {
          record.status = 301;
          res.writeHead(301, {
            location: `${this.url}/repositories/${movedTo}${rest}${url.search}`,
            "content-type": "application/json; charset=utf-8",
          });
          return res.end(JSON.stringify({ message: "Moved Permanently", url: `${this.url}/repositories/${movedTo}`, documentation_url: "https://docs.github.com/rest" }));
        }
      }
    }
    if (!repo || !this.canRead(repo, record.authorization)) return notFound();
    const full = `${repo.owner}/${repo.name}`;

    if (rest === "") return answer(this.repoJson(repo), {}, repo.updatedAt);
    if (rest === "/readme") {
      if (!repo.readme) return notFound();
      return answer({
        type: "file",
        encoding: "base64",
        name: "README.md",
        path: "README.md",
        content: Buffer.from(repo.readme).toString("base64"),
        html_url: `https://github.com/${full}/blob/${repo.defaultBranch}/README.md`,
        download_url: `https://raw.githubusercontent.com/${full}/${repo.defaultBranch}/README.md`,
      });
    }
    if (rest === "/commits") {
      const since = url.searchParams.get("since");
      const commits = repo.commits
        .filter((c) => !since || c.date >= new Date(since))
        .map((c) => ({
          sha: c.sha,
          html_url: `https://github.com/${full}/commit/${c.sha}`,
          commit: { message: c.message, author: { name: c.login, date: c.date.toISOString() }, committer: { date: c.date.toISOString() } },
          author: { login: c.login, html_url: `https://github.com/${c.login}` },
        }));
      return page(commits, url.pathname);
    }
    if (rest === "/contributors") {
      return page(
        repo.contributors.map((c) => ({ login: c.login, contributions: c.contributions, html_url: `https://github.com/${c.login}`, type: "User" })),
        url.pathname,
      );
    }
    if (rest === "/pulls") {
      const pulls = Array.from({ length: repo.openPulls }, (_, i) => ({ number: i + 1, state: "open", title: `PR ${i + 1}` }));
      return page(pulls, url.pathname);
    }
    if (rest === "/releases/latest") {
      const release = [...repo.releases].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())[0];
      if (!release) return notFound();
      return answer({
        id: release.id,
        tag_name: release.tag,
        name: release.name,
        draft: false,
        prerelease: false,
        published_at: release.publishedAt.toISOString(),
        html_url: `https://github.com/${full}/releases/tag/${release.tag}`,
      });
    }
    return notFound();
  }
}

// What a team lead types to link a repository, read into GitHub's { owner, name }. Client-safe:
// the form's schema uses it, so the browser and the server give the same answer.
//
// Accepted: "owner/name", any github.com address of the repository or of something inside it
// (a file, branch, tree, issue or pull request), with or without "www.", "http(s)://", ".git",
// a trailing slash, a query or a fragment, and the SSH forms git@github.com:owner/name.git and
// ssh://git@github.com/owner/name.git. Names follow GitHub's own rules, so anything GitHub
// could not have made (other hosts, gists, an organisation's page, lookalike characters) is
// refused with one message that says what works.

export interface RepositoryReference {
  owner: string;
  name: string;
}

export const REFERENCE_HELP =
  "Enter the repository as owner/name (like nettle-hub/bin-routes) or its GitHub address (like https://github.com/nettle-hub/bin-routes)";

export const MAX_REFERENCE_LENGTH = 300;

// GitHub's rules: an owner is 1–39 letters, digits or single hyphens, not at either end; a
// repository name is up to 100 of letters, digits, ".", "-" and "_", and never "." or "..".
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

// Paths under github.com that are GitHub's own pages, not an owner.
const NOT_OWNERS = new Set([
  "orgs",
  "users",
  "settings",
  "marketplace",
  "explore",
  "topics",
  "collections",
  "sponsors",
  "login",
  "logout",
  "about",
  "features",
  "pricing",
  "search",
  "notifications",
  "new",
  "organizations",
  "apps",
  "enterprise",
  "site",
  "trending",
]);

export type ReferenceResult = { ok: true; reference: RepositoryReference } | { ok: false; message: string };

const refuse = (message = REFERENCE_HELP): ReferenceResult => ({ ok: false, message });

function fromParts(owner: string | undefined, rawName: string | undefined): ReferenceResult {
  if (!owner || !rawName) return refuse();
  const name = rawName.endsWith(".git") ? rawName.slice(0, -4) : rawName;
  if (NOT_OWNERS.has(owner.toLowerCase())) return refuse();
  if (!OWNER.test(owner)) return refuse();
  if (!NAME.test(name) || name === "." || name === "..") return refuse();
  return { ok: true, reference: { owner, name } };
}

/** Reads what was typed; never throws. */
export function parseRepositoryReference(input: unknown): ReferenceResult {
  if (typeof input !== "string") return refuse("Enter the repository’s GitHub address or owner/name");
  const text = input.trim();
  if (text === "") return refuse("Enter the repository’s GitHub address or owner/name");
  if (text.length > MAX_REFERENCE_LENGTH) return refuse(`${REFERENCE_HELP}. What you entered is too long to be one.`);
  // Whitespace or control characters inside: not something GitHub names contain.
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return refuse();

  // git@github.com:owner/name(.git)
  const scp = /^git@(?:www\.)?github\.com:([^/]+)\/([^/]+?)\/?$/i.exec(text);
  if (scp) return fromParts(scp[1], scp[2]);

  // owner/name, nothing else
  if (!text.includes(":") && !/^(?:www\.)?github\.com\//i.test(text)) {
    const parts = text.replace(/\/+$/, "").split("/");
    if (parts.length !== 2) return refuse();
    return fromParts(parts[0], parts[1]);
  }

  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  } catch {
    return refuse();
  }
  const scheme = url.protocol.toLowerCase();
  if (scheme === "ssh:") {
    if (url.username !== "git" || url.password || url.port) return refuse();
  } else if (scheme === "http:" || scheme === "https:" || scheme === "git:") {
    if (url.username || url.password || url.port) return refuse();
  } else {
    return refuse();
  }
  const host = url.hostname.toLowerCase();
  if (host !== "github.com" && host !== "www.github.com") return refuse();
  // URL() percent-encodes anything outside ASCII: a lookalike letter would show up as "%".
  const segments = url.pathname.split("/").filter((segment) => segment !== "");
  if (segments.some((segment) => segment.includes("%"))) return refuse();
  return fromParts(segments[0], segments[1]);
}

export const fullNameOf = (reference: RepositoryReference) => `${reference.owner}/${reference.name}`;

/** How Nettle finds a repository by name: GitHub's names are case-insensitive. */
export const fullNameKeyOf = (reference: RepositoryReference) => fullNameOf(reference).toLowerCase();

// Writes app/models/platform/reserved-slugs.ts: the words a slug must not be, read from the app's own
// routes, so that a challenge called "New" cannot hide behind /challenges/new. Run it after
// adding a route: `npx tsx scripts/reserved-slugs.ts` (scripts/reserved-slugs.test.ts fails
// until the file matches the routes). The app cannot read its routes at run time: the worker
// and the scripts run without Remix's build.
import { writeFileSync } from "node:fs";
import { UNSAFE_flatRoutes } from "@remix-run/dev";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const RESERVED_SLUGS_FILE = path.join(ROOT, "app", "models", "platform", "reserved-slugs.ts");

/** Every route that takes a :slug, by whose slug it is. A new one must be added here. */
const SLUG_ROUTES = {
  challenges: [
    "routes/challenges.$slug",
    "routes/api.v1.challenges_.$slug",
    "routes/challenges.$slug_.people",
    "routes/challenges_.$slug.interest",
    "routes/challenges_.$slug.invite.$userId",
    "routes/challenges_.$slug.applications",
  ],
  organisations: [
    "routes/organisations.$slug",
    "routes/organisations.$slug_.members",
    "routes/hub.$slug.councils",
    "routes/hub.$slug.challenges",
    "routes/feeds.councils.$slug[.]atom",
    "routes/hub.$slug.projects",
    "routes/hub.$slug.figures",
    "routes/hub.$slug.figures[.]csv",
    "routes/hub.$slug.events",
    "routes/organisations.$slug_.projects",
  ],
  themes: ["routes/feeds.themes.$slug[.]atom"],
  skills: ["routes/hub.taxonomy.$slug"],
  projects: ["routes/projects.$slug", "routes/projects.$slug_.team", "routes/projects_.$slug.repository", "routes/projects.$slug_.outcome"],
  outcomes: ["routes/outcomes.$slug", "routes/api.v1.outcomes_.$slug", "routes/outcomes.$slug_.impact.$months"],
  events: [
    "routes/events.$slug",
    "routes/events.$slug_.edit",
    "routes/events.$slug_.agenda",
    "routes/events.$slug_.challenges",
    "routes/events.$slug_.manage",
    "routes/events.$slug_.calendar[.]ics",
    "routes/api.v1.events_.$slug",
    "routes/events.$slug_.register",
    "routes/events.$slug_.ticket",
    "routes/events.$slug_.registrations",
    "routes/events.$slug_.registrations[.]csv",
    "routes/events.$slug_.figures",
    "routes/events.$slug_.figures[.]csv",
    "routes/events.$slug_.check-in",
    "routes/events.$slug_.check-in_.$code",
    "routes/events.$slug_.teams",
    "routes/events.$slug_.teams[.]csv",
    "routes/events.$slug_.teams_.suggest",
    "routes/events.$slug_.showcase",
    "routes/events.$slug_.present",
    "routes/events.$slug_.judging",
    "routes/events.$slug_.judging_.scores[.]csv",
    "routes/events.$slug_.voting",
    "routes/events.$slug_.vote",
    "routes/events.$slug_.awards",
  ],
} as const;

type Kind = keyof typeof SLUG_ROUTES;
interface Route {
  id: string;
  parentId?: string;
  path?: string;
}

/** The app's routes as Remix's own flat-routes reader sees them, with their full paths. */
function routePaths(appDir: string): Map<string, string[]> {
  // Remix's own flat-routes reader (exported as UNSAFE_: the version is pinned in package.json).
  const routes = UNSAFE_flatRoutes(appDir, ["**/*.test.{ts,tsx}", "**/*.css"]) as Record<string, Route>;
  const segmentsOf = (route: Route | undefined): string[] =>
    route ? [...segmentsOf(route.parentId ? routes[route.parentId] : undefined), ...(route.path?.split("/") ?? [])] : [];
  return new Map(Object.values(routes).map((route) => [route.id, segmentsOf(route).filter(Boolean)]));
}

/**
 * For each kind: every fixed word in a route beside or below where its slug goes. For
 * /feeds/themes/:slug.atom, a route /feeds/themes/all.atom would reserve "all".
 */
export function deriveReservedSlugs(appDir = path.join(ROOT, "app")): Record<Kind, string[]> {
  const paths = routePaths(appDir);
  const claimed = new Set<string>(Object.values(SLUG_ROUTES).flat());
  for (const [id, segments] of paths) {
    if (segments.some((segment) => segment.startsWith(":slug")) && !claimed.has(id)) {
      throw new Error(`${id} takes a :slug: say whose slug it is in SLUG_ROUTES (scripts/reserved-slugs.ts).`);
    }
  }
  const result = {} as Record<Kind, string[]>;
  for (const kind of Object.keys(SLUG_ROUTES) as Kind[]) {
    const words = new Set<string>();
    for (const id of SLUG_ROUTES[kind]) {
      const segments = paths.get(id);
      const at = segments?.findIndex((segment) => segment.startsWith(":slug")) ?? -1;
      if (!segments || at < 0) throw new Error(`${id} is listed in SLUG_ROUTES but has no :slug.`);
      const prefix = segments.slice(0, at);
      const extension = segments[at]!.slice(":slug".length);
      for (const other of paths.values()) {
        if (other.length <= at || prefix.some((segment, i) => other[i] !== segment)) continue;
        other.slice(at).forEach((segment, offset) => {
          const word = offset === 0 && extension && segment.endsWith(extension) ? segment.slice(0, -extension.length) : segment;
          if (/^[a-z0-9-]+$/.test(word)) words.add(word);
        });
      }
    }
    result[kind] = [...words].sort();
  }
  return result;
}

export function renderReservedSlugs(reserved: Record<Kind, string[]>) {
  const lines = (Object.keys(reserved) as Kind[]).map(
    (kind) => `  ${kind}: [${reserved[kind].map((word) => JSON.stringify(word)).join(", ")}],`,
  );
  return [
    "// Generated by scripts/reserved-slugs.ts from the app's routes. Do not edit: run",
    "// `npx tsx scripts/reserved-slugs.ts` after adding a route.",
    "",
    "/** Words a slug must not be, because a route of the app uses them in the same place. */",
    "export const reservedSlugs = {",
    ...lines,
    "} as const;",
    "",
  ].join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(RESERVED_SLUGS_FILE, renderReservedSlugs(deriveReservedSlugs()));
  console.log(`wrote ${path.relative(process.cwd(), RESERVED_SLUGS_FILE)}`);
}

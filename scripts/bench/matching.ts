// Matching at scale. Targets: "people for a challenge" p95 ≤ 30 ms through the app's own HTTP
// route; faster than the best plain PostgreSQL query for the same match; 100,000 profiles
// indexed in ≤ 60 s.
//   npm run bench:matching -- [profiles] [challenges] [requests]
// Writes profiles and challenges in bulk straight into PostgreSQL (no sign-up, no password
// hashing: this measures indexing and matching), with skewed skills (many Excel and Python, few
// remote sensing). Indexes the people through the real document builder and reindex path,
// reporting documents/s and Meilisearch's memory (RSS). Then, with the production web process,
// a signed-in council member asks for the people of random open challenges, one request at a
// time. Baseline in the same process: the best plain SQL we could write for the same match
// (text[] overlap with a GIN index, ranked by weighted coverage), timed on the database.
// Finally, how concentrated top-10 places are across challenges, without and with spreading.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import getPort from "get-port";
import { buildWebServer, WEB_ENTRY } from "../build-web";
import { percentile, startBenchServices } from "./services";

const PROFILES = Number(process.argv[2] ?? 100_000);
const CHALLENGES = Number(process.argv[3] ?? 5_000);
const REQUESTS = Number(process.argv[4] ?? 1_000);
const SPREAD_SAMPLE = 300;

if (!existsSync("build/server/index.js")) {
  console.log("building the app first…");
  const built = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (built.status !== 0) process.exit(1);
}
await buildWebServer();

const services = await startBenchServices();
const { seedReferenceData } = await import("~/models/platform/seed.server");
const { applySearchSettings, rebuildIndex } = await import("~/models/platform/search-reindex.server");
const { prisma } = await import("~/services/db.server");
const { createSession } = await import("~/services/session.server");
const { childProcessEnv, WEB_NODE_FLAGS } = await import("../../server/process-env");
const { peopleForChallenge } = await import("~/models/matching/people.server");
const { exposureConcentration } = await import("~/models/matching/ranking");
await seedReferenceData();
await applySearchSettings();

// A deterministic random source, so two runs generate the same data.
let seed = 20261201;
const random = () => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
function weightedPick<T>(items: readonly { value: T; weight: number }[], total: number): T {
  let r = random() * total;
  for (const item of items) {
    r -= item.weight;
    if (r <= 0) return item.value;
  }
  return items.at(-1)!.value;
}

// ---------------------------------------------------------------------------------------
// The skills graph: a few broader links (the taxonomy work seeds the full set).
// ---------------------------------------------------------------------------------------
const skills = await prisma.skill.findMany({ select: { id: true, slug: true } });
const skillId = new Map(skills.map((s) => [s.slug, s.id]));
const links: [string, string][] = [
  ["arcgis", "geospatial-analysis"],
  ["qgis", "geospatial-analysis"],
  ["postgis", "geospatial-analysis"],
  ["postgresql", "sql"],
  ["regression", "statistical-analysis"],
  ["forecasting", "statistical-analysis"],
  ["power-bi", "dashboards"],
  ["tableau", "dashboards"],
  ["dashboards", "data-visualisation"],
  ["dbt", "etl-pipelines"],
  ["airflow", "etl-pipelines"],
  ["nlp", "machine-learning"],
  ["computer-vision", "machine-learning"],
];
await prisma.skillLink.createMany({
  data: links
    .filter(([a, b]) => skillId.has(a) && skillId.has(b))
    .map(([a, b]) => ({ fromId: skillId.get(a)!, toId: skillId.get(b)!, kind: "broader" as const })),
  skipDuplicates: true,
});

// Skewed popularity: a few skills most people list, a long tail few do.
const popular: Record<string, number> = {
  "excel-spreadsheets": 60,
  python: 45,
  sql: 35,
  "data-visualisation": 25,
  "power-bi": 18,
  "r-programming": 12,
  "statistical-analysis": 14,
  "data-cleaning": 16,
  dashboards: 10,
  "geospatial-analysis": 8,
  qgis: 6,
  arcgis: 5,
  "machine-learning": 8,
  "project-management": 9,
  "user-research": 6,
};
const skillWeights = skills.map((s, i) => ({ value: s.id, weight: popular[s.slug] ?? 0.3 + 2 / (i + 2) }));
const skillTotal = skillWeights.reduce((sum, s) => sum + s.weight, 0);
const themes = await prisma.theme.findMany({ select: { id: true } });
const councils = await prisma.organisation.findMany({ where: { kind: "council" }, select: { id: true, region: true } });
const regions = [...new Set(councils.map((c) => c.region).filter((r): r is string => Boolean(r)))];
const levels = ["learning", "practised", "practised", "expert"] as const;
const kinds = ["volunteer", "volunteer", "student", "academic"] as const;

function distinctSkills(count: number, weights = skillWeights, total = skillTotal) {
  const chosen = new Set<string>();
  for (let tries = 0; chosen.size < count && tries < count * 20; tries++) chosen.add(weightedPick(weights, total));
  return [...chosen];
}

// ---------------------------------------------------------------------------------------
// Bulk writes: unnest() over arrays, 5,000 rows a statement.
// ---------------------------------------------------------------------------------------
const BATCH = 5_000;
const today = new Date();
const dayOffset = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
let t = performance.now();
const userIds: string[] = [];
for (let start = 0; start < PROFILES; start += BATCH) {
  const n = Math.min(BATCH, PROFILES - start);
  const u = {
    id: [] as string[],
    email: [] as string[],
    name: [] as string[],
    kind: [] as string[],
    vis: [] as string[],
  };
  const p = {
    region: [] as (string | null)[],
    remote: [] as boolean[],
    hours: [] as number[],
    from: [] as (string | null)[],
    until: [] as (string | null)[],
    open: [] as boolean[],
    headline: [] as string[],
  };
  const ps = { user: [] as string[], skill: [] as string[], level: [] as string[] };
  const pt = { user: [] as string[], theme: [] as string[] };
  for (let i = 0; i < n; i++) {
    const id = `bench-person-${String(start + i).padStart(6, "0")}`;
    userIds.push(id);
    u.id.push(id);
    u.email.push(`${id}@bench.example`);
    u.name.push(`Bench Person ${start + i}`);
    u.kind.push(pick(kinds));
    const v = random();
    u.vis.push(v < 0.3 ? "public" : v < 0.9 ? "members" : "private");
    p.region.push(random() < 0.05 ? null : pick(regions));
    p.remote.push(random() < 0.7);
    p.hours.push(2 + Math.floor(random() * 15));
    const a = random();
    p.from.push(a > 0.95 ? dayOffset(10 + Math.floor(random() * 60)) : null);
    p.until.push(
      a < 0.1 ? dayOffset(-1 - Math.floor(random() * 60)) : a < 0.3 ? dayOffset(30 + Math.floor(random() * 300)) : null,
    );
    p.open.push(random() < 0.92);
    p.headline.push("Data volunteer");
    for (const skill of distinctSkills(2 + Math.floor(random() * 5))) {
      ps.user.push(id);
      ps.skill.push(skill);
      ps.level.push(pick(levels));
    }
    for (let k = Math.floor(random() * 3); k > 0; k--) {
      pt.user.push(id);
      pt.theme.push(pick(themes).id);
    }
  }
  await prisma.$executeRaw`
    INSERT INTO users (id, email, display_name, kind, visibility, email_verified_at, updated_at)
    SELECT id, email, name, kind::"ParticipantKind", vis::"ProfileVisibility", now(), now()
    FROM unnest(${u.id}::text[], ${u.email}::text[], ${u.name}::text[], ${u.kind}::text[], ${u.vis}::text[]) AS x(id, email, name, kind, vis)`;
  await prisma.$executeRaw`
    INSERT INTO profiles (user_id, headline, region, remote_ok, hours_per_week, available_from, available_until, open_to_invitations, updated_at)
    SELECT * , now() FROM unnest(${u.id}::text[], ${p.headline}::text[], ${p.region}::text[], ${p.remote}::boolean[], ${p.hours}::int[],
      ${p.from}::date[], ${p.until}::date[], ${p.open}::boolean[])`;
  await prisma.$executeRaw`
    INSERT INTO profile_skills (user_id, skill_id, level)
    SELECT u, s, l::"SkillLevel" FROM unnest(${ps.user}::text[], ${ps.skill}::text[], ${ps.level}::text[]) AS x(u, s, l)`;
  await prisma.$executeRaw`
    INSERT INTO profile_themes (user_id, theme_id)
    SELECT DISTINCT u, th FROM unnest(${pt.user}::text[], ${pt.theme}::text[]) AS x(u, th)`;
}
const writeProfilesMs = performance.now() - t;

// Challenges: needs lean towards the popular skills too, with a rarer specialist now and then.
const needWeights = skills.map((s) => ({ value: s.id, weight: Math.sqrt(popular[s.slug] ?? 1) }));
const needTotal = needWeights.reduce((sum, s) => sum + s.weight, 0);
t = performance.now();
const challengeIds: string[] = [];
const cs = {
  id: [] as string[],
  slug: [] as string[],
  org: [] as string[],
  status: [] as string[],
  title: [] as string[],
};
const cskill = { c: [] as string[], s: [] as string[], imp: [] as string[] };
const ctheme = { c: [] as string[], th: [] as string[] };
for (let i = 0; i < CHALLENGES; i++) {
  const id = `bench-challenge-${String(i).padStart(5, "0")}`;
  challengeIds.push(id);
  cs.id.push(id);
  cs.slug.push(id);
  cs.org.push(pick(councils).id);
  cs.status.push(random() < 0.8 ? "open" : "in_progress");
  cs.title.push(`Bench challenge ${i}`);
  const needed = distinctSkills(2 + Math.floor(random() * 4), needWeights, needTotal);
  const essential = 1 + Math.floor(random() * Math.min(2, needed.length));
  needed.forEach((skill, k) => {
    cskill.c.push(id);
    cskill.s.push(skill);
    cskill.imp.push(k < essential ? "essential" : "helpful");
  });
  ctheme.c.push(id);
  ctheme.th.push(pick(themes).id);
}
await prisma.$executeRaw`
  INSERT INTO challenges (id, slug, organisation_id, status, title, problem, published_at, updated_at)
  SELECT id, slug, org, st::"ChallengeStatus", title, 'A bench challenge.', now(), now()
  FROM unnest(${cs.id}::text[], ${cs.slug}::text[], ${cs.org}::text[], ${cs.status}::text[], ${cs.title}::text[]) AS x(id, slug, org, st, title)`;
await prisma.$executeRaw`
  INSERT INTO challenge_skills (challenge_id, skill_id, importance)
  SELECT c, s, i::"SkillImportance" FROM unnest(${cskill.c}::text[], ${cskill.s}::text[], ${cskill.imp}::text[]) AS x(c, s, i)`;
await prisma.$executeRaw`
  INSERT INTO challenge_themes (challenge_id, theme_id) SELECT * FROM unnest(${ctheme.c}::text[], ${ctheme.th}::text[])`;
// Some people already give hours to teams (5%), some hold pending invitations (3%).
const tm = { id: [] as string[], c: [] as string[], u: [] as string[], h: [] as number[] };
const inv = { id: [] as string[], c: [] as string[], u: [] as string[] };
userIds.forEach((id, i) => {
  if (random() < 0.05) {
    tm.id.push(`bench-team-${i}`);
    tm.c.push(pick(challengeIds));
    tm.u.push(id);
    tm.h.push(2 + Math.floor(random() * 10));
  }
  if (random() < 0.03) {
    inv.id.push(`bench-invitation-${i}`);
    inv.c.push(pick(challengeIds));
    inv.u.push(id);
  }
});
await prisma.$executeRaw`
  INSERT INTO team_members (id, challenge_id, user_id, hours_per_week) SELECT * FROM unnest(${tm.id}::text[], ${tm.c}::text[], ${tm.u}::text[], ${tm.h}::int[])`;
await prisma.$executeRaw`
  INSERT INTO challenge_applications (id, challenge_id, user_id, direction, status, updated_at)
  SELECT id, c, u, 'invitation', 'pending', now() FROM unnest(${inv.id}::text[], ${inv.c}::text[], ${inv.u}::text[]) AS x(id, c, u)`;
const writeChallengesMs = performance.now() - t;
await prisma.$executeRaw`ANALYZE`;
const profileSkillRows = await prisma.profileSkill.count();
console.log(
  `matching bench: ${PROFILES.toLocaleString("en-GB")} profiles (${profileSkillRows.toLocaleString("en-GB")} skills held), ` +
    `${CHALLENGES.toLocaleString("en-GB")} challenges, ${REQUESTS} requests`,
);
console.log(
  `bulk write: profiles ${(writeProfilesMs / 1000).toFixed(1)} s, challenges ${(writeChallengesMs / 1000).toFixed(1)} s`,
);

// ---------------------------------------------------------------------------------------
// Indexing through the real document builder and the reindex path.
// ---------------------------------------------------------------------------------------
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
const meiliBefore = rssMb(services.meiliPid);
t = performance.now();
const rebuilt = await rebuildIndex("people");
const indexSeconds = (performance.now() - t) / 1000;
const meiliAfter = rssMb(services.meiliPid);
console.log(
  `people indexed: ${rebuilt.documents.toLocaleString("en-GB")} documents in ${indexSeconds.toFixed(1)} s = ` +
    `${Math.round(rebuilt.documents / indexSeconds).toLocaleString("en-GB")} documents/s; ` +
    `Meilisearch RSS ${meiliBefore.toFixed(0)} MB before, ${meiliAfter.toFixed(0)} MB after ` +
    `(target ≤ 60 s for 100k: ${indexSeconds <= 60 * (rebuilt.documents / 100_000) ? "met" : "NOT met"})`,
);
await rebuildIndex("challenges");

// ---------------------------------------------------------------------------------------
// A council member of every council, signed in by a session row.
// ---------------------------------------------------------------------------------------
const officer = await prisma.user.create({
  data: {
    email: "officer@bench.example",
    displayName: "Bench officer",
    kind: "council_staff",
    emailVerifiedAt: new Date(),
  },
});
await prisma.membership.createMany({
  data: councils.map((c) => ({ userId: officer.id, organisationId: c.id, role: "member" as const })),
});
const cookie = (await createSession(officer.id, new Request("http://localhost/"))).split(";")[0]!;
const actor = { ...officer, sessionId: "bench" };
const asked = Array.from({ length: REQUESTS }, () => pick(challengeIds));

// ---------------------------------------------------------------------------------------
// The route, through the production web process.
// ---------------------------------------------------------------------------------------
const port = await getPort();
const child = spawn(process.execPath, [...WEB_NODE_FLAGS, WEB_ENTRY], {
  env: {
    ...childProcessEnv(process.env),
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
const base = `http://127.0.0.1:${port}`;
for (let tries = 0; ; tries++) {
  if (
    await fetch(`${base}/healthz`).then(
      (r) => r.status < 500,
      () => false,
    )
  )
    break;
  if (tries > 300) throw new Error("the web process did not start");
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const get = async (path: string) => {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, body };
};
for (const id of asked.slice(0, 50)) await get(`/challenges/${id}/people`); // warm up
const route: number[] = [];
let failures = 0;
let listed = 0;
for (const id of asked) {
  const answer = await get(`/challenges/${id}/people`);
  route.push(answer.ms);
  if (answer.status !== 200) failures++;
  listed += (answer.body.match(/nettle-results__item/g) ?? []).length;
}
child.kill("SIGTERM");
await new Promise((resolve) => child.once("exit", resolve));

// In-process, the model function alone (no HTTP, no rendering).
const model: number[] = [];
for (const id of asked) {
  const started = performance.now();
  await peopleForChallenge(actor, id);
  model.push(performance.now() - started);
}

// ---------------------------------------------------------------------------------------
// Baseline: the best plain PostgreSQL query we could write. A denormalised table with the
// skills held per level and implied, a GIN index on the union, the same filters, ranked by
// the same weighted coverage, top 20.
// ---------------------------------------------------------------------------------------
await prisma.$executeRawUnsafe(`
  CREATE TABLE bench_match AS
  SELECT p.user_id, p.region, p.remote_ok, p.available_from, p.available_until, u.visibility, u.kind,
    coalesce(array_agg(ps.skill_id) FILTER (WHERE ps.level = 'expert'), '{}') AS expert,
    coalesce(array_agg(ps.skill_id) FILTER (WHERE ps.level = 'practised'), '{}') AS practised,
    coalesce(array_agg(ps.skill_id) FILTER (WHERE ps.level = 'learning'), '{}') AS learning,
    coalesce((SELECT array_agg(DISTINCT l.to_id) FROM profile_skills ps2 JOIN skill_links l ON l.from_id = ps2.skill_id AND l.kind = 'broader'
              WHERE ps2.user_id = p.user_id), '{}') AS implied
  FROM profiles p JOIN users u ON u.id = p.user_id JOIN profile_skills ps ON ps.user_id = p.user_id
  WHERE p.open_to_invitations AND u.deleted_at IS NULL AND u.email_verified_at IS NOT NULL AND u.visibility <> 'private'
  GROUP BY p.user_id, u.visibility, u.kind`);
await prisma.$executeRawUnsafe(`ALTER TABLE bench_match ADD COLUMN skills text[]`);
await prisma.$executeRawUnsafe(`UPDATE bench_match SET skills = expert || practised || learning || implied`);
await prisma.$executeRawUnsafe(`CREATE INDEX ON bench_match USING gin (skills)`);
await prisma.$executeRawUnsafe(`ANALYZE bench_match`);
const needsOf = new Map<string, { ids: string[]; weights: number[]; region: string | null }>();
for (const row of await prisma.challenge.findMany({
  where: { id: { in: [...new Set(asked)] } },
  select: {
    id: true,
    organisation: { select: { region: true } },
    skills: { select: { skillId: true, importance: true } },
  },
})) {
  needsOf.set(row.id, {
    ids: row.skills.map((s) => s.skillId),
    weights: row.skills.map((s) => (s.importance === "essential" ? 3 : 1)),
    region: row.organisation.region,
  });
}
const sql: number[] = [];
for (const id of asked) {
  const need = needsOf.get(id)!;
  const started = performance.now();
  await prisma.$queryRaw`
    SELECT m.user_id,
      (SELECT sum(n.w * CASE WHEN n.s = ANY(m.expert) THEN 1 WHEN n.s = ANY(m.practised) THEN 0.8
                             WHEN n.s = ANY(m.learning) THEN 0.5 WHEN n.s = ANY(m.implied) THEN 0.45 ELSE 0 END)
       FROM unnest(${need.ids}::text[], ${need.weights}::int[]) AS n(s, w)) AS score
    FROM bench_match m
    WHERE m.skills && ${need.ids}::text[]
      AND (m.available_from IS NULL OR m.available_from <= current_date)
      AND (m.available_until IS NULL OR m.available_until >= current_date)
      AND (m.region = ${need.region} OR m.remote_ok OR m.region IS NULL)
    ORDER BY score DESC, m.user_id
    LIMIT 20`;
  sql.push(performance.now() - started);
}

const line = (label: string, samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(sorted, p));
  console.log(`${label.padEnd(46)} p50 ${p50!.toFixed(1)} ms  p95 ${p95!.toFixed(1)} ms  p99 ${p99!.toFixed(1)} ms`);
  return { p50: p50!, p95: p95! };
};
const r = line("route GET /challenges/<slug>/people (HTTP)", route);
const m = line("model peopleForChallenge (in process)", model);
const b = line("baseline: plain SQL, GIN overlap + coverage", sql);
console.log(`${failures} failed requests; ${(listed / REQUESTS).toFixed(1)} people listed per page on average`);
console.log(
  `ratio p50 route/SQL ${(r.p50 / b.p50).toFixed(2)}x, model/SQL ${(m.p50 / b.p50).toFixed(2)}x; ` +
    `p95 route/SQL ${(r.p95 / b.p95).toFixed(2)}x`,
);
console.log(
  `target route p95 ≤ 30 ms: ${r.p95 <= 30 ? "met" : "NOT met"}; faster than SQL (p50): ${r.p50 < b.p50 ? "yes" : "no"}`,
);

// ---------------------------------------------------------------------------------------
// Spreading the work: top-10 concentration over a sample of open challenges.
// ---------------------------------------------------------------------------------------
const sample = challengeIds.slice(0, SPREAD_SAMPLE);
const tops = async (spread: boolean) => {
  const lists: { id: string; score: number }[][] = [];
  for (const id of sample) {
    const result = await peopleForChallenge(actor, id, { spread });
    lists.push(
      result.kind === "results" ? result.results.slice(0, 10).map((p) => ({ id: p.userId, score: p.match.score })) : [],
    );
  }
  return lists;
};
for (const [label, lists] of [
  ["without spreading", await tops(false)],
  ["with spreading", await tops(true)],
] as const) {
  const c = exposureConcentration(lists.map((l) => l.map((p) => p.id)));
  const mean = lists.flat().reduce((sum, p) => sum + p.score, 0) / Math.max(1, lists.flat().length);
  console.log(
    `top-10 across ${sample.length} challenges, ${label.padEnd(18)} people shown ${c.shown}, ` +
      `top 5% hold ${(c.topShare * 100).toFixed(1)}% of places, Gini ${c.gini.toFixed(3)}, mean score ${mean.toFixed(4)}`,
  );
}

await prisma.$disconnect();
await services.stop();

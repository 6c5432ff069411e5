// Registration under load. Target: 200 people registering at once for an event with 150
// places never overbook (places taken = capacity, the rest on the waiting list in order), and
// how long each registration takes while they queue on the event's row lock.
//   npm run bench:registrations -- [people] [capacity]
// Each registration is the real `register` model function (lock, fill offers, count, ticket
// code, choices and needs, notification with its mail) against a throwaway PostgreSQL.
// Baseline in the same process: the same number of plain single-row registration inserts at
// once (no lock, no counting, no notification), so the cost of being correct shows as a ratio.
import { percentile, startBenchServices } from "./services";

const PEOPLE = Number(process.argv[2] ?? 200);
const CAPACITY = Number(process.argv[3] ?? 150);

const services = await startBenchServices();
const { seedReferenceData } = await import("~/models/platform/seed.server");
const { prisma } = await import("~/services/db.server");
const { register } = await import("~/models/registrations/registration.server");
await seedReferenceData();

const hub = await prisma.organisation.create({
  data: { slug: "bench-hub", name: "Bench Hub", kind: "hub", region: "Yorkshire and The Humber", servesRegions: ["Yorkshire and The Humber"], verifiedAt: new Date() },
});
const challenge = await prisma.challenge.create({
  data: { slug: "bench-challenge", title: "Bench challenge", problem: "", organisationId: hub.id, status: "open", publishedAt: new Date() },
});

async function makeEvent(slug: string, capacity: number) {
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  return prisma.event.create({
    data: {
      slug,
      hubId: hub.id,
      status: "published",
      title: `Bench ${slug}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 8 * 3_600_000),
      capacity,
      publishedAt: new Date(),
      challenges: { create: [{ challengeId: challenge.id, position: 0 }] },
    },
  });
}

async function makePeople(prefix: string, n: number) {
  await prisma.user.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      id: `${prefix}-${i}`,
      email: `${prefix}-${i}@bench.invalid`,
      displayName: `${prefix} ${i}`,
      emailVerifiedAt: new Date(),
    })),
  });
  const users = await prisma.user.findMany({ where: { id: { startsWith: `${prefix}-` } } });
  return users.map((user) => ({ ...user, sessionId: "bench" }));
}

const input = (i: number) => ({
  choice1: i % 3 === 0 ? "" : challenge.id,
  choice2: "",
  choice3: "",
  dietary: i % 10 === 0 ? "Vegetarian" : "",
  access: "",
  shareSkills: "yes" as const,
  agreeConduct: "yes" as const,
});

const timed = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
};

const line = (label: string, samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const stats = { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)! };
  console.log(`${label.padEnd(46)} n=${sorted.length}  p50 ${stats.p50.toFixed(1)} ms  p95 ${stats.p95.toFixed(1)} ms  max ${stats.max.toFixed(1)} ms`);
  return stats;
};

try {
  // Warm up the connection pool and the code paths on an event of its own.
  const warm = await makeEvent("bench-warm-up", 5);
  for (const [i, person] of (await makePeople("warm", 10)).entries()) await register(person, warm.slug, input(i));

  // Baseline: the same number of plain inserts at once, no lock and no counting.
  const baselineEvent = await makeEvent("bench-baseline", CAPACITY);
  const baselinePeople = await makePeople("base", PEOPLE);
  const baselineWall = performance.now();
  const baseline = await Promise.all(
    baselinePeople.map((person, i) =>
      timed(() =>
        prisma.registration.create({
          data: { eventId: baselineEvent.id, userId: person.id, status: "confirmed", ticketCode: `B${String(i).padStart(7, "0")}`, agreedToConductAt: new Date() },
        }),
      ),
    ),
  );
  const baselineSeconds = (performance.now() - baselineWall) / 1000;

  const event = await makeEvent("bench-event", CAPACITY);
  const people = await makePeople("reg", PEOPLE);
  const wall = performance.now();
  const results = await Promise.all(people.map((person, i) => timed(() => register(person, event.slug, input(i)))));
  const seconds = (performance.now() - wall) / 1000;

  const taken = await prisma.registration.count({ where: { eventId: event.id, status: { in: ["confirmed", "offered"] } } });
  const waitlisted = await prisma.registration.count({ where: { eventId: event.id, status: "waitlisted" } });
  const positions = results.flatMap((r) => (r.value.position ? [r.value.position] : [])).sort((a, b) => a - b);
  const inOrder = positions.every((p, i) => p === i + 1);

  console.log(`${PEOPLE} people registering at once for ${CAPACITY} places (real PostgreSQL, one process)`);
  const reg = line("register (lock, count, write, notify)", results.map((r) => r.ms));
  const base = line("baseline: plain single-row insert", baseline.map((r) => r.ms));
  console.log(`wall time: register ${seconds.toFixed(2)} s (${(PEOPLE / seconds).toFixed(0)}/s); baseline ${baselineSeconds.toFixed(2)} s (${(PEOPLE / baselineSeconds).toFixed(0)}/s)`);
  console.log(`ratio register/baseline: p50 ${(reg.p50 / base.p50).toFixed(1)}×  p95 ${(reg.p95 / base.p95).toFixed(1)}×`);
  console.log(`places taken: ${taken} of ${CAPACITY} (${taken === CAPACITY ? "exact, no overbooking" : "WRONG"}); waiting list: ${waitlisted} (positions 1..${positions.length} ${inOrder ? "each once" : "NOT in order"})`);
  if (taken !== Math.min(CAPACITY, PEOPLE) || waitlisted !== Math.max(0, PEOPLE - CAPACITY) || !inOrder) process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await services.stop();
}

// How `npm start` runs the web and worker processes (scripts/start.ts; the memory benchmark
// starts the web process the same way). Measured in scripts/bench/memory.ts, see
// docs/benchmarks.md.

/**
 * V8 would let the web process's heap grow to gigabytes of garbage before collecting it (the
 * default limit follows the machine's memory). Its live heap is ~60 MB; a 160 MB ceiling
 * makes V8 collect sooner and keeps the process near 250 MB.
 */
export const WEB_NODE_FLAGS = ["--max-old-space-size=160", "--max-semi-space-size=8"];

/**
 * glibc gives each thread that allocates its own malloc arena and rarely returns their
 * memory; argon2 hashes (19 MiB each) on libuv's threads leave large arenas behind. Two
 * arenas are plenty for a Node process. A value set by the operator wins.
 */
export function childProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? "2" };
}

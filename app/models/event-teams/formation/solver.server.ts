import type { Solver } from "./solve";

// HiGHS compiled to WebAssembly, loaded once per process (the module is ~3 MB and takes a few
// tens of milliseconds to instantiate). A failure to load is remembered as null for a minute,
// so suggestions fall back to the greedy baseline instead of failing, and loading is retried.

let loading: Promise<Solver | null> | undefined;
let failedAt = 0;

export function formationSolver(): Promise<Solver | null> {
  if (!loading || (failedAt && Date.now() - failedAt > 60_000)) {
    failedAt = 0;
    loading = import("highs")
      .then(async (module) => (await module.default()) as Solver)
      .catch((error: unknown) => {
        failedAt = Date.now();
        console.error("The team formation solver (HiGHS) could not be loaded:", error instanceof Error ? error.message : error);
        return null;
      });
  }
  return loading;
}

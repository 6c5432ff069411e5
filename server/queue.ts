import { Logger, runMigrations } from "graphile-worker";

const quietLogger = new Logger(() => () => {});

/** Creates or upgrades the job queue's own tables (schema graphile_worker). Idempotent. */
export async function installJobQueue(connectionString: string) {
  await runMigrations({ connectionString, logger: quietLogger });
}

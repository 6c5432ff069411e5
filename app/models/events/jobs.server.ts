import { finishEndedEvents } from "~/models/events/event.server";
import type { DomainJobs } from "~/models/platform/jobs.server";

// Published events whose end passed more than 12 hours ago become finished, hourly; `fill`
// catches up after a worker was down. Safe to run twice: each event is claimed conditionally.
export const eventJobs: DomainJobs = {
  tasks: {
    "events:finish-ended": async (_payload, helpers) => {
      const finished = await finishEndedEvents();
      if (finished > 0) helpers.logger.info(`events: ${finished} finished`);
    },
  },
  schedules: ["15 * * * * events:finish-ended ?fill=2h&max=1&jobKey=events:finish-ended&jobKeyMode=preserve_run_at"],
};

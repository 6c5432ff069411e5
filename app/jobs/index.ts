import type { TaskList } from "graphile-worker";
import { accountJobs } from "~/models/accounts/jobs.server";
import { applicationJobs } from "~/models/applications/jobs.server";
import { eventJobs } from "~/models/events/jobs.server";
import { impactJobs } from "~/models/impact/jobs.server";
import { platformJobs } from "~/models/platform/jobs.server";
import { projectJobs } from "~/models/projects/jobs.server";
import { registrationJobs } from "~/models/registrations/jobs.server";
import { repositoryJobs } from "~/models/repositories/jobs.server";
import { savedSearchJobs } from "~/models/saved-searches/jobs.server";
import { taxonomyJobs } from "~/models/taxonomy/jobs.server";
import { webhookJobs } from "~/models/webhooks/jobs.server";

// The worker's task list and schedules, composed from the domains that own them. A new domain
// with background work adds its jobs to this list.
const domains = [
  platformJobs,
  accountJobs,
  taxonomyJobs,
  applicationJobs,
  savedSearchJobs,
  projectJobs,
  repositoryJobs,
  webhookJobs,
  impactJobs,
  eventJobs,
  registrationJobs,
];

export const taskList: TaskList = Object.assign({}, ...domains.map((domain) => domain.tasks)) as TaskList;

export const crontab = domains.flatMap((domain) => domain.schedules).join("\n");

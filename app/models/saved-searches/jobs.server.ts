import { z } from "zod";
import type { DomainJobs } from "~/models/platform/jobs.server";
import { sendSavedSearchDigests } from "~/models/saved-searches/digest.server";
import {
  CHALLENGE_TASK,
  evaluateChallenge,
  evaluatePerson,
  PERSON_TASK,
} from "~/models/saved-searches/evaluate.server";

// Saved searches' background work: checking a newly open challenge or a changed profile against
// the saved searches, and the digests. Each is safe to run twice (hits are recorded once; a
// digest is sent once per period).

const DIGEST_TASK = "saved-searches:digest";

export const savedSearchJobs: DomainJobs = {
  tasks: {
    [CHALLENGE_TASK]: async (payload, helpers) => {
      const parsed = z.object({ challengeId: z.string().min(1).max(100) }).safeParse(payload);
      if (!parsed.success) return helpers.logger.error(`${CHALLENGE_TASK}: ignoring a job without a challenge id`);
      const told = await evaluateChallenge(parsed.data.challengeId);
      if (told > 0) helpers.logger.info(`saved searches: a new challenge matched ${told} search(es)`);
    },
    [PERSON_TASK]: async (payload, helpers) => {
      const parsed = z.object({ userId: z.string().min(1).max(100) }).safeParse(payload);
      if (!parsed.success) return helpers.logger.error(`${PERSON_TASK}: ignoring a job without a person`);
      const told = await evaluatePerson(parsed.data.userId);
      if (told > 0) helpers.logger.info(`saved searches: a profile matched ${told} search(es)`);
    },
    [DIGEST_TASK]: async (_payload, helpers) => {
      const sent = await sendSavedSearchDigests();
      if (sent > 0) helpers.logger.info(`saved searches: ${sent} digest email(s) queued`);
    },
  },
  // Hourly: 7am in London is 07:00 or 06:00 UTC depending on the season, and a worker that was
  // down at 7am catches up at the next hour. Nothing is sent twice in one period.
  schedules: [`0 * * * * ${DIGEST_TASK} ?max=3&jobKey=${DIGEST_TASK}&jobKeyMode=preserve_run_at`],
};

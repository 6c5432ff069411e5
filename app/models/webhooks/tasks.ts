// The webhooks domain's task names, shared by the receiver that queues and the worker that runs.
export const PROCESS_TASK = "webhooks:process";
export const PRUNE_TASK = "webhooks:prune-payloads";

import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveGitHubDelivery } from "~/models/webhooks/receive.server";

// POST /webhooks/github: GitHub's deliveries (push, release, issues, pull_request, repository,
// installation). Verified, stored once and queued by the webhooks domain; the worker does the
// work. Answers are JSON for GitHub's delivery log. The body limit (25 MiB) and the exemption
// from the same-origin check for forms are in server/.

const ALLOW = { Allow: "POST", "Cache-Control": "no-store" };

export async function loader() {
  return Response.json({ error: "GitHub webhook deliveries are sent here with POST." }, { status: 405, headers: ALLOW });
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") {
    return Response.json({ error: "GitHub webhook deliveries are sent here with POST." }, { status: 405, headers: ALLOW });
  }
  const answer = await receiveGitHubDelivery({
    clientIp: context.clientIp,
    event: request.headers.get("x-github-event"),
    deliveryId: request.headers.get("x-github-delivery"),
    signature: request.headers.get("x-hub-signature-256"),
    readBody: async () => new Uint8Array(await request.arrayBuffer()),
  });
  return Response.json(answer.body, { status: answer.status, headers: { "Cache-Control": "no-store", ...answer.headers } });
}

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createEvent } from "../factories";
import { startTestServer, type TestServer } from "../support/server";

// The public event page as the server renders it.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe("places on the event page", () => {
  test("an upcoming event says how many places are left; a finished one does not offer places any more", async () => {
    const upcoming = await createEvent({ capacity: 40 });
    const finished = await createEvent({
      capacity: 40,
      status: "finished",
      startsAt: new Date(Date.now() - 40 * 86_400_000),
      endsAt: new Date(Date.now() - 40 * 86_400_000 + 8 * 3_600_000),
    });
    const upcomingPage = await server.send(`/events/${upcoming.event.slug}`);
    expect(upcomingPage.status).toBe(200);
    expect(upcomingPage.body).toContain("40 of 40 places left");
    const finishedPage = await server.send(`/events/${finished.event.slug}`);
    expect(finishedPage.status).toBe(200);
    expect(finishedPage.body).toContain("Finished");
    expect(finishedPage.body).not.toContain("places left");
  });
});

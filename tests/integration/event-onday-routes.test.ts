import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import { action as checkInAction, loader as checkInLoader } from "~/routes/events.$slug_.check-in";
import { loader as ticketLoader } from "~/routes/events.$slug_.check-in_.$code";
import { action as teamsAction } from "~/routes/events.$slug_.teams";
import { loader as teamsCsvLoader } from "~/routes/events.$slug_.teams[.]csv";
import { confirmEventTeam, createEventTeam } from "~/models/event-teams/team.server";
import { prisma } from "~/services/db.server";
import { readFlash } from "~/services/flash.server";
import { createEvent, createPerson } from "../factories";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";

// The on-the-day pages as the browser uses them: refusals beside the field with what was typed
// kept, a repeat scan told apart from a first one, and the teams CSV safe to open in a spreadsheet.

const code = () => Array.from(crypto.randomBytes(8), (b) => "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[b % 32]).join("");

async function today(capacity = 30) {
  const startsAt = new Date(Date.now() - 3_600_000);
  const made = await createEvent({ startsAt, endsAt: new Date(startsAt.getTime() + 7 * 3_600_000), capacity });
  const checkpoint = await prisma.checkpoint.findFirstOrThrow({ where: { eventId: made.event.id } });
  return { ...made, checkpoint };
}

describe("check-in pages", () => {
  test("a walk-in when the event is full is refused beside the name, with the name and email kept", async () => {
    const { event, organiser, checkpoint } = await today(1);
    await prisma.registration.create({
      data: { eventId: event.id, userId: (await createPerson()).user.id, status: "confirmed", ticketCode: code() },
    });
    const path = `/events/${event.slug}/check-in`;
    const answer = unwrap(
      await settle(
        checkInAction({
          request: formRequest(
            path,
            { intent: "walk-in", checkpointId: checkpoint.id, name: "Late Larry", email: "larry@example.org" },
            organiser.cookie,
          ),
          params: { slug: event.slug },
          context,
        }),
      ),
    );
    expect(answer.status).toBe(409);
    const { errors, values } = formReply(answer.body);
    expect(errors.name).toBe("The event is full (1 of 1 places).");
    expect(values).toMatchObject({ name: "Late Larry", email: "larry@example.org" });
  });

  test("a second scan by POST says when the first was; a code that is nobody's shows a page, not an error", async () => {
    const { event, organiser, checkpoint } = await today();
    const person = await createPerson({ name: "Rita Repeat" });
    const registration = await prisma.registration.create({
      data: { eventId: event.id, userId: person.user.id, status: "confirmed", ticketCode: code() },
    });
    const post = () =>
      checkInAction({
        request: formRequest(
          `/events/${event.slug}/check-in?checkpoint=${checkpoint.id}&q=rita`,
          { intent: "check-in", checkpointId: checkpoint.id, registrationId: registration.id },
          organiser.cookie,
        ),
        params: { slug: event.slug },
        context,
      });
    const first = (await settle(post())) as Response;
    const second = (await settle(post())) as Response;
    expect(first.headers.get("location")).toBe(`/events/${event.slug}/check-in?checkpoint=${checkpoint.id}&q=rita`);
    const flash = async (response: Response) =>
      (
        await readFlash(
          new Request("http://localhost/", { headers: { cookie: response.headers.get("set-cookie")!.split(";")[0]! } }),
        )
      ).flash!;
    expect((await flash(first)).title).toBe("Rita Repeat is checked in at Arrival");
    expect((await flash(second)).title).toMatch(
      /^Rita Repeat was already checked in at Arrival at \d{1,2}(:\d{2})?(am|pm)$|^Rita Repeat was already checked in at Arrival at (midday|midnight)$/,
    );
    const nobody = unwrap(
      await settle(
        ticketLoader({
          request: getRequest(`/events/${event.slug}/check-in/nope`, organiser.cookie),
          params: { slug: event.slug, code: "nope" },
          context,
        }),
      ),
    );
    expect(nobody.status).toBe(200);
    expect(nobody.body).toMatchObject({ person: null });
    const page = unwrap(
      await settle(
        checkInLoader({
          request: getRequest(`/events/${event.slug}/check-in?q=rita`, organiser.cookie),
          params: { slug: event.slug },
          context,
        }),
      ),
    );
    expect(page.body).toMatchObject({
      checkpoints: [expect.objectContaining({ count: 1 })],
      results: [expect.objectContaining({ name: "Rita Repeat", checkedInHere: expect.anything() })],
    });
  });
});

describe("teams page and CSV", () => {
  test("an http demo link is refused beside the field, with the team name kept", async () => {
    const { event, challenges } = await createEvent();
    const person = await createPerson();
    await prisma.registration.create({
      data: { eventId: event.id, userId: person.user.id, status: "confirmed", ticketCode: code() },
    });
    const answer = unwrap(
      await settle(
        teamsAction({
          request: formRequest(
            `/events/${event.slug}/teams`,
            { intent: "create", challengeId: challenges[0]!.id, name: "Gully Gang", demoUrl: "javascript:alert(1)" },
            person.cookie,
          ),
          params: { slug: event.slug },
          context,
        }),
      ),
    );
    expect(answer.status).toBe(400);
    const { errors, values } = formReply(answer.body);
    expect(errors.demoUrl).toMatch(/starts with https:\/\//);
    expect(values).toMatchObject({ name: "Gully Gang" });
    expect(await prisma.eventTeam.count({ where: { eventId: event.id } })).toBe(0);
  });

  test("the organisers' CSV lists teams with members, project and demo link, formulas neutralised", async () => {
    const { event, organiser, challenges } = await createEvent();
    const person = await createPerson({ name: '=HYPERLINK("http://evil")' });
    await prisma.registration.create({
      data: { eventId: event.id, userId: person.user.id, status: "confirmed", ticketCode: code() },
    });
    const { teamId } = await createEventTeam(person.actor, event.slug, {
      challengeId: challenges[0]!.id,
      name: "+Plus Team",
      demoUrl: "https://example.org/demo",
    });
    const { projectSlug } = await confirmEventTeam(organiser.actor, event.slug, teamId);
    const response = (await settle(
      teamsCsvLoader({
        request: getRequest(`/events/${event.slug}/teams.csv`, organiser.cookie),
        params: { slug: event.slug },
        context,
      }),
    )) as Response;
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const text = await response.text();
    const [header, row] = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header).toBe(
      "Team,Challenge,Members,Number of members,Confirmed,Project,Demo link,Summary,Order of presentation",
    );
    expect(row).toContain("'+Plus Team");
    expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(row).toContain(`/projects/${projectSlug}`);
    expect(row).toContain("https://example.org/demo");
    const stranger = await createPerson();
    expect(
      (
        (await settle(
          teamsCsvLoader({
            request: getRequest(`/events/${event.slug}/teams.csv`, stranger.cookie),
            params: { slug: event.slug },
            context,
          }),
        )) as Response
      ).status,
    ).toBe(403);
  });
});

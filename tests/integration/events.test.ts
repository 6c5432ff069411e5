import { beforeAll, describe, expect, test } from "vitest";
import {
  addCheckpoint,
  cancelEvent,
  removeCheckpoint,
  createEvent as createEventModel,
  finishEndedEvents,
  publishEvent,
  saveAgendaItem,
  setFeaturedChallenges,
  updateEvent,
} from "~/models/events/event.server";
import { eventForm, type EventInput } from "~/models/events/schemas";
import { seedThemes } from "~/models/taxonomy/theme.server";
import { prisma } from "~/services/db.server";
import * as newEventRoute from "~/routes/events.new";
import * as editRoute from "~/routes/events.$slug_.edit";
import * as manageRoute from "~/routes/events.$slug_.manage";
import * as eventPage from "~/routes/events.$slug";
import * as eventsList from "~/routes/events._index";
import * as eventIcs from "~/routes/events.$slug_.calendar[.]ics";
import * as feedIcs from "~/routes/events[.]ics";
import * as eventsApi from "~/routes/api.v1.events";
import * as eventApi from "~/routes/api.v1.events_.$slug";
import * as openApi from "~/routes/api.v1.openapi[.]json";
import { createEvent, createPerson, createPublishedChallenge, ensureReferenceData, type Person } from "../factories";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";

// Events (issue 11, part A): organisers create, edit, publish, cancel and finish hack days and
// showcases; the public sees published ones on the list, the page, calendars and the API, and
// never a draft.

const DAY = 86_400_000;

/** A complete, valid event form as the browser posts it, with `over` changed. */
function formFields(over: Record<string, string> = {}): Record<string, string> {
  const start = new Date(Date.now() + 30 * DAY);
  const [y, m, d] = [start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate()];
  return {
    kind: "hack_day",
    title: "Leeds open data hack day",
    description: "A day on **open data**.",
    timeZone: "Europe/London",
    "startDate.day": String(d),
    "startDate.month": String(m),
    "startDate.year": String(y),
    startTime: "10am",
    "endDate.day": String(d),
    "endDate.month": String(m),
    "endDate.year": String(y),
    endTime: "17:00",
    venueName: "Central Library",
    venueAddress: "Calverley Street, Leeds",
    venuePostcode: "ls1 3ab",
    onlineUrl: "",
    stepFreeAccess: "yes",
    hearingLoop: "no",
    quietRoom: "unknown",
    accessibleToilets: "yes",
    nearestStation: "Leeds",
    accessibilityNotes: "",
    capacity: "40",
    codeOfConduct: "Be kind.",
    teamSizeMin: "2",
    teamSizeMax: "5",
    offerHours: "48",
    ...over,
  };
}

function parsedInput(over: Record<string, string> = {}): EventInput {
  const fields = formFields(over);
  const nested: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const [a, b] = key.split(".");
    if (b) nested[a!] = { ...((nested[a!] as object) ?? {}), [b]: value };
    else nested[a!] = value;
  }
  return eventForm.parse(nested);
}

let organiser: Person;
let outsider: Person;
let world: Awaited<ReturnType<typeof createEvent>>;

beforeAll(async () => {
  await ensureReferenceData();
  await seedThemes();
  // A published event gives us a hub, its organiser and two featurable challenges.
  world = await createEvent({ title: "World hack day" });
  organiser = { user: world.organiser.user, actor: world.organiser.actor, cookie: world.organiser.cookie };
  outsider = await createPerson({ email: `outsider-${Date.now()}@example.org` });
});

async function post(route: { action: (args: never) => Promise<unknown> }, path: string, fields: Record<string, string>, cookie?: string) {
  return unwrap(await settle(route.action({ request: formRequest(path, fields, cookie), params: paramsOf(path), context } as never)));
}

async function get(route: { loader: (args: never) => Promise<unknown> }, path: string, cookie?: string) {
  return settle(route.loader({ request: getRequest(path, cookie), params: paramsOf(path), context } as never));
}

function paramsOf(path: string) {
  const match = /^\/(?:api\/v1\/)?events\/([^/?]+)/.exec(path);
  return match ? { slug: match[1]!.replace(/\.ics$/, "") } : {};
}

describe("creating an event", () => {
  test("every field's problem is shown beside it, with what was typed kept", async () => {
    const path = `/events/new?hub=${world.hub.slug}`;
    const first = await post(
      newEventRoute,
      path,
      formFields({ kind: "", title: "", capacity: "lots", onlineUrl: "http://insecure.example.org", teamSizeMin: "0", offerHours: "1000", venuePostcode: "x".repeat(11) }),
      organiser.cookie,
    );
    expect(first.status).toBe(400);
    const { errors, values } = formReply(first.body);
    expect(errors).toMatchObject({
      kind: "Choose hack day or showcase",
      title: "Enter a title",
      capacity: "Capacity must be a whole number, like 30",
      onlineUrl: expect.stringContaining("https://"),
      teamSizeMin: "Smallest team must be between 1 and 20",
      offerHours: "Hours to confirm an offered place must be between 1 and 336",
      venuePostcode: "Postcode must be 10 characters or fewer",
    });
    expect(values).toMatchObject({ capacity: "lots", venueName: "Central Library", onlineUrl: "http://insecure.example.org" });

    // Fields that only make sense together are checked once each makes sense on its own.
    const second = await post(
      newEventRoute,
      path,
      formFields({
        "startDate.day": "31",
        "startDate.month": "2",
        "startDate.year": "2027",
        endTime: "25:00",
        venueName: "",
        venueAddress: "",
        venuePostcode: "",
        teamSizeMax: "1",
        "registrationOpensDate.day": "3",
      }),
      organiser.cookie,
    );
    expect(second.status).toBe(400);
    expect(formReply(second.body).errors).toMatchObject({
      startDate: "Start date must be a real date, like 23 1 2027",
      endTime: "End time must be a time, like 9:30am or 14:00",
      venueName: "Enter a venue name or an online link (or both)",
      teamSizeMax: "Largest team must be at least the smallest team",
      registrationOpensDate: "Registration opens date must include a month and year",
    });
    expect(formReply(second.body).values).toMatchObject({ startDate: { day: "31", month: "2", year: "2027" }, endTime: "25:00" });

    const third = await post(
      newEventRoute,
      path,
      formFields({ endTime: "9am", "registrationClosesDate.day": "1", "registrationClosesDate.month": "1", "registrationClosesDate.year": "2099" }),
      organiser.cookie,
    );
    expect(formReply(third.body).errors).toMatchObject({
      endDate: "The event must end after it starts",
      registrationClosesDate: "Registration must close before the event ends",
    });
    expect(await prisma.event.count({ where: { hubId: world.hub.id, title: "Leeds open data hack day" } })).toBe(0);
  });

  test("a valid form makes a draft with an Arrival checkpoint and the default criteria", async () => {
    const result = await post(newEventRoute, `/events/new?hub=${world.hub.slug}`, formFields({ title: "Draft creation check" }), organiser.cookie);
    expect(result.status).toBe(302);
    const location = result.headers.get("location")!;
    expect(location).toMatch(/^\/events\/draft-creation-check\/manage$/);
    const event = await prisma.event.findUniqueOrThrow({
      where: { slug: "draft-creation-check" },
      include: { checkpoints: true, criteria: { orderBy: { position: "asc" } } },
    });
    expect(event).toMatchObject({ status: "draft", venuePostcode: "LS1 3AB", stepFreeAccess: true, hearingLoop: false, quietRoom: null, capacity: 40 });
    expect(event.checkpoints.map((c) => c.name)).toEqual(["Arrival"]);
    expect(event.criteria.map((c) => [c.name, c.weight, c.adoption])).toEqual([
      ["Quality of the work", 3, false],
      ["Use of open data", 2, false],
      ["Could we adopt this?", 3, true],
    ]);
    expect(await prisma.auditLog.count({ where: { action: "event.create", subjectId: event.id } })).toBe(1);
  });

  test("only the hub's organisers may create its events, whatever route they take", async () => {
    await expect(createEventModel(outsider.actor, world.hub.slug, parsedInput())).rejects.toMatchObject({ kind: "forbidden" });
    const page = await get(newEventRoute, `/events/new?hub=${world.hub.slug}`, outsider.cookie);
    expect(unwrap(page).status).toBe(403);
    const posted = await post(newEventRoute, `/events/new?hub=${world.hub.slug}`, formFields(), outsider.cookie);
    expect(posted.status).toBe(403);
  });
});

describe("event times", () => {
  test("a July 10:00 event is stored as 09:00 UTC and shown as 10am", async () => {
    const input = parsedInput({
      "startDate.day": "10",
      "startDate.month": "7",
      "startDate.year": "2099",
      "endDate.day": "10",
      "endDate.month": "7",
      "endDate.year": "2099",
      startTime: "10:00",
      endTime: "4pm",
      title: "Summer time hack day",
    });
    const { slug } = await createEventModel(organiser.actor, world.hub.slug, input);
    const event = await prisma.event.findUniqueOrThrow({ where: { slug } });
    expect(event.startsAt.toISOString()).toBe("2099-07-10T09:00:00.000Z");
    expect(event.endsAt.toISOString()).toBe("2099-07-10T15:00:00.000Z");
    const page = (await get(eventPage, `/events/${slug}`, organiser.cookie)) as Awaited<ReturnType<typeof eventPage.loader>>;
    expect(page.record.when).toBe("Friday 10 July 2099, 10am to 4pm");
  });
});

describe("publishing", () => {
  test("each thing missing is named, and the event publishes once they are put right", async () => {
    const input = parsedInput({ title: "Publish checks", "startDate.year": "2020", "endDate.year": "2020" });
    const { slug } = await createEventModel(organiser.actor, world.hub.slug, input);
    const refused = await post(manageRoute, `/events/${slug}/manage`, { intent: "publish" }, organiser.cookie);
    expect(refused.status).toBe(400);
    const message = formReply(refused.body).errors.form!;
    expect(message).toContain("The event must start in the future");
    expect(message).toContain("Feature at least one challenge");

    await updateEvent(organiser.actor, slug, parsedInput({ title: "Publish checks" }));
    await setFeaturedChallenges(organiser.actor, slug, world.challenges.map((c) => c.id));
    await expect(publishEvent(outsider.actor, slug)).rejects.toMatchObject({ kind: "not_found" });
    const published = await post(manageRoute, `/events/${slug}/manage`, { intent: "publish" }, organiser.cookie);
    expect(published.status).toBe(302);
    expect(await prisma.event.findUniqueOrThrow({ where: { slug } })).toMatchObject({ status: "published" });
    expect(await prisma.auditLog.count({ where: { action: "event.publish" } })).toBeGreaterThan(0);
  });

  test("only open or in-progress challenges of councils the hub serves can be featured", async () => {
    const council = await prisma.organisation.findUniqueOrThrow({ where: { id: (await prisma.challenge.findUniqueOrThrow({ where: { id: world.challenges[0]!.id } })).organisationId } });
    const delivered = await createPublishedChallenge({ council, status: "delivered" });
    // A council outside every region the hub serves.
    const elsewhere = await prisma.organisation.findFirstOrThrow({ where: { kind: "council", region: { not: council.region } } });
    const far = await createPublishedChallenge({ council: elsewhere });
    const { slug } = await createEventModel(organiser.actor, world.hub.slug, parsedInput({ title: "Featuring rules" }));
    for (const challenge of [delivered, far]) {
      await expect(setFeaturedChallenges(organiser.actor, slug, [challenge.id])).rejects.toMatchObject({ kind: "invalid", field: "challengeIds" });
    }
    expect(await setFeaturedChallenges(organiser.actor, slug, [world.challenges[1]!.id])).toEqual({ count: 1 });
  });
});

describe("capacity and the agenda", () => {
  test("capacity cannot go below the places already taken", async () => {
    const { event } = await createEvent({ hub: { hub: world.hub, organiser: world.organiser }, challenges: world.challenges, capacity: 5 });
    for (let i = 0; i < 3; i++) {
      const person = await createPerson();
      await prisma.registration.create({ data: { eventId: event.id, userId: person.user.id, status: i === 2 ? "offered" : "confirmed", ticketCode: `CAP${i}` } });
    }
    const path = `/events/${event.slug}/edit`;
    const edit = (await get(editRoute, path, organiser.cookie)) as Awaited<ReturnType<typeof editRoute.loader>>;
    const fields = Object.fromEntries(
      Object.entries({ ...edit.values, capacity: "2" }).flatMap(([key, value]) =>
        typeof value === "object" ? Object.entries(value).map(([part, v]) => [`${key}.${part}`, v]) : [[key, value]],
      ),
    ) as Record<string, string>;
    const refused = await post(editRoute, path, fields, organiser.cookie);
    expect(refused.status).toBe(400);
    expect(formReply(refused.body).errors.capacity).toBe(
      "Capacity cannot be lower than the 3 places already taken. Cancel registrations first, or choose 3 or more.",
    );
    expect(formReply(refused.body).values.capacity).toBe("2");
    const accepted = await post(editRoute, path, { ...fields, capacity: "3" }, organiser.cookie);
    expect(accepted.status).toBe(302);
    expect((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).capacity).toBe(3);
  });

  test("agenda items fall within the event and show in time order; checkpoints have unique names", async () => {
    const input = parsedInput({ title: "Agenda order", "startDate.day": "5", "startDate.month": "1", "startDate.year": "2099", "endDate.day": "5", "endDate.month": "1", "endDate.year": "2099" });
    const { slug } = await createEventModel(organiser.actor, world.hub.slug, input);
    const item = (startTime: string, title: string) => ({ day: "2099-01-05", startTime, endTime: "", title, description: "" });
    await expect(saveAgendaItem(organiser.actor, slug, item("8am", "Too early"))).rejects.toMatchObject({ field: "startTime" });
    await expect(saveAgendaItem(organiser.actor, slug, { ...item("9am", "Wrong day"), day: "2099-01-06" })).rejects.toMatchObject({ field: "day" });
    await saveAgendaItem(organiser.actor, slug, item("1pm", "Lunch"));
    await saveAgendaItem(organiser.actor, slug, item("10:00", "Welcome"));
    await addCheckpoint(organiser.actor, slug, "Lunch");
    await expect(addCheckpoint(organiser.actor, slug, "lunch")).rejects.toMatchObject({ field: "name" });
    const page = (await get(eventPage, `/events/${slug}`, organiser.cookie)) as Awaited<ReturnType<typeof eventPage.loader>>;
    expect(page.agenda.map((a) => [a.time, a.title])).toEqual([
      ["10am", "Welcome"],
      ["1pm", "Lunch"],
    ]);
  });
});

describe("cancelling", () => {
  test("everyone holding or waiting for a place is told and their registration cancelled", async () => {
    const { event } = await createEvent({ hub: { hub: world.hub, organiser: world.organiser }, challenges: world.challenges, title: "To be cancelled" });
    const people = await Promise.all([createPerson(), createPerson(), createPerson(), createPerson()]);
    const statuses = ["confirmed", "offered", "waitlisted", "cancelled"] as const;
    for (const [i, status] of statuses.entries()) {
      await prisma.registration.create({ data: { eventId: event.id, userId: people[i]!.user.id, status, ticketCode: `CXL${i}` } });
    }
    await prisma.registration.create({
      data: { eventId: event.id, guestName: "Walk In", guestEmail: "walk-in@example.org", status: "confirmed", walkIn: true, ticketCode: "CXLG" },
    });
    await expect(cancelEvent(outsider.actor, event.slug, "")).rejects.toMatchObject({ kind: "forbidden" });

    // Without the confirmation the form is refused and nothing changes.
    const unconfirmed = await post(manageRoute, `/events/${event.slug}/manage`, { intent: "cancel", reason: "Flooded" }, organiser.cookie);
    expect(unconfirmed.status).toBe(400);
    expect((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("published");

    const done = await post(manageRoute, `/events/${event.slug}/manage`, { intent: "cancel", reason: "The library is flooded.", confirm: "yes" }, organiser.cookie);
    expect(done.status).toBe(302);
    const after = await prisma.event.findUniqueOrThrow({ where: { id: event.id }, include: { registrations: true } });
    expect(after).toMatchObject({ status: "cancelled", cancelReason: "The library is flooded." });
    expect(after.registrations.every((r) => r.status === "cancelled")).toBe(true);
    const told = await prisma.notification.findMany({ where: { kind: "event.cancelled", href: `/events/${event.slug}` }, select: { userId: true, body: true } });
    expect(told.map((n) => n.userId).sort()).toEqual(people.slice(0, 3).map((p) => p.user.id).sort());
    expect(told[0]!.body).toContain("The library is flooded.");
    const mails = await prisma.mail.findMany({ where: { to: { in: ["walk-in@example.org", ...people.map((p) => p.user.email!)] } }, select: { to: true } });
    expect(mails.map((m) => m.to).sort()).toEqual(["walk-in@example.org", ...people.slice(0, 3).map((p) => p.user.email!)].sort());

    // It cannot be undone or cancelled twice.
    await expect(cancelEvent(organiser.actor, event.slug, "")).rejects.toMatchObject({ kind: "conflict" });
    const page = (await get(eventPage, `/events/${event.slug}`)) as Awaited<ReturnType<typeof eventPage.loader>>;
    expect(page.record).toMatchObject({ status: "cancelled", cancelReason: "The library is flooded." });
  });
});

describe("calendars", () => {
  test("one event's .ics is UTC with a stable UID, and says CANCELLED once cancelled", async () => {
    const startsAt = new Date("2099-07-10T09:00:00Z");
    const { event } = await createEvent({ hub: { hub: world.hub, organiser: world.organiser }, challenges: world.challenges, title: "Calendar; check", startsAt, endsAt: new Date("2099-07-10T16:00:00Z") });
    const response = (await get(eventIcs, `/events/${event.slug}/calendar.ics`)) as Response;
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${event.slug}.ics"`);
    const text = await response.text();
    expect(text).toContain("BEGIN:VCALENDAR");
    expect(text).toContain("DTSTART:20990710T090000Z");
    expect(text).toContain("DTEND:20990710T160000Z");
    expect(text).toContain("SUMMARY:Calendar\\; check");
    expect(text).toContain(`UID:${event.id}@localhost`);
    expect(text).toContain("LOCATION:Central Library\\, Calverley Street\\, Leeds\\, LS1 3AB");
    expect(text).toContain("STATUS:CONFIRMED");
    expect(text).not.toContain("**");

    await cancelEvent(organiser.actor, event.slug, "");
    const cancelled = await ((await get(eventIcs, `/events/${event.slug}/calendar.ics`)) as Response).text();
    expect(cancelled).toContain("STATUS:CANCELLED");
    expect(cancelled).toContain(`UID:${event.id}@localhost`);

    const feed = await ((await get(feedIcs, "/events.ics")) as Response).text();
    expect(feed).toContain(`UID:${world.event.id}@localhost`);
    expect(feed).not.toContain(`UID:${event.id}@localhost`);
  });
});

describe("drafts are hidden from the public everywhere", () => {
  test("page, list, calendar, feed and API", async () => {
    const { event } = await createEvent({ hub: { hub: world.hub, organiser: world.organiser }, challenges: world.challenges, status: "draft", title: "Secret draft hack day" });
    const path = `/events/${event.slug}`;
    for (const cookie of [undefined, outsider.cookie]) {
      expect(unwrap(await get(eventPage, path, cookie)).status).toBe(404);
    }
    const own = (await get(eventPage, path, organiser.cookie)) as Awaited<ReturnType<typeof eventPage.loader>>;
    expect(own.draft).toBe(true);
    expect(unwrap(await get(eventIcs, `${path}/calendar.ics`)).status).toBe(404);
    const api = (await get(eventApi, `/api/v1/events/${event.slug}`)) as Response;
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { message: "There is no published event with this slug." } });

    const everything = JSON.stringify([
      await get(eventsList, "/events?when=upcoming"),
      await (await (eventsApi.loader({ request: getRequest("/api/v1/events?when=upcoming"), params: {}, context } as never) as Promise<Response>)).json(),
      await ((await get(feedIcs, "/events.ics")) as Response).text(),
    ]);
    expect(everything).toContain("World hack day");
    expect(everything).not.toContain("Secret draft hack day");
  });
});

describe("open data", () => {
  test("the API lists public events with pages, refuses bad queries as JSON and carries nobody's registration", async () => {
    const person = await createPerson({ name: "Registered Person Canary" });
    await prisma.registration.create({
      data: { eventId: world.event.id, userId: person.user.id, status: "confirmed", ticketCode: "APIREG", needs: { create: { access: "Needs a canary ramp" } } },
    });
    const response = (await eventsApi.loader({ request: getRequest(`/api/v1/events?hub=${world.hub.slug}`), params: {}, context } as never)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as { data: { slug: string; placesLeft: number; capacity: number; challenges: unknown[] }[]; meta: { total: number } };
    const world_ = body.data.find((e) => e.slug === world.event.slug)!;
    expect(world_.challenges).toHaveLength(2);
    expect(world_.placesLeft).toBe(world_.capacity - 1);
    const text = JSON.stringify(body);
    expect(text).not.toContain("Registered Person Canary");
    expect(text).not.toContain("canary ramp");
    expect(text).not.toContain("APIREG");

    const bad = (await eventsApi.loader({ request: getRequest("/api/v1/events?page=zero&when=soon"), params: {}, context } as never)) as Response;
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        message: "Some query parameters are not valid.",
        fields: { page: "Page must be a whole number from 1 to 9999", when: "When must be upcoming or past" },
      },
    });
    const one = (await get(eventApi, `/api/v1/events/${world.event.slug}`)) as Response;
    expect(((await one.json()) as { data: { title: string } }).data.title).toBe("World hack day");
    const post = (await eventsApi.action({ request: formRequest("/api/v1/events", {}), params: {}, context } as never)) as Response;
    expect(post.status).toBe(405);
  });

  test("the OpenAPI document describes both event paths and the Event schema", async () => {
    const response = await openApi.loader();
    const doc = (await response.json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/events", "/events/{slug}"]));
    expect(Object.keys(doc.components.schemas.Event!.properties)).toEqual(
      expect.arrayContaining(["startsAt", "endsAt", "timeZone", "accessibility", "placesLeft", "challenges", "agenda"]),
    );
  });
});

describe("finishing", () => {
  test("organisers finish an event only after it started", async () => {
    const { event } = await createEvent({ hub: { hub: world.hub, organiser: world.organiser }, challenges: world.challenges });
    const later = await post(manageRoute, `/events/${event.slug}/manage`, { intent: "finish" }, organiser.cookie);
    expect(later.status).toBe(409);
    expect(formReply(later.body).errors.form).toContain("has not started yet");
  });

  test("the job finishes published events that ended more than 12 hours ago, once", async () => {
    const now = new Date("2099-03-01T12:00:00Z");
    const ended = await createEvent({ hub: { hub: world.hub, organiser: world.organiser }, challenges: world.challenges, startsAt: new Date("2099-02-28T09:00:00Z"), endsAt: new Date("2099-02-28T17:00:00Z") });
    const recent = await createEvent({ hub: { hub: world.hub, organiser: world.organiser }, challenges: world.challenges, startsAt: new Date("2099-03-01T01:00:00Z"), endsAt: new Date("2099-03-01T02:00:00Z") });
    const draft = await createEvent({ hub: { hub: world.hub, organiser: world.organiser }, challenges: world.challenges, status: "draft", startsAt: new Date("2099-02-28T09:00:00Z"), endsAt: new Date("2099-02-28T17:00:00Z") });
    await finishEndedEvents(now);
    const status = async (id: string) => (await prisma.event.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(ended.event.id)).toBe("finished");
    expect(await status(recent.event.id)).toBe("published");
    expect(await status(draft.event.id)).toBe("draft");
    expect(await finishEndedEvents(now)).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "event.finish", subjectId: ended.event.id } })).toBe(1);
  });

});

describe("organisers' changes at the same moment", () => {
  test("two removals of one checkpoint or agenda item at once: one removes it, the other is told it is gone", async () => {
    const { slug } = await createEventModel(organiser.actor, world.hub.slug, parsedInput({ title: "Concurrent removals" }));
    await addCheckpoint(organiser.actor, slug, "Lunch");
    const lunch = await prisma.checkpoint.findFirstOrThrow({ where: { event: { slug }, name: "Lunch" } });
    const removals = await Promise.allSettled([removeCheckpoint(organiser.actor, slug, lunch.id), removeCheckpoint(organiser.actor, slug, lunch.id)]);
    expect(removals.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(removals.find((r) => r.status === "rejected")).toMatchObject({ reason: { kind: "not_found" } });
    const adds = await Promise.allSettled([addCheckpoint(organiser.actor, slug, "Dinner"), addCheckpoint(organiser.actor, slug, "Dinner")]);
    expect(adds.find((r) => r.status === "rejected")).toMatchObject({ reason: { kind: "invalid", field: "name" } });
  });
});


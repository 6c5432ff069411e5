import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import type { RegistrationStatus } from "~/generated/prisma/client";
import {
  addWalkIn,
  checkIn,
  checkInPage,
  findByTicketCode,
  normaliseTicketCode,
  ticketForCheckIn,
  undoCheckIn,
} from "~/models/registrations/check-in.server";
import { prisma } from "~/services/db.server";
import { createEvent, createPerson, type Person } from "../factories";

// Check-in on the day: each person counts once per checkpoint, however many times (or however
// simultaneously) their ticket is scanned; only a confirmed place checks in; walk-ins take the
// places left, and never one more.

const code = () => Array.from(crypto.randomBytes(8), (b) => "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[b % 32]).join("");

async function register(
  eventId: string,
  person: Person | null,
  status: RegistrationStatus = "confirmed",
  guestName = "",
) {
  return prisma.registration.create({
    data: {
      eventId,
      userId: person?.user.id ?? null,
      guestName,
      status,
      ticketCode: code(),
      confirmedAt: status === "confirmed" ? new Date() : null,
    },
  });
}

async function today(options: { capacity?: number } = {}) {
  // Started an hour ago, ends in six hours: walk-ins are open.
  const startsAt = new Date(Date.now() - 3_600_000);
  return createEvent({ startsAt, endsAt: new Date(startsAt.getTime() + 7 * 3_600_000), capacity: options.capacity });
}

async function arrival(eventId: string) {
  return prisma.checkpoint.findFirstOrThrow({ where: { eventId, name: "Arrival" } });
}

describe("checking in", () => {
  test("a second scan says when they were checked in and counts once", async () => {
    const { event, organiser } = await today();
    const person = await createPerson({ name: "Amira Haddad" });
    const registration = await register(event.id, person);
    const checkpoint = await arrival(event.id);
    const first = await checkIn(organiser.actor, event.slug, {
      registrationId: registration.id,
      checkpointId: checkpoint.id,
    });
    const second = await checkIn(organiser.actor, event.slug, {
      registrationId: registration.id,
      checkpointId: checkpoint.id,
    });
    expect(first).toMatchObject({ name: "Amira Haddad", checkpoint: "Arrival", already: false });
    expect(second).toMatchObject({ already: true, time: first.time });
    const page = await checkInPage(organiser.actor, event.slug);
    expect(page.checkpoints).toEqual([expect.objectContaining({ name: "Arrival", count: 1 })]);
    expect((await prisma.registration.findUniqueOrThrow({ where: { id: registration.id } })).attendedAt).not.toBeNull();
  });

  test("ten phones scanning the same ticket at once make one check-in and no error", async () => {
    const { event, organiser } = await today();
    const registration = await register(event.id, await createPerson());
    const checkpoint = await arrival(event.id);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        checkIn(organiser.actor, event.slug, { registrationId: registration.id, checkpointId: checkpoint.id }),
      ),
    );
    expect(results.filter((r) => !r.already)).toHaveLength(1);
    expect(await prisma.checkIn.count({ where: { registrationId: registration.id } })).toBe(1);
  });

  test("another checkpoint counts separately, and undoing one keeps the person attended by the other", async () => {
    const { event, organiser } = await today();
    const lunch = await prisma.checkpoint.create({ data: { eventId: event.id, name: "Lunch", position: 1 } });
    const registration = await register(event.id, await createPerson());
    const checkpoint = await arrival(event.id);
    await checkIn(organiser.actor, event.slug, { registrationId: registration.id, checkpointId: checkpoint.id });
    await checkIn(organiser.actor, event.slug, { registrationId: registration.id, checkpointId: lunch.id });
    const page = await checkInPage(organiser.actor, event.slug, { checkpointId: lunch.id });
    expect(page.checkpoint?.name).toBe("Lunch");
    expect(page.checkpoints.map((c) => [c.name, c.count])).toEqual([
      ["Arrival", 1],
      ["Lunch", 1],
    ]);
    await undoCheckIn(organiser.actor, event.slug, { registrationId: registration.id, checkpointId: checkpoint.id });
    expect((await prisma.registration.findUniqueOrThrow({ where: { id: registration.id } })).attendedAt).not.toBeNull();
    await undoCheckIn(organiser.actor, event.slug, { registrationId: registration.id, checkpointId: lunch.id });
    expect((await prisma.registration.findUniqueOrThrow({ where: { id: registration.id } })).attendedAt).toBeNull();
  });

  test("a waitlisted, offered or cancelled person is refused with what to do", async () => {
    const { event, organiser } = await today();
    const checkpoint = await arrival(event.id);
    for (const status of ["waitlisted", "offered", "cancelled"] as const) {
      const registration = await register(event.id, await createPerson({ name: `Person ${status}` }), status);
      await expect(
        checkIn(organiser.actor, event.slug, { registrationId: registration.id, checkpointId: checkpoint.id }),
      ).rejects.toMatchObject({
        kind: "conflict",
        message: expect.stringContaining("add them as a walk-in"),
      });
    }
    expect(await prisma.checkIn.count({ where: { checkpointId: checkpoint.id } })).toBe(0);
  });

  test("a typed code is found whatever its case, spaces and dashes; nonsense is refused beside the field", async () => {
    const { event, organiser } = await today();
    const registration = await register(event.id, await createPerson({ name: "Bea Lund" }));
    const typed = `${registration.ticketCode.slice(0, 4).toLowerCase()} - ${registration.ticketCode.slice(4)}`;
    expect(normaliseTicketCode(typed)).toBe(registration.ticketCode);
    await expect(findByTicketCode(organiser.actor, event.slug, typed)).resolves.toEqual({
      code: registration.ticketCode,
    });
    await expect(findByTicketCode(organiser.actor, event.slug, "%_\\")).rejects.toMatchObject({
      kind: "invalid",
      field: "code",
    });
    await expect(findByTicketCode(organiser.actor, event.slug, "ZZZZ9999")).rejects.toMatchObject({
      kind: "invalid",
      field: "code",
    });
    const page = await ticketForCheckIn(organiser.actor, event.slug, typed);
    expect(page.person).toMatchObject({ name: "Bea Lund", canCheckIn: true, checkedInHere: null });
  });

  test("name search matches the starts of words, ignoring accents and case, never as a pattern", async () => {
    const { event, organiser } = await today();
    await register(event.id, await createPerson({ name: "Zoë Ångström" }));
    await register(event.id, null, "confirmed", "Barry Smith");
    const find = async (query: string) =>
      (await checkInPage(organiser.actor, event.slug, { query })).results?.map((r) => r.name);
    expect(await find("zoe ang")).toEqual(["Zoë Ångström"]);
    expect(await find("SMI")).toEqual(["Barry Smith"]);
    expect(await find("%")).toEqual(undefined);
    expect(await find("_arry")).toEqual([]);
  });

  test("only the event's organisers can check people in", async () => {
    const { event } = await today();
    const stranger = await createPerson();
    const registration = await register(event.id, stranger);
    const checkpoint = await arrival(event.id);
    await expect(
      checkIn(stranger.actor, event.slug, { registrationId: registration.id, checkpointId: checkpoint.id }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await expect(checkInPage(stranger.actor, event.slug)).rejects.toMatchObject({ kind: "forbidden" });
  });
});

describe("walk-ins", () => {
  test("are added and checked in until the event is full, then refused, even when many arrive at once", async () => {
    const { event, organiser } = await today({ capacity: 6 });
    for (let i = 0; i < 3; i++) await register(event.id, await createPerson());
    const checkpoint = await arrival(event.id);
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        addWalkIn(organiser.actor, event.slug, { name: `Walk-in ${i}`, checkpointId: checkpoint.id }),
      ),
    );
    const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === "rejected");
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(3);
    expect(refused).toHaveLength(5);
    for (const r of refused)
      expect(r.reason).toMatchObject({ kind: "conflict", message: "The event is full (6 of 6 places)." });
    expect(await prisma.registration.count({ where: { eventId: event.id, status: "confirmed" } })).toBe(6);
    expect(await prisma.checkIn.count({ where: { checkpointId: checkpoint.id } })).toBe(3);
  });

  test("an email of an account links the place; a waitlisted person becomes the walk-in", async () => {
    const { event, organiser } = await today();
    const person = await createPerson({ name: "Chidi Okafor" });
    const waiting = await register(event.id, person, "waitlisted");
    const checkpoint = await arrival(event.id);
    const result = await addWalkIn(organiser.actor, event.slug, {
      name: "C Okafor",
      email: ` ${person.user.email!.toUpperCase()} `,
      checkpointId: checkpoint.id,
    });
    expect(result.name).toBe("Chidi Okafor");
    const after = await prisma.registration.findUniqueOrThrow({ where: { id: waiting.id } });
    expect(after).toMatchObject({ status: "confirmed", walkIn: true });
    expect(after.attendedAt).not.toBeNull();
    await expect(
      addWalkIn(organiser.actor, event.slug, { name: "Again", email: person.user.email!, checkpointId: checkpoint.id }),
    ).rejects.toMatchObject({
      kind: "conflict",
      field: "email",
    });
  });

  test("are not taken before the day the event starts", async () => {
    const { event, organiser } = await createEvent();
    const checkpoint = await arrival(event.id);
    await expect(
      addWalkIn(organiser.actor, event.slug, { name: "Early", checkpointId: checkpoint.id }),
    ).rejects.toMatchObject({ kind: "forbidden" });
  });
});

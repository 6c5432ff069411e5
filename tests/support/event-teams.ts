import { prisma } from "~/services/db.server";
import { createPerson, type Person } from "../factories";

// Attendees and teams at an event, written directly: registration, check-in and team forming
// are other parts' model functions; judging's tests need only the rows they leave behind.

let counter = 0;
const code = () =>
  `T${(++counter).toString(36).toUpperCase().padStart(5, "0")}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;

/** A confirmed registration for `person` (a new person unless given), checked in unless told. */
export async function makeAttendee(eventId: string, options: { person?: Person; checkedIn?: boolean } = {}) {
  const person = options.person ?? (await createPerson());
  const registration = await prisma.registration.create({
    data: {
      eventId,
      userId: person.user.id,
      status: "confirmed",
      ticketCode: code(),
      confirmedAt: new Date(),
      attendedAt: options.checkedIn === false ? null : new Date(),
    },
  });
  return { person, registration };
}

/** A team working on `challengeId`, with the given registrations as members. */
export async function makeTeam(
  eventId: string,
  challengeId: string,
  name: string,
  members: { registration: { id: string; userId: string | null } }[] = [],
) {
  const team = await prisma.eventTeam.create({ data: { eventId, challengeId, name } });
  for (const { registration } of members) {
    await prisma.eventTeamMember.create({
      data: { eventId, teamId: team.id, registrationId: registration.id, userId: registration.userId },
    });
  }
  return team;
}

import type { Prisma, RegistrationStatus } from "~/generated/prisma/client";
import { freshTicketCode } from "~/models/registrations/internal/ticket-code.server";
import type { RegisterInput } from "~/models/registrations/schemas";

type Tx = Prisma.TransactionClient;

/**
 * Writes a registration and its answers (choices, needs) with the event already locked: a new
 * row with a fresh ticket code, or the person's earlier (cancelled or expired) row reused.
 * The caller has decided the status and checked the choices are featured challenges.
 */
export async function writeRegistration(
  tx: Tx,
  options: {
    eventId: string;
    userId: string;
    existingId: string | null;
    status: RegistrationStatus;
    input: RegisterInput;
    choices: { challengeId: string; rank: number }[];
    at: Date;
  },
) {
  const { status, input, at } = options;
  const fields = {
    status,
    shareSkills: input.shareSkills === "yes",
    agreedToConductAt: at,
    waitlistedAt: status === "waitlisted" ? at : null,
    confirmedAt: status === "confirmed" ? at : null,
    offeredAt: null,
    offerExpiresAt: null,
    cancelledAt: status === "cancelled" ? at : null,
    reminderWeekSentAt: null,
    reminderDaySentAt: null,
  };
  const select = { id: true, eventId: true, waitlistedAt: true } as const;
  const registration = options.existingId
    ? await tx.registration.update({ where: { id: options.existingId }, data: fields, select })
    : await tx.registration.create({
        data: { ...fields, eventId: options.eventId, userId: options.userId, ticketCode: await freshTicketCode(tx, options.eventId), createdAt: at },
        select,
      });
  const registrationId = registration.id;
  await tx.registrationChoice.deleteMany({ where: { registrationId } });
  if (options.choices.length) {
    await tx.registrationChoice.createMany({ data: options.choices.map((choice) => ({ ...choice, registrationId })) });
  }
  if (input.dietary || input.access) {
    const needs = { dietary: input.dietary, access: input.access };
    await tx.registrationNeeds.upsert({ where: { registrationId }, create: { registrationId, ...needs }, update: needs });
  } else {
    await tx.registrationNeeds.deleteMany({ where: { registrationId } });
  }
  return registration;
}

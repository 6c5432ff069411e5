import { randomInt } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";

// Ticket codes are typed at the door from a printed or phone screen, so the alphabet leaves out
// characters people confuse (0/O, 1/I/L, 5/S, 2/Z, 8/B): 8 characters from 25 give ~1.5×10^11
// codes, plenty for one event, and a clash within the event is retried.
export const TICKET_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const TICKET_CODE_LENGTH = 8;

export function randomTicketCode(): string {
  let code = "";
  for (let i = 0; i < TICKET_CODE_LENGTH; i++) code += TICKET_ALPHABET[randomInt(TICKET_ALPHABET.length)];
  return code;
}

/** A code no registration of the event has. Call with the event locked (lockEvent). */
export async function freshTicketCode(tx: Prisma.TransactionClient, eventId: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = randomTicketCode();
    const taken = await tx.registration.findUnique({ where: { eventId_ticketCode: { eventId, ticketCode: code } }, select: { id: true } });
    if (!taken) return code;
  }
  throw new Error("Could not find a free ticket code after 20 tries");
}

/** What a person typed, as stored: upper case, spaces and dashes gone. */
export function normaliseTicketCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, "");
}

import nodemailer, { type Transporter } from "nodemailer";

// The SMTP side of mail: one nodemailer transport per process, made on first use from SMTP_URL
// (smtp://user:pass@host:587 or smtps://…:465). Without SMTP_URL there is no transport and
// mail stays in the development mailbox (app/models/platform/mail.server.ts).

export const DEFAULT_MAIL_FROM = "Nettle <no-reply@nettle.invalid>";

let cached: { url: string; transport: Transporter } | undefined;

/** The transport for SMTP_URL, or null when SMTP_URL is not set. */
export function getMailTransport(): Transporter | null {
  const url = process.env.SMTP_URL?.trim();
  if (!url) return null;
  // A changed SMTP_URL only happens in tests, but it must not keep using the old server.
  if (cached?.url !== url) {
    cached?.transport.close();
    cached = {
      url,
      transport: nodemailer.createTransport({
        url,
        // nodemailer waits two minutes by default; a job should fail fast and retry later.
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 60_000,
      }),
    };
  }
  return cached.transport;
}

export function mailFrom() {
  return process.env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
}

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Offered to mail programs as a one-click unsubscribe (RFC 8058: List-Unsubscribe-Post). */
  unsubscribeUrl?: string | null;
}

/** Sends one message over SMTP; throws when the server refuses it or cannot be reached. */
export async function sendOverSmtp(transport: Transporter, message: OutgoingMessage) {
  const { unsubscribeUrl, ...content } = message;
  const headers = unsubscribeUrl
    ? { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
    : undefined;
  const info = (await transport.sendMail({ from: mailFrom(), ...content, ...(headers ? { headers } : {}) })) as {
    rejected?: unknown[];
  };
  if (info.rejected && info.rejected.length > 0) throw new Error(`SMTP server rejected ${message.to}`);
}

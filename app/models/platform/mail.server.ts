import { z } from "zod";
import type { Mail, Prisma } from "~/generated/prisma/client";
import { prisma } from "~/services/db.server";
import { getMailTransport, sendOverSmtp } from "~/services/mail-transport.server";
import { notFound } from "~/models/platform/errors";
import type { MailContent } from "~/models/platform/mail-template";
import { mailTemplates, type MailData, type MailTemplate } from "~/models/registry/mail-templates";

// Every message Nettle sends. queueMail() renders the message at once and stores it in the
// `mail` table in the caller's transaction, with a `mail:send` job beside it, so a message
// exists if and only if the change that caused it committed. The worker then delivers it over
// SMTP, or, without SMTP_URL, leaves it in the development mailbox at /dev/mail.

export const MAIL_TASK = "mail:send";
/** Tries before a message is marked failed; graphile-worker backs off exponentially between them. */
export const MAIL_MAX_ATTEMPTS = 10;
export const MAIL_PAGE_SIZE = 20;

export type { MailData, MailTemplate } from "~/models/registry/mail-templates";

/** The address Nettle is reached at, for links in messages (no trailing slash). */
export function publicUrl() {
  const configured = process.env.PUBLIC_URL?.trim();
  return (configured || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

/** An absolute link to `path` on this Nettle, for messages that leave the site. */
export function absoluteUrl(path: string) {
  return new URL(path, `${publicUrl()}/`).toString();
}

interface Rendered {
  subject: string;
  text: string;
  html: string;
}

export { formatLondonTime } from "~/models/platform/mail-template";

const escapeHtml = (value: string) =>
  value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

/** Links in messages are absolute http(s) URLs; a path is made absolute on this Nettle. */
function checkedLink(link: string) {
  const url = new URL(link.startsWith("/") ? absoluteUrl(link) : link);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error(`Mail link must be http(s): ${url.protocol}`);
  return url.toString();
}

const FONT = "font-family: Arial, Helvetica, sans-serif; font-size: 19px; line-height: 1.4; color: #0b0c0c;";

export function renderMail<T extends MailTemplate>(template: T, data: MailData[T]): Rendered {
  const { subject: rawSubject, blocks: rawBlocks } = (mailTemplates[template] as (data: MailData[T]) => MailContent)(
    data,
  );
  // A subject is one line whatever a name contains.
  const subject = rawSubject.replace(/[\r\n]+/g, " ").trim();
  const blocks = rawBlocks.map((block) => ("link" in block ? { link: checkedLink(block.link) } : block));

  const text =
    blocks
      .map((block) => {
        if ("link" in block) return block.link;
        if ("quote" in block) return block.quote;
        return block.p;
      })
      .join("\n\n") + `\n\nNettle\n${publicUrl()}\n`;

  const body = blocks
    .map((block) => {
      if ("link" in block) {
        const href = escapeHtml(block.link);
        return `<p style="margin: 0 0 20px; word-break: break-all;"><a href="${href}" style="color: #1d70b8;">${href}</a></p>`;
      }
      if ("quote" in block) {
        const lines = escapeHtml(block.quote).replace(/\r?\n/g, "<br>");
        return `<blockquote style="margin: 0 0 20px; padding: 0 0 0 15px; border-left: 10px solid #b1b4b6;">${lines}</blockquote>`;
      }
      return `<p style="margin: 0 0 20px;">${escapeHtml(block.p)}</p>`;
    })
    .join("\n");

  const html = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin: 0; padding: 0; background: #ffffff;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse: collapse;">
<tr><td style="background: #0f7a52; padding: 10px 20px;"><span style="font-family: Arial, Helvetica, sans-serif; font-size: 28px; font-weight: bold; color: #ffffff;">Nettle</span></td></tr>
<tr><td style="padding: 20px; max-width: 580px; ${FONT}">
${body}
<p style="margin: 0; font-size: 16px; color: #505a5f;">Nettle<br><a href="${escapeHtml(publicUrl())}" style="color: #505a5f;">${escapeHtml(publicUrl())}</a></p>
</td></tr>
</table>
</body>
</html>
`;
  return { subject, text, html };
}

// ---------------------------------------------------------------------------------------
// Queueing and delivery
// ---------------------------------------------------------------------------------------

const address = z.string().trim().toLowerCase().email().max(254);

/**
 * Renders a message and queues it for delivery. Call it inside the transaction that caused it
 * (or with `prisma`, in which case it makes its own): the message and its job are written
 * together, so nothing is sent for a change that rolled back.
 */
export async function queueMail<T extends MailTemplate>(
  db: Prisma.TransactionClient | typeof prisma,
  to: string,
  template: T,
  data: MailData[T],
  options: {
    /** A link that stops this kind of message at once, sent as List-Unsubscribe (one click). */
    unsubscribeUrl?: string;
  } = {},
): Promise<{ id: string }> {
  const recipient = address.parse(to);
  const { subject, text, html } = renderMail(template, data);
  const unsubscribeUrl = options.unsubscribeUrl ? checkedLink(options.unsubscribeUrl) : null;
  const write = async (tx: Prisma.TransactionClient) => {
    const mail = await tx.mail.create({
      data: { to: recipient, subject, text, html, template, unsubscribeUrl },
      select: { id: true },
    });
    // The job key makes adding it again (a retried transaction) replace, not duplicate, it.
    await tx.$executeRaw`SELECT graphile_worker.add_job(${MAIL_TASK}, json_build_object('id', ${mail.id}::text), job_key := ${`mail:${mail.id}`}, max_attempts := ${MAIL_MAX_ATTEMPTS}::int)`;
    return mail;
  };
  return "$transaction" in db ? db.$transaction(write) : write(db);
}

export function devMailboxEnabled() {
  if (process.env.SMTP_URL?.trim()) return false;
  return process.env.NODE_ENV !== "production" || process.env.NETTLE_DEV_MAILBOX === "true";
}

export type DeliveryResult = "sent" | "mailbox" | "already-sent" | "missing" | "undeliverable";

/**
 * Delivers one queued message (the `mail:send` job). Does nothing for a message already sent,
 * so a repeated job never sends twice. Throws when the SMTP server fails, after recording the
 * attempt, so the job queue retries with back-off; the last allowed attempt marks it failed.
 */
/** Addresses of the demo data's people (seed.server.ts's DEMO_EMAIL_DOMAIN and below it). */
function isDemoAddress(to: string) {
  return to.endsWith("@demo.nettle.invalid") || to.endsWith(".demo.nettle.invalid");
}

export async function deliverMail(id: string, options: { log?: (line: string) => void } = {}): Promise<DeliveryResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const mail = await prisma.mail.findUnique({ where: { id } });
  if (!mail) return "missing";
  if (mail.status === "sent") return "already-sent";

  const transport = getMailTransport();
  if (!transport) {
    if (devMailboxEnabled()) {
      await prisma.mail.update({
        where: { id },
        data: { status: "sent", sentAt: new Date(), attempts: { increment: 1 }, lastError: null },
      });
      // Link tokens stay out of logs; in development the line names the message's own page.
      const where = process.env.NODE_ENV === "production" ? "/dev/mail" : `/dev/mail/${id}`;
      // The demo's own people get dozens of messages at the first start; printing them would
      // push "Nettle is running at …" off a newcomer's screen. They are in the mailbox all the same.
      if (!isDemoAddress(mail.to)) log(`[mail] to ${mail.to}: ${mail.subject} (development mailbox: ${where})`);
      return "mailbox";
    }
    // Production without SMTP: there is nowhere to send it and nowhere to read it. Retrying
    // cannot help, so the message is marked failed at once and the log says why.
    await prisma.mail.update({
      where: { id },
      data: { status: "failed", attempts: { increment: 1 }, lastError: "SMTP_URL is not set" },
    });
    log(`[mail] SMTP_URL is not set, so a message to ${mail.to} was not sent: ${mail.subject}`);
    return "undeliverable";
  }

  try {
    await sendOverSmtp(transport, {
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      unsubscribeUrl: mail.unsubscribeUrl,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const attempts = mail.attempts + 1;
    await prisma.mail.update({
      where: { id },
      data: {
        attempts,
        lastError: message.slice(0, 1000),
        status: attempts >= MAIL_MAX_ATTEMPTS ? "failed" : "queued",
      },
    });
    throw new MailDeliveryError(mail.id, attempts, message, error);
  }
  await prisma.mail.update({
    where: { id },
    data: { status: "sent", sentAt: new Date(), attempts: { increment: 1 }, lastError: null },
  });
  return "sent";
}

export class MailDeliveryError extends Error {
  override name = "MailDeliveryError";
  constructor(id: string, attempts: number, message: string, cause: unknown) {
    super(`Could not send mail ${id} (attempt ${attempts} of ${MAIL_MAX_ATTEMPTS}): ${message}`, { cause });
  }
}

// ---------------------------------------------------------------------------------------
// The development mailbox
// ---------------------------------------------------------------------------------------

export type MailSummary = Pick<Mail, "id" | "to" | "subject" | "template" | "status" | "createdAt" | "sentAt">;

/**
 * The mailbox exists only where mail stays here (development, or a site that asked for it):
 * anywhere else its pages are not found. Anyone who can open it can read every message, so
 * each read below asks first.
 */
function requireDevMailbox() {
  if (!devMailboxEnabled()) throw notFound("Not found");
}

export async function listMail({ page = 1, to }: { page?: number; to?: string }) {
  requireDevMailbox();
  const where = to ? { to: to.trim().toLowerCase() } : {};
  const [items, total] = await Promise.all([
    prisma.mail.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * MAIL_PAGE_SIZE,
      take: MAIL_PAGE_SIZE,
      select: { id: true, to: true, subject: true, template: true, status: true, createdAt: true, sentAt: true },
    }),
    prisma.mail.count({ where }),
  ]);
  return { items, total, page, totalPages: Math.max(1, Math.ceil(total / MAIL_PAGE_SIZE)) };
}

/** One message of the development mailbox, with what its page shows. */
export async function getMail(id: string) {
  requireDevMailbox();
  const mail = id.length <= 100 ? await prisma.mail.findUnique({ where: { id }, select: mailPageSelect }) : null;
  if (!mail) throw notFound("Not found");
  return mail;
}

const mailPageSelect = {
  id: true,
  to: true,
  subject: true,
  template: true,
  status: true,
  attempts: true,
  lastError: true,
  createdAt: true,
  sentAt: true,
  text: true,
  html: true,
} as const;

// The page's Content-Security-Policy (style-src 'self') also governs the sandboxed srcdoc
// frame the mailbox shows a message in, so the message's inline style attributes would be
// blocked there. For the preview, each distinct style becomes a rule in a stylesheet served
// from this origin, which the policy allows; the stored message itself is never changed.
const STYLE_ATTRIBUTE = /\sstyle="([^"]*)"/g;

function previewStyles(html: string) {
  const styles: string[] = [];
  const rewritten = html.replace(STYLE_ATTRIBUTE, (_match, style: string) => {
    let index = styles.indexOf(style);
    if (index === -1) index = styles.push(style) - 1;
    return ` data-preview-style="${index}"`;
  });
  return { rewritten, styles };
}

/** The message as a document for `<iframe sandbox srcdoc>`, styled by `stylesheetHref`. */
export function mailPreviewDocument(html: string, stylesheetHref: string) {
  const link = `<base target="_blank"><link rel="stylesheet" href="${escapeHtml(stylesheetHref)}">`;
  const { rewritten } = previewStyles(html);
  return /<head[^>]*>/i.test(rewritten)
    ? rewritten.replace(/<head[^>]*>/i, (head) => `${head}${link}`)
    : `${link}${rewritten}`;
}

/** The stylesheet for mailPreviewDocument. */
export function mailPreviewStylesheet(html: string) {
  const decode = (value: string) =>
    value
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
  return previewStyles(html)
    .styles.map((style, index) => {
      const css = decode(style);
      // Declarations only: anything that could end the rule or load something is left out.
      return /[{}<\\@]|url\(/i.test(css) ? "" : `[data-preview-style="${index}"] { ${css} }`;
    })
    .filter(Boolean)
    .join("\n");
}

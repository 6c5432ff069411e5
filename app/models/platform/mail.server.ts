import { z } from "zod";
import type { Mail, Prisma } from "~/generated/prisma/client";
import { prisma } from "~/services/db.server";
import { getMailTransport, sendOverSmtp } from "~/services/mail-transport.server";

// Every message Nettle sends. queueMail() renders the message at once and stores it in the
// `mail` table in the caller's transaction, with a `mail:send` job beside it, so a message
// exists if and only if the change that caused it committed. The worker then delivers it over
// SMTP, or, without SMTP_URL, leaves it in the development mailbox at /dev/mail.

export const MAIL_TASK = "mail:send";
/** Tries before a message is marked failed; graphile-worker backs off exponentially between them. */
export const MAIL_MAX_ATTEMPTS = 10;
export const MAIL_PAGE_SIZE = 20;

export interface MailData {
  "verify-email": { name: string; link: string };
  "reset-password": { name: string; link: string };
  /** Sent instead of a new account when someone signs up with an address that has one. */
  "signup-existing": { name: string; signInLink: string; resetLink: string };
  invitation: { organisationName: string; inviterName: string; role: string; link: string; expiresAt: Date };
  "claim-decision": { name: string; organisationName: string; approved: boolean; comment?: string; link: string };
  /** A hub organiser published a challenge, or asked the council to change it. */
  "challenge-review": { name: string; title: string; approved: boolean; comment?: string; link: string };
  /** To the organisers of hubs serving a council: someone claimed it. */
  "council-claimed": { name: string; organisationName: string; claimantName: string; link: string };
  /** To the organisers of hubs serving a council: it sent a challenge for review. */
  "challenge-submitted": { name: string; organisationName: string; title: string; link: string };
  /** To the organisers of hubs serving a council: it changed a published challenge (no values). */
  "challenge-changed": { name: string; organisationName: string; title: string; fields: string[]; link: string };
  /** To the officer who wrote a challenge: a hub organiser decided on a change to its data card. */
  "data-card-decision": {
    name: string;
    title: string;
    dataset: string;
    approved: boolean;
    comment?: string;
    link: string;
  };
  /** To the organisers of hubs serving a council: a change to a published data card waits for them. */
  "data-card-change": { name: string; organisationName: string; title: string; link: string };
}

export type MailTemplate = keyof MailData;

/** The address Nettle is reached at, for links in messages (no trailing slash). */
export function publicUrl() {
  const configured = process.env.PUBLIC_URL?.trim();
  return (configured || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

/** An absolute link to `path` on this Nettle, for messages that leave the site. */
export function absoluteUrl(path: string) {
  return new URL(path, `${publicUrl()}/`).toString();
}

// ---------------------------------------------------------------------------------------
// Templates. Each is a list of blocks, so the plain text and the HTML say the same words.
// ---------------------------------------------------------------------------------------

type Block = { p: string } | { link: string } | { quote: string };

interface Rendered {
  subject: string;
  text: string;
  html: string;
}

const footer = (why: string): Block[] => [{ p: why }];

const templates: { [T in MailTemplate]: (data: MailData[T]) => { subject: string; blocks: Block[] } } = {
  "verify-email": ({ name, link }) => ({
    subject: "Confirm your email address",
    blocks: [
      { p: `Hello ${name},` },
      { p: "Confirm your email address to finish setting up your Nettle account:" },
      { link },
      { p: "The link works for 24 hours and can only be used once." },
      ...footer(
        "You are getting this email because someone created a Nettle account with this address. If it was not you, you can ignore this email: no account will be confirmed.",
      ),
    ],
  }),
  "reset-password": ({ name, link }) => ({
    subject: "Reset your Nettle password",
    blocks: [
      { p: `Hello ${name},` },
      { p: "Someone asked to reset the password for your Nettle account. To choose a new password, use this link:" },
      { link },
      {
        p: "The link works for 1 hour and can only be used once. Choosing a new password signs you out on all your devices.",
      },
      ...footer("If you did not ask to reset your password, you can ignore this email. Your password has not changed."),
    ],
  }),
  "signup-existing": ({ name, signInLink, resetLink }) => ({
    subject: "You already have a Nettle account",
    blocks: [
      { p: `Hello ${name},` },
      {
        p: "Someone tried to create a Nettle account with this email address. You already have an account, so we have not made another one.",
      },
      { p: "To sign in, go to:" },
      { link: signInLink },
      { p: "If you have forgotten your password, you can reset it:" },
      { link: resetLink },
      ...footer("If this was not you, you can ignore this email. Nobody can use your account without your password."),
    ],
  }),
  invitation: ({ organisationName, inviterName, role, link, expiresAt }) => ({
    subject: `You are invited to join ${organisationName} on Nettle`,
    blocks: [
      { p: "Hello," },
      { p: `${inviterName} has invited you to join ${organisationName} on Nettle as ${roleWithArticle(role)}.` },
      { p: "To accept the invitation, go to:" },
      { link },
      { p: `The invitation expires at ${formatLondonTime(expiresAt)}.` },
      ...footer(
        "Nettle is where regional data hubs, councils and volunteers work on public data together. If you were not expecting this invitation, you can ignore this email.",
      ),
    ],
  }),
  "claim-decision": ({ name, organisationName, approved, comment, link }) => ({
    subject: approved
      ? `Your claim to represent ${organisationName} is approved`
      : `Your claim to represent ${organisationName} was not approved`,
    blocks: [
      { p: `Hello ${name},` },
      {
        p: approved
          ? `A hub organiser has approved your claim to represent ${organisationName} on Nettle. You can now manage its page.`
          : `A hub organiser has not approved your claim to represent ${organisationName} on Nettle.`,
      },
      ...(comment?.trim() ? [{ p: "They said:" }, { quote: comment.trim() }] : []),
      { p: approved ? `Go to ${organisationName}:` : `You can see ${organisationName} and claim it again:` },
      { link },
      ...footer(`You are getting this email because you claimed ${organisationName} on Nettle.`),
    ],
  }),
  "challenge-review": ({ name, title, approved, comment, link }) => ({
    subject: approved ? `Your challenge is published: ${title}` : `Changes requested to your challenge: ${title}`,
    blocks: [
      { p: `Hello ${name},` },
      {
        p: approved
          ? `A hub organiser has published your challenge "${title}". Volunteers, students and academics can now find it.`
          : `A hub organiser has read your challenge "${title}" and asked for some changes before it is published.`,
      },
      ...(comment?.trim() ? [{ p: "They said:" }, { quote: comment.trim() }] : []),
      { p: approved ? "See it as the public does:" : "Make the changes and send it again:" },
      { link },
      ...footer("You are getting this email because you sent this challenge for review on Nettle."),
    ],
  }),
  "council-claimed": ({ name, organisationName, claimantName, link }) => ({
    subject: `${organisationName} has been claimed on Nettle`,
    blocks: [
      { p: `Hello ${name},` },
      {
        p: `${claimantName} says they work for ${organisationName} and has claimed it on Nettle. Your hub serves ${organisationName}, so you or another organiser can check the claim.`,
      },
      { p: "Check that they work for the council, then verify or reject the claim on the hub dashboard:" },
      { link },
      ...footer(`You are getting this email because you organise a hub that serves ${organisationName} on Nettle.`),
    ],
  }),
  "challenge-submitted": ({ name, organisationName, title, link }) => ({
    subject: `Challenge to review from ${organisationName}: ${title}`,
    blocks: [
      { p: `Hello ${name},` },
      { p: `${organisationName} has sent the challenge "${title}" for review.` },
      { p: "Read it, then publish it or ask the council for changes:" },
      { link },
      ...footer(`You are getting this email because you organise a hub that serves ${organisationName} on Nettle.`),
    ],
  }),
  "challenge-changed": ({ name, organisationName, title, fields, link }) => ({
    subject: `${organisationName} changed a published challenge: ${title}`,
    blocks: [
      { p: `Hello ${name},` },
      {
        p: `${organisationName} changed ${fields.length === 1 ? "this part" : "these parts"} of its published challenge "${title}": ${fields.join(", ")}. The changes are already public.`,
      },
      { p: "See the challenge and its history:" },
      { link },
      ...footer(`You are getting this email because you organise a hub that serves ${organisationName} on Nettle.`),
    ],
  }),
  "data-card-decision": ({ name, title, dataset, approved, comment, link }) => ({
    subject: approved
      ? `Your change to the data card is published: ${title}`
      : `Changes requested to your data card change: ${title}`,
    blocks: [
      { p: `Hello ${name},` },
      {
        p: approved
          ? `A hub organiser approved your change to "${dataset}" on the challenge "${title}". The public now sees it.`
          : `A hub organiser read your change to "${dataset}" on the challenge "${title}" and asked for changes first. The public still sees the data card as last approved.`,
      },
      ...(comment?.trim() ? [{ p: "They said:" }, { quote: comment.trim() }] : []),
      { p: approved ? "See the challenge:" : "Change the dataset:" },
      { link },
      ...footer("You are getting this email because you wrote this challenge on Nettle."),
    ],
  }),
  "data-card-change": ({ name, organisationName, title, link }) => ({
    subject: `Data card change to review from ${organisationName}: ${title}`,
    blocks: [
      { p: `Hello ${name},` },
      {
        p: `${organisationName} wants to change the data card of its published challenge "${title}". The public keeps seeing the data card as you last approved it until you decide.`,
      },
      { p: "Approve the change or send it back:" },
      { link },
      ...footer(`You are getting this email because you organise a hub that serves ${organisationName} on Nettle.`),
    ],
  }),
};

function roleWithArticle(role: string) {
  const label = role.replace(/_/g, " ");
  return /^[aeiou]/i.test(label) ? `an ${label}` : `a ${label}`;
}

/** "3:30pm on 4 December 2026", in UK time. */
export function formatLondonTime(date: Date) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    hourCycle: "h12",
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const [hour, minute] = [part("hour"), part("minute")];
  const period = part("dayPeriod").toLowerCase().replace(/[\s.]/g, "");
  // GOV.UK style: "3pm", "3:30pm", "midday", "midnight".
  const time =
    hour === "12" && minute === "00"
      ? period === "am"
        ? "midnight"
        : "midday"
      : `${hour}${minute === "00" ? "" : `:${minute}`}${period}`;
  return `${time} on ${part("day")} ${part("month")} ${part("year")}`;
}

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
  const { subject: rawSubject, blocks: rawBlocks } = templates[template](data);
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
): Promise<{ id: string }> {
  const recipient = address.parse(to);
  const { subject, text, html } = renderMail(template, data);
  const write = async (tx: Prisma.TransactionClient) => {
    const mail = await tx.mail.create({ data: { to: recipient, subject, text, html, template }, select: { id: true } });
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
      log(`[mail] to ${mail.to}: ${mail.subject} (development mailbox: ${where})`);
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
    await sendOverSmtp(transport, { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
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

export async function listMail({ page = 1, to }: { page?: number; to?: string }) {
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

export async function getMail(id: string) {
  return prisma.mail.findUnique({ where: { id } });
}

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

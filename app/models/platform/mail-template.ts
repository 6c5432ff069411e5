// The pieces every domain's messages are made of. A message is a subject and a list of blocks,
// so its plain text and HTML say the same words; app/models/platform/mail.server.ts renders
// them and queues the result.

export type Block = { p: string } | { link: string } | { quote: string };

export interface MailContent {
  subject: string;
  blocks: Block[];
}

/** The closing paragraph: why the person is getting this email. */
export const footer = (why: string): Block[] => [{ p: why }];

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

import { footer, type MailContent } from "~/models/platform/mail-template";

// Mail the events domain sends to people without an account (a walk-in registered at the
// door): people with an account hear through notify() and their notification settings.

export const eventMails = {
  "event-cancelled": ({ name, title, body, link }: { name: string; title: string; body: string; link: string }): MailContent => ({
    subject: `“${title}” is cancelled`,
    blocks: [
      { p: `Hello ${name},` },
      { p: body },
      { p: "The event's page says more:" },
      { link },
      ...footer("You are getting this because you registered for this event on Nettle."),
    ],
  }),
};

import { footer, type MailContent } from "~/models/platform/mail-template";

// The one message every notification sends by email: its title, its words, a link to open it
// and a link to choose which notifications arrive by email.

export const notificationMails = {
  notification: ({
    name,
    title,
    body,
    link,
    preferencesLink,
  }: {
    name: string;
    title: string;
    body: string;
    link: string;
    preferencesLink: string;
  }): MailContent => ({
    subject: title,
    blocks: [
      { p: `Hello ${name},` },
      ...(body ? [{ p: body }] : []),
      { p: "To see it on Nettle, go to:" },
      { link },
      ...footer(`You are getting this because of your notification settings. To change which notifications reach you by email, go to: ${preferencesLink}`),
    ],
  }),
};

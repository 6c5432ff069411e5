import { footer, type MailContent } from "~/models/platform/mail-template";

// The messages the judging domain sends. Judges need no Nettle account: their link is the key.

export const judgingMails = {
  "judge-invitation": ({
    name,
    eventTitle,
    hubName,
    link,
    again,
  }: {
    name: string;
    eventTitle: string;
    hubName: string;
    link: string;
    /** A new link replacing an earlier one. */
    again?: boolean;
  }): MailContent => ({
    subject: again ? `Your new judging link for ${eventTitle}` : `You are invited to judge ${eventTitle}`,
    blocks: [
      { p: `Hello ${name},` },
      {
        p: again
          ? `Here is your new link for judging ${eventTitle}. The link we sent before no longer works.`
          : `${hubName} has invited you to judge ${eventTitle} on Nettle. You do not need an account.`,
      },
      { p: "First tell us which teams, if any, you have a conflict of interest with. Then score the others:" },
      { link },
      { p: "Keep this link to yourself: anyone with it can judge in your name." },
      ...footer(
        "You are getting this email because the organisers of the event entered your address. If you were not expecting it, you can ignore it.",
      ),
    ],
  }),
};

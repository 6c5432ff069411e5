import { footer, type MailContent } from "~/models/platform/mail-template";

// The messages the accounts domain sends. Each is a list of blocks, so the plain text and the
// HTML say the same words (app/models/platform/mail.server.ts renders and queues them).

export const accountMails = {
  "verify-email": ({ name, link }: { name: string; link: string }): MailContent => ({
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
  "reset-password": ({ name, link }: { name: string; link: string }): MailContent => ({
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
  /** Sent instead of a new account when someone signs up with an address that has one. */
  "signup-existing": ({
    name,
    signInLink,
    resetLink,
  }: {
    name: string;
    signInLink: string;
    resetLink: string;
  }): MailContent => ({
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
};

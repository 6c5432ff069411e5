import { footer, type MailContent } from "~/models/platform/mail-template";

// The messages the challenges domain sends. Each is a list of blocks, so the plain text and the
// HTML say the same words (app/models/platform/mail.server.ts renders and queues them).

export const challengeMails = {
  /** A hub organiser published a challenge, or asked the council to change it. */
  "challenge-review": ({
    name,
    title,
    approved,
    comment,
    link,
  }: {
    name: string;
    title: string;
    approved: boolean;
    comment?: string;
    link: string;
  }): MailContent => ({
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
  /** To the organisers of hubs serving a council: it sent a challenge for review. */
  "challenge-submitted": ({
    name,
    organisationName,
    title,
    link,
  }: {
    name: string;
    organisationName: string;
    title: string;
    link: string;
  }): MailContent => ({
    subject: `Challenge to review from ${organisationName}: ${title}`,
    blocks: [
      { p: `Hello ${name},` },
      { p: `${organisationName} has sent the challenge "${title}" for review.` },
      { p: "Read it, then publish it or ask the council for changes:" },
      { link },
      ...footer(`You are getting this email because you organise a hub that serves ${organisationName} on Nettle.`),
    ],
  }),
  /** To the organisers of hubs serving a council: it changed a published challenge (no values). */
  "challenge-changed": ({
    name,
    organisationName,
    title,
    fields,
    link,
  }: {
    name: string;
    organisationName: string;
    title: string;
    fields: string[];
    link: string;
  }): MailContent => ({
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
  /** To the officer who wrote a challenge: a hub organiser decided on a change to its data card. */
  "data-card-decision": ({
    name,
    title,
    dataset,
    approved,
    comment,
    link,
  }: {
    name: string;
    title: string;
    dataset: string;
    approved: boolean;
    comment?: string;
    link: string;
  }): MailContent => ({
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
  /** To the organisers of hubs serving a council: a change to a published data card waits for them. */
  "data-card-change": ({
    name,
    organisationName,
    title,
    link,
  }: {
    name: string;
    organisationName: string;
    title: string;
    link: string;
  }): MailContent => ({
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

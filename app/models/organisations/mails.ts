import { footer, formatLondonTime, type MailContent } from "~/models/platform/mail-template";

// The messages the organisations domain sends. Each is a list of blocks, so the plain text and the
// HTML say the same words (app/models/platform/mail.server.ts renders and queues them).

export const organisationMails = {
  invitation: ({
    organisationName,
    inviterName,
    role,
    link,
    expiresAt,
  }: {
    organisationName: string;
    inviterName: string;
    role: string;
    link: string;
    expiresAt: Date;
  }): MailContent => ({
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
  "claim-decision": ({
    name,
    organisationName,
    approved,
    comment,
    link,
  }: {
    name: string;
    organisationName: string;
    approved: boolean;
    comment?: string;
    link: string;
  }): MailContent => ({
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
  /** To the organisers of hubs serving a council: someone claimed it. */
  "council-claimed": ({
    name,
    organisationName,
    claimantName,
    link,
  }: {
    name: string;
    organisationName: string;
    claimantName: string;
    link: string;
  }): MailContent => ({
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
};

function roleWithArticle(role: string) {
  const label = role.replace(/_/g, " ");
  return /^[aeiou]/i.test(label) ? `an ${label}` : `a ${label}`;
}

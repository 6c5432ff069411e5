import { footer, type Block, type MailContent } from "~/models/platform/mail-template";

// The saved-search emails. Each names the search it comes from and ends with that search's
// own unsubscribe link, which works without signing in.

export interface SavedSearchMailGroup {
  searchName: string;
  items: { title: string; link: string }[];
  unsubscribeLink: string;
}

const group = (g: SavedSearchMailGroup, heading: boolean): Block[] => [
  ...(heading ? [{ p: `Your saved search "${g.searchName}":` }] : []),
  ...g.items.flatMap((item): Block[] => [{ p: item.title }, { link: item.link }]),
  { p: `To stop emails for "${g.searchName}", go to:` },
  { link: g.unsubscribeLink },
];

export const savedSearchMails = {
  "saved-search-hit": ({
    name,
    group: g,
    manageLink,
  }: {
    name: string;
    group: SavedSearchMailGroup;
    manageLink: string;
  }): MailContent => ({
    subject: `New result for your saved search "${g.searchName}"`,
    blocks: [
      { p: `Hello ${name},` },
      { p: `Something new matches your saved search "${g.searchName}":` },
      ...group(g, false),
      ...footer(
        `You are getting this because you asked for emails about this search at once. To change how often, go to: ${manageLink}`,
      ),
    ],
  }),
  "saved-search-digest": ({
    name,
    period,
    groups,
    manageLink,
  }: {
    name: string;
    period: "daily" | "weekly" | "daily and weekly";
    groups: SavedSearchMailGroup[];
    manageLink: string;
  }): MailContent => {
    const count = groups.reduce((sum, g) => sum + g.items.length, 0);
    return {
      subject: `${count === 1 ? "1 new result" : `${count} new results`} for your saved searches`,
      blocks: [
        { p: `Hello ${name},` },
        { p: `Here is what is new for your saved searches since your last ${period} email.` },
        ...groups.flatMap((g) => group(g, true)),
        ...footer(
          `You are getting this because you asked for a ${period} email about these searches. To change how often, go to: ${manageLink}`,
        ),
      ],
    };
  },
};

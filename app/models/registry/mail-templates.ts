import { accountMails } from "~/models/accounts/mails";
import { challengeMails } from "~/models/challenges/mails";
import { eventMails } from "~/models/events/mails";
import { judgingMails } from "~/models/judging/mails";
import { notificationMails } from "~/models/notifications/mails";
import { organisationMails } from "~/models/organisations/mails";
import { savedSearchMails } from "~/models/saved-searches/mails";

// Every message Nettle sends, composed from the domains that own them. A new domain adds its
// list here; the data each template needs is read off its function.
export const mailTemplates = { ...accountMails, ...organisationMails, ...challengeMails, ...notificationMails, ...savedSearchMails, ...eventMails, ...judgingMails };

export type MailTemplate = keyof typeof mailTemplates;
export type MailData = { [T in MailTemplate]: Parameters<(typeof mailTemplates)[T]>[0] };

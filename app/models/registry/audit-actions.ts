import { accountAuditActions, accountAuditDetails } from "~/models/accounts/audit";
import { applicationAuditActions, applicationAuditDetails } from "~/models/applications/audit";
import { challengeAuditActions, challengeAuditDetails } from "~/models/challenges/audit";
import { eventAuditActions, eventAuditDetails } from "~/models/events/audit";
import { eventTeamAuditActions, eventTeamAuditDetails } from "~/models/event-teams/audit";
import { formationAuditActions, formationAuditDetails } from "~/models/event-teams/formation/audit";
import { impactAuditActions, impactAuditDetails } from "~/models/impact/audit";
import { judgingAuditActions, judgingAuditDetails } from "~/models/judging/audit";
import { outcomeAuditActions, outcomeAuditDetails } from "~/models/outcomes/audit";
import { organisationAuditActions, organisationAuditDetails } from "~/models/organisations/audit";
import { registrationAuditActions, registrationAuditDetails } from "~/models/registrations/audit";
import { projectAuditActions, projectAuditDetails } from "~/models/projects/audit";
import { profileAuditActions, profileAuditDetails } from "~/models/profiles/audit";
import { repositoryAuditActions, repositoryAuditDetails } from "~/models/repositories/audit";
import { platformAuditActions, platformAuditDetails } from "~/models/platform/audit-labels";
import { taxonomyAuditActions, taxonomyAuditDetails } from "~/models/taxonomy/audit";
import { webhookAuditActions, webhookAuditDetails } from "~/models/webhooks/audit";

// Every audit action, composed from the domains that own them. A new domain adds its list here.
export const auditActionLabels = {
  ...accountAuditActions,
  ...organisationAuditActions,
  ...challengeAuditActions,
  ...taxonomyAuditActions,
  ...profileAuditActions,
  ...applicationAuditActions,
  ...impactAuditActions,
  ...projectAuditActions,
  ...repositoryAuditActions,
  ...platformAuditActions,
  ...webhookAuditActions,
  ...outcomeAuditActions,
  ...eventAuditActions,
  ...registrationAuditActions,
  ...eventTeamAuditActions,
  ...formationAuditActions,
  ...judgingAuditActions,
} as const;

export type AuditAction = keyof typeof auditActionLabels;

/** Words for the keys of entries' details, as the audit page shows them. */
export const auditDetailLabels: Record<string, string> = {
  ...accountAuditDetails,
  ...organisationAuditDetails,
  ...challengeAuditDetails,
  ...taxonomyAuditDetails,
  ...profileAuditDetails,
  ...applicationAuditDetails,
  ...impactAuditDetails,
  ...projectAuditDetails,
  ...repositoryAuditDetails,
  ...platformAuditDetails,
  ...webhookAuditDetails,
  ...outcomeAuditDetails,
  ...eventAuditDetails,
  ...registrationAuditDetails,
  ...eventTeamAuditDetails,
  ...formationAuditDetails,
  ...judgingAuditDetails,
};

import type { ApplicationStatus } from "~/generated/prisma/enums";
import { applicationStatusLabels, applicationStatusTags } from "~/models/applications/labels";

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  return <strong className={`govuk-tag ${applicationStatusTags[status]}`}>{applicationStatusLabels[status]}</strong>;
}

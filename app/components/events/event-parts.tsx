import { accessibilityLabels, accessibilityWord, eventStatusLabels } from "~/models/events/labels";
import type { EventStatus } from "~/generated/prisma/enums";

// Small pieces the event pages share.

const tagClass: Record<EventStatus, string> = {
  draft: "govuk-tag--grey",
  published: "govuk-tag--green",
  cancelled: "govuk-tag--red",
  finished: "govuk-tag--blue",
};

export function EventStatusTag({ status, upcoming }: { status: EventStatus; upcoming?: boolean }) {
  const label = status === "published" ? (upcoming === false ? "Ended" : "Upcoming") : eventStatusLabels[status];
  return <strong className={`govuk-tag ${tagClass[status]}`}>{label}</strong>;
}

export function AccessibilityList({
  accessibility,
  inPerson,
}: {
  accessibility: {
    stepFreeAccess: boolean | null;
    hearingLoop: boolean | null;
    quietRoom: boolean | null;
    accessibleToilets: boolean | null;
    nearestStation: string | null;
    notes: string | null;
  };
  inPerson: boolean;
}) {
  if (!inPerson) return <p className="govuk-body">This event is online only.</p>;
  return (
    <dl className="govuk-summary-list">
      {(Object.keys(accessibilityLabels) as (keyof typeof accessibilityLabels)[]).map((key) => (
        <div className="govuk-summary-list__row" key={key}>
          <dt className="govuk-summary-list__key">{accessibilityLabels[key]}</dt>
          <dd className="govuk-summary-list__value">{accessibilityWord(accessibility[key])}</dd>
        </div>
      ))}
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Nearest station</dt>
        <dd className="govuk-summary-list__value">{accessibility.nearestStation ?? "Not known – ask the organisers"}</dd>
      </div>
      {accessibility.notes ? (
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">More about access</dt>
          <dd className="govuk-summary-list__value">{accessibility.notes}</dd>
        </div>
      ) : null}
    </dl>
  );
}

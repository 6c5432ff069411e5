import type { ExplanationLine } from "~/models/matching/ranking";

/** Why a match was suggested, one fact a row (GOV.UK summary list, no borders: it sits in a list). */
export function MatchExplanation({ lines }: { lines: ExplanationLine[] }) {
  return (
    <dl className="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2 nettle-match">
      {lines.map((line) => (
        <div className="govuk-summary-list__row" key={line.label}>
          <dt className="govuk-summary-list__key">{line.label}</dt>
          <dd className="govuk-summary-list__value">{line.text}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Shown when Meilisearch is away and PostgreSQL chose the candidates. */
export function MatchingDegradedNotice() {
  return (
    <div className="govuk-inset-text">
      Matching is working in a simpler mode for now. Everyone listed fits, but a long list may miss some good matches.
      Full matching returns automatically.
    </div>
  );
}

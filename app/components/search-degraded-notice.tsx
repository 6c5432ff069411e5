/** Shown when Meilisearch is unavailable and results come from a plainer database search. */
export function SearchDegradedNotice() {
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="search-degraded-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="search-degraded-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">Search is working in a simpler mode for now.</p>
        <p className="govuk-body">
          Results match whole words only and spelling mistakes are not corrected. Everything is still listed; full
          search returns automatically.
        </p>
      </div>
    </div>
  );
}

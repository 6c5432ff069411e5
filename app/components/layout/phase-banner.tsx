export const FEEDBACK_URL = "https://github.com/nettle-hub/nettle/issues";

export function PhaseBanner() {
  return (
    <div className="govuk-phase-banner govuk-width-container">
      <p className="govuk-phase-banner__content">
        <strong className="govuk-tag govuk-phase-banner__content__tag">Beta</strong>
        <span className="govuk-phase-banner__text">
          This is a new service – your{" "}
          <a className="govuk-link" href={FEEDBACK_URL}>
            feedback
          </a>{" "}
          helps us improve it.
        </span>
      </p>
    </div>
  );
}

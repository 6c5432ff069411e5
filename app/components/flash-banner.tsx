/** A one-time message after a redirect, as a GOV.UK notification banner. */
export function FlashBanner({ flash }: { flash: { kind: "success" | "info"; title: string; body?: string } }) {
  const success = flash.kind === "success";
  return (
    <div
      className={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby="flash-title"
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="flash-title">
          {success ? "Success" : "Important"}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{flash.title}</p>
        {flash.body ? <p className="govuk-body">{flash.body}</p> : null}
      </div>
    </div>
  );
}

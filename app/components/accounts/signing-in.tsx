import { Form, Link } from "@remix-run/react";

// How the person signs in: their address (confirmed or not), password, and GitHub, which can
// be linked or unlinked here (account page).

export interface SigningInDetails {
  email: string | null;
  emailVerified: boolean;
  hasPassword: boolean;
  github: { username: string | null } | null;
  githubAvailable: boolean;
}

export function SigningIn({ details, githubError }: { details: SigningInDetails; githubError?: string }) {
  const { email, emailVerified, hasPassword, github, githubAvailable } = details;
  return (
    <>
      <h2 className="govuk-heading-m">Signing in</h2>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Email address</dt>
          <dd className="govuk-summary-list__value">
            {email}
            {emailVerified ? null : <strong className="govuk-tag govuk-tag--yellow govuk-!-margin-left-2">Not confirmed</strong>}
          </dd>
          {emailVerified ? null : (
            <dd className="govuk-summary-list__actions">
              <Link className="govuk-link" to="/verify-email">
                Send a new link<span className="govuk-visually-hidden"> to confirm your email address</span>
              </Link>
            </dd>
          )}
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Password</dt>
          <dd className="govuk-summary-list__value">{hasPassword ? "Set" : "Not set: you sign in with GitHub"}</dd>
        </div>
        <div className={`govuk-summary-list__row${githubError ? " govuk-form-group--error" : ""}`} id="github">
          <dt className="govuk-summary-list__key">GitHub</dt>
          <dd className="govuk-summary-list__value">
            {githubError ? (
              <p className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {githubError}
              </p>
            ) : null}
            {github ? `Linked to @${github.username ?? "unknown"}` : "Not linked"}
            {github && !hasPassword ? (
              <p className="govuk-hint govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                GitHub is your only way to sign in, so you cannot unlink it until you set a password.
              </p>
            ) : null}
          </dd>
          <dd className="govuk-summary-list__actions">
            {github ? (
              <Form method="post">
                <input type="hidden" name="intent" value="unlink-github" />
                <button
                  type="submit"
                  className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                  data-module="govuk-button"
                >
                  Unlink<span className="govuk-visually-hidden"> GitHub</span>
                </button>
              </Form>
            ) : githubAvailable ? (
              <Form method="post" action="/auth/github" reloadDocument>
                <input type="hidden" name="intent" value="link" />
                <input type="hidden" name="redirectTo" value="/account" />
                <button
                  type="submit"
                  className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                  data-module="govuk-button"
                >
                  Link GitHub
                </button>
              </Form>
            ) : null}
          </dd>
        </div>
      </dl>
    </>
  );
}

import { Link } from "@remix-run/react";

/** The 404 page of the GitHub sign-in routes when GITHUB_CLIENT_ID is not set. */
export function GitHubNotSetUp() {
  return (
    <>
      <p className="govuk-body">Signing in with GitHub is not set up on this Nettle.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/signin">
          Sign in with your email address and password
        </Link>{" "}
        instead. If you run this Nettle, set <code>GITHUB_CLIENT_ID</code> and <code>GITHUB_CLIENT_SECRET</code> to turn
        it on.
      </p>
    </>
  );
}

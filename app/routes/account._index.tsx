import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios, TextField } from "~/components/forms";
import { accountOverview, profileInput, updateProfile } from "~/models/accounts/account.server";
import { IdentityError, unlinkProvider } from "~/models/accounts/identity.server";
import { acceptInvitationById, listInvitationsFor } from "~/models/organisations/invitation.server";
import { participantKindOptions } from "~/models/accounts/participant-kinds";
import { rejectedClaimsOf } from "~/models/organisations/verification.server";
import { DomainError } from "~/models/platform/errors";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { badRequest, fieldErrors, keepValues, readForm } from "~/services/form.server";
import { githubSignInEnabled } from "~/models/accounts/github-sign-in.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const overview = await accountOverview(user.id);
  return {
    profile: { displayName: user.displayName, kind: user.kind, visibility: user.visibility },
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    hasPassword: overview.hasPassword,
    github: overview.github ? { username: overview.github.username } : null,
    githubAvailable: githubSignInEnabled(),
    sessionCount: overview.sessionCount,
    invitations: await listInvitationsFor(user),
    rejectedClaims: await rejectedClaimsOf(user),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  switch (form.get("intent")) {
    case "profile": {
      const parsed = profileInput.safeParse(Object.fromEntries(form));
      if (!parsed.success) {
        return data({ errors: fieldErrors(parsed.error), values: keepValues(form) }, { status: 400 });
      }
      await updateProfile(user.id, parsed.data);
      return redirectWithFlash("/account", { kind: "success", title: "Your profile is saved" });
    }
    case "unlink-github": {
      try {
        await unlinkProvider(user.id, "github");
      } catch (error) {
        if (error instanceof IdentityError)
          return data({ errors: { github: error.message }, values: {} }, { status: 400 });
        throw error;
      }
      return redirectWithFlash("/account", { kind: "success", title: "Your GitHub account is unlinked" });
    }
    case "accept-invitation": {
      try {
        const joined = await acceptInvitationById(user, String(form.get("invitationId") ?? ""));
        return redirectWithFlash(`/organisations/${joined.slug}`, {
          kind: "success",
          title: `You have joined ${joined.organisationName}`,
          body: `You are ${joined.role === "owner" ? "an owner" : "a member"}.`,
        });
      } catch (error) {
        if (DomainError.is(error))
          return data({ errors: { invitations: error.message }, values: {} }, { status: error.status });
        throw error;
      }
    }
    default:
      throw badRequest("Nettle did not understand that form.");
  }
}

const kinds = [...participantKindOptions];
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/London" });

const visibilities = [
  { value: "public", label: "Everyone", hint: "Anyone can see your profile, including people who are not signed in" },
  { value: "members", label: "Signed-in members", hint: "Only people signed in to Nettle can see your profile" },
  {
    value: "private",
    label: "Only you",
    hint: "Your profile is not shown to others or in search; platform administrators can still see it",
  },
];

export default function Account() {
  const { profile, email, emailVerified, hasPassword, github, githubAvailable, sessionCount, invitations, rejectedClaims } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  const values: Record<string, string | undefined> = { ...profile, ...result?.values };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-xl">Your account</h1>

        {invitations.length > 0 ? (
          <section aria-labelledby="invitations-heading" id="invitations" className={errors?.invitations ? "govuk-form-group--error" : undefined}>
            <h2 className="govuk-heading-m" id="invitations-heading">
              Invitations waiting for you
            </h2>
            {errors?.invitations ? (
              <p className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {errors.invitations}
              </p>
            ) : null}
            <ul className="govuk-list">
              {invitations.map((invitation) => (
                <li key={invitation.id} className="govuk-!-margin-bottom-4">
                  <p className="govuk-body govuk-!-margin-bottom-2">
                    {invitation.inviterName} invited you to join{" "}
                    <Link className="govuk-link" to={`/organisations/${invitation.organisation.slug}`}>
                      {invitation.organisation.name}
                    </Link>{" "}
                    as {invitation.role === "owner" ? "an owner" : "a member"}. The invitation expires on{" "}
                    {dateFormat.format(new Date(invitation.expiresAt))}.
                  </p>
                  {emailVerified ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="accept-invitation" />
                      <input type="hidden" name="invitationId" value={invitation.id} />
                      <button type="submit" className="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">
                        Accept<span className="govuk-visually-hidden"> the invitation to {invitation.organisation.name}</span>
                      </button>
                    </Form>
                  ) : (
                    <p className="govuk-inset-text">Confirm your email address first, then accept it here.</p>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {rejectedClaims.length > 0 ? (
          <section aria-labelledby="rejected-claims">
            <h2 className="govuk-heading-m" id="rejected-claims">
              Claims a hub organiser turned down
            </h2>
            {rejectedClaims.map((claim) => (
              <div className="govuk-inset-text" key={claim.id}>
                <p className="govuk-body">
                  Your claim to represent{" "}
                  <Link className="govuk-link" to={`/organisations/${claim.council.slug}`}>
                    {claim.council.name}
                  </Link>{" "}
                  was not accepted on {dateFormat.format(new Date(claim.at))}.
                </p>
                {claim.comment ? <p className="govuk-body nettle-user-text">The organiser said: “{claim.comment}”</p> : null}
              </div>
            ))}
          </section>
        ) : null}

        <h2 className="govuk-heading-m">Profile</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="profile" />
          <TextField
            name="displayName"
            label="Your name"
            hint="Shown to people you work with on Nettle"
            autoComplete="name"
            error={errors?.displayName}
            defaultValue={values.displayName}
            spellCheck={false}
          />
          <Radios
            name="kind"
            legend="Which describes you best?"
            options={kinds}
            error={errors?.kind}
            defaultValue={values.kind}
          />
          <Radios
            name="visibility"
            legend="Who can see your profile?"
            hint="Your skills and availability are part of your profile. Teams you join always see your name."
            options={visibilities}
            error={errors?.visibility}
            defaultValue={values.visibility}
          />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Save profile
          </button>
        </Form>

        <h2 className="govuk-heading-m">Signing in</h2>
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Email address</dt>
            <dd className="govuk-summary-list__value">
              {email}
              {emailVerified ? null : (
                <strong className="govuk-tag govuk-tag--yellow govuk-!-margin-left-2">Not confirmed</strong>
              )}
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
          <div className={`govuk-summary-list__row${errors?.github ? " govuk-form-group--error" : ""}`} id="github">
            <dt className="govuk-summary-list__key">GitHub</dt>
            <dd className="govuk-summary-list__value">
              {errors?.github ? (
                <p className="govuk-error-message">
                  <span className="govuk-visually-hidden">Error:</span> {errors.github}
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

        <h2 className="govuk-heading-m">Where you are signed in</h2>
        <p className="govuk-body">
          You are signed in on {sessionCount === 1 ? "1 device" : `${sessionCount} devices`}.{" "}
          <Link className="govuk-link" to="/account/sessions">
            See and sign out of your devices
          </Link>
        </p>

        <h2 className="govuk-heading-m">Your data</h2>
        <p className="govuk-body">
          <a className="govuk-link" href="/account/data" download>
            Download everything Nettle holds about you
          </a>{" "}
          (a JSON file).
        </p>

        <h2 className="govuk-heading-m">Delete your account</h2>
        <p className="govuk-body">
          Your personal data is removed. Work you contributed stays, credited to “former member”.
        </p>
        <Link
          className="govuk-button govuk-button--warning"
          data-module="govuk-button"
          role="button"
          draggable={false}
          to="/account/delete"
        >
          Delete your account
        </Link>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Your account – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

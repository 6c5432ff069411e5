import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { TakingPart } from "~/components/accounts/following";
import { InvitationsWaiting } from "~/components/accounts/invitations-waiting";
import { ProfileForm, useProfileForm } from "~/components/accounts/profile-form";
import { ProfileCard } from "~/components/profiles/profile-card";
import { RejectedClaims } from "~/components/accounts/rejected-claims";
import { SigningIn } from "~/components/accounts/signing-in";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { replyFor, summaryErrors, summaryFromReply } from "~/components/use-form";
import { accountOverview, updateProfile } from "~/models/accounts/account.server";
import { githubSignInEnabled } from "~/models/accounts/github-sign-in.server";
import { unlinkProvider } from "~/models/accounts/identity.server";
import { accountForm } from "~/models/accounts/schemas";
import { followedChallenges } from "~/models/challenges/followers.server";
import { profileSummary } from "~/models/profiles/profile.server";
import { acceptInvitationById, listInvitationsFor } from "~/models/organisations/invitation.server";
import { rejectedClaimsOf } from "~/models/organisations/verification.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [overview, invitations, rejectedClaims, skillsProfile, following] = await Promise.all([
    accountOverview(user, user.id),
    listInvitationsFor(user),
    rejectedClaimsOf(user),
    profileSummary(user, user.id),
    followedChallenges(user),
  ]);
  return {
    profile: { displayName: user.displayName, kind: user.kind, visibility: user.visibility },
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    githubAvailable: githubSignInEnabled(),
    ...overview,
    invitations,
    skillsProfile: { userId: user.id, summary: skillsProfile, hidden: user.visibility === "private" },
    following,
    rejectedClaims: rejectedClaims.map(({ id, at, council, comment }) => ({ id, at, comment, council: { name: council.name, slug: council.slug } })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return formAction(request, accountForm, async (form) => {
    switch (form.intent) {
      case "profile":
        await updateProfile(user, user.id, form);
        return redirectWithFlash("/account", { kind: "success", title: "Your profile is saved" });
      case "unlink-github":
        await unlinkProvider(user, user.id, "github");
        return redirectWithFlash("/account", { kind: "success", title: "Your GitHub account is unlinked" });
      case "accept-invitation": {
        const joined = await acceptInvitationById(user, form.invitationId ?? "");
        return redirectWithFlash(`/organisations/${joined.slug}`, {
          kind: "success",
          title: `You have joined ${joined.organisationName}`,
          body: `You are ${joined.role === "owner" ? "an owner" : "a member"}.`,
        });
      }
    }
  });
}

export default function Account() {
  const { profile, invitations, rejectedClaims, skillsProfile, following, ...signingIn } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const profileForm = useProfileForm(replyFor(reply, { intent: "profile" }), profile);
  const errors = { ...summaryFromReply(reply), ...summaryErrors(profileForm[0]) };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-xl">Your account</h1>
        <InvitationsWaiting invitations={invitations} emailVerified={signingIn.emailVerified} error={errors.invitations} />
        <RejectedClaims claims={rejectedClaims} />
        <ProfileCard profile={skillsProfile} />
        <ProfileForm profile={profileForm} />
        <SigningIn details={signingIn} githubError={errors.github} />
        <TakingPart following={following} />

        <h2 className="govuk-heading-m">Your projects</h2>
        <p className="govuk-body">
          <Link className="govuk-link" to="/account/projects">
            The teams you are in and were in
          </Link>
        </p>

        <h2 className="govuk-heading-m">Your events</h2>
        <p className="govuk-body">
          <Link className="govuk-link" to="/account/events">
            Hack days and showcases you registered for, with your tickets
          </Link>
        </p>

        <h2 className="govuk-heading-m">Challenges for you</h2>
        <p className="govuk-body">
          <Link className="govuk-link" to="/account/matches">
            Open challenges that need your skills
          </Link>
        </p>

        <h2 className="govuk-heading-m">Where you are signed in</h2>
        <p className="govuk-body">
          You are signed in on {signingIn.sessionCount === 1 ? "1 device" : `${signingIn.sessionCount} devices`}.{" "}
          <Link className="govuk-link" to="/account/sessions">
            See and sign out of your devices
          </Link>
        </p>

        <h2 className="govuk-heading-m">Saved searches</h2>
        <p className="govuk-body">
          <Link className="govuk-link" to="/account/saved-searches">
            Your saved searches
          </Link>
          : hear when a new challenge, or for council members someone new, matches what you are looking for.
        </p>

        <h2 className="govuk-heading-m">Your data</h2>
        <p className="govuk-body">
          <a className="govuk-link" href="/account/data" download>
            Download everything Nettle holds about you
          </a>{" "}
          (a JSON file).
        </p>

        <h2 className="govuk-heading-m">Delete your account</h2>
        <p className="govuk-body">Your personal data is removed. Work you contributed stays, credited to “former member”.</p>
        <Link className="govuk-button govuk-button--warning" data-module="govuk-button" role="button" draggable={false} to="/account/delete">
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

import { Form, Link } from "@remix-run/react";
import type { CouncilState } from "~/models/organisations/labels";
import { formatDate } from "~/components/organisations/format";

// Where an organisation stands on Nettle, at the top of its page: verified or not, and for a
// council, whether someone has claimed it and what this person can do about it.

export function OrganisationStatus({ verified }: { verified: boolean }) {
  return (
    <>
      <p className="govuk-body">
        {verified ? (
          <strong className="govuk-tag govuk-tag--green">Verified</strong>
        ) : (
          <strong className="govuk-tag govuk-tag--grey">Not yet verified</strong>
        )}
      </p>
      {verified ? null : (
        <p className="govuk-body">
          A hub organiser has not yet confirmed who represents this organisation on Nettle. Its challenges can be
          published once it is verified.
        </p>
      )}
    </>
  );
}

export interface CouncilStatusProps {
  slug: string;
  name: string;
  council: {
    state: CouncilState;
    verifiedAt: Date | string | null;
    verifiedByName: string | null;
    claimedAt: Date | string | null;
    claimedByYou: boolean;
    represented: boolean;
  };
  claim: ClaimProps;
}

export function CouncilStatus({ slug, name, council, claim }: CouncilStatusProps) {
  if (council.state === "verified") {
    return (
      <>
        <p className="govuk-body">
          <strong className="govuk-tag govuk-tag--green">Verified</strong>
        </p>
        <p className="govuk-body">
          {council.verifiedByName && council.verifiedAt
            ? `A hub organiser, ${council.verifiedByName}, confirmed on ${formatDate(council.verifiedAt)} who represents ${name} on Nettle.`
            : `A hub organiser has confirmed who represents ${name} on Nettle.`}
        </p>
      </>
    );
  }
  if (council.state === "claimed") {
    return (
      <>
        <p className="govuk-body">
          <strong className="govuk-tag govuk-tag--yellow">Claimed – waiting for a hub organiser</strong>
        </p>
        <p className="govuk-body">
          {council.claimedByYou
            ? `You claimed ${name}${council.claimedAt ? ` on ${formatDate(council.claimedAt)}` : ""}. A hub organiser will check that you work for it. We will email you when they have decided.`
            : `Someone who says they work for ${name} has claimed it. A hub organiser is checking the claim.`}
        </p>
        {council.claimedByYou ? (
          <Form method="post">
            <input type="hidden" name="intent" value="withdraw-claim" />
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Withdraw your claim
            </button>
          </Form>
        ) : null}
      </>
    );
  }
  return (
    <>
      <p className="govuk-body">
        <strong className="govuk-tag govuk-tag--grey">Not yet verified</strong>
      </p>
      <p className="govuk-body">
        {council.represented
          ? `A hub organiser has not yet confirmed who represents ${name} on Nettle.`
          : `Nobody represents ${name} on Nettle yet. Its challenges can be published once an officer has claimed it and a hub organiser has verified the claim.`}
      </p>
      {council.represented ? null : <ClaimCouncil slug={slug} name={name} {...claim} />}
    </>
  );
}

interface ClaimProps {
  canClaim: boolean;
  confirming: boolean;
  /** Null for someone not signed in. */
  viewer: { emailVerified: boolean } | null;
  signInHref: string;
}

function ClaimCouncil({ slug, name, canClaim, confirming, viewer, signInHref }: ClaimProps & { slug: string; name: string }) {
  if (confirming) {
    return (
      <div className="govuk-inset-text">
        <h2 className="govuk-heading-m">Claim {name}</h2>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            You must work for {name} to claim it. A hub organiser will check your claim before {name} can publish
            challenges, and will remove you if you do not work there.
          </strong>
        </div>
        <p className="govuk-body">
          You will become the council&apos;s first owner on Nettle, and can invite colleagues once it is verified.
        </p>
        <Form method="post" className="govuk-button-group">
          <input type="hidden" name="intent" value="claim" />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Confirm claim
          </button>
          <Link className="govuk-link" to={`/organisations/${slug}`}>
            Cancel
          </Link>
        </Form>
      </div>
    );
  }
  if (canClaim) {
    return (
      <Form method="get">
        <input type="hidden" name="claim" value="confirm" />
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Claim this council
        </button>
      </Form>
    );
  }
  if (!viewer) {
    return (
      <p className="govuk-body">
        Do you work for {name}?{" "}
        <Link className="govuk-link" to={signInHref}>
          Sign in to claim this council
        </Link>
        .
      </p>
    );
  }
  if (!viewer.emailVerified) {
    return (
      <p className="govuk-body">
        Do you work for {name}?{" "}
        <Link className="govuk-link" to="/verify-email">
          Confirm your email address
        </Link>{" "}
        to claim this council.
      </p>
    );
  }
  return null;
}

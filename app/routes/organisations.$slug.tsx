import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CouncilChallenges } from "~/components/council-challenges";
import { CouncilChallengesAdmin } from "~/components/council-challenges-admin";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { listUnfinishedChallenges } from "~/models/challenges/draft.server";
import { listCouncilChallenges } from "~/models/challenges/search.server";
import { RuleError } from "~/models/organisations/membership.server";
import { organisationKindLabels } from "~/models/organisations/labels";
import { getOrganisationBySlug } from "~/models/organisations/organisation.server";
import { can, membershipRole, requirePermission } from "~/models/platform/permissions.server";
import { claimCouncil, councilState, withdrawClaim } from "~/models/organisations/verification.server";
import { getUser, requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { badRequest, readForm } from "~/services/form.server";
import { renderMarkdown } from "~/services/markdown.server";

async function loadOrganisation(slug: string | undefined) {
  const org = await getOrganisationBySlug(slug ?? "");
  if (!org) throw new Response("Not found", { status: 404 });
  return org;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const org = await loadOrganisation(params.slug);
  const user = await getUser(request);
  const ref = { id: org.id, name: org.name, kind: org.kind, region: org.region };
  const [council, canClaim, canViewMembers, role, challenges] = await Promise.all([
    org.kind === "council" ? councilState(org.id) : null,
    can(user, "council:claim", ref),
    can(user, "organisation:view-members", ref),
    user ? membershipRole(user.id, org.id) : null,
    org.kind === "council" ? listCouncilChallenges(org.id) : null,
  ]);
  const claimUrl = `/organisations/${org.slug}?claim=confirm`;
  // The council's own members see its drafts and challenges in review (council-challenges-admin).
  const unfinishedChallenges = role && org.kind === "council" ? await listUnfinishedChallenges(org.id) : null;
  return {
    slug: org.slug,
    name: org.name,
    officialName: org.officialName,
    kind: org.kind,
    gssCode: org.gssCode,
    localAuthorityCode: org.localAuthorityCode,
    region: org.region,
    nation: org.nation,
    councilTypeName: org.councilTypeName,
    population: org.population,
    website: org.website,
    descriptionHtml: org.description ? renderMarkdown(org.description) : null,
    verified: org.verifiedAt !== null,
    council: council && {
      state: council.state,
      verifiedAt: council.verifiedAt,
      verifiedByName: council.verifiedByName,
      claimedAt: council.claimedAt,
      claimedByYou: user !== null && council.claimedById === user.id,
      represented: council.memberCount > 0,
    },
    viewer: user ? { emailVerified: user.emailVerifiedAt !== null, role } : null,
    unfinishedChallenges,
    challenges,
    canClaim,
    canViewMembers,
    confirmingClaim: canClaim && new URL(request.url).searchParams.get("claim") === "confirm",
    signInHref: `/signin?redirectTo=${encodeURIComponent(claimUrl)}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const org = await loadOrganisation(params.slug);
  const form = await readForm(request);
  if (form.get("intent") === "withdraw-claim") {
    try {
      await withdrawClaim(user, org.id);
    } catch (error) {
      if (error instanceof RuleError) return data({ errors: { form: error.message } }, { status: error.status });
      throw error;
    }
    return redirectWithFlash(`/organisations/${org.slug}`, {
      kind: "success",
      title: `You have withdrawn your claim to ${org.name}`,
      body: "Nobody represents it on Nettle now. It can be claimed again.",
    });
  }
  if (form.get("intent") !== "claim") throw badRequest("Nettle did not understand that request.");
  await requirePermission(user, "council:claim", { id: org.id, name: org.name, kind: org.kind, region: org.region });
  try {
    await claimCouncil(user, org.id);
  } catch (error) {
    if (error instanceof RuleError) return data({ errors: { form: error.message } }, { status: error.status });
    throw error;
  }
  return redirectWithFlash(`/organisations/${org.slug}`, {
    kind: "success",
    title: `You have claimed ${org.name}`,
    body: "A hub organiser will check that you work for it. We will email you when they have decided.",
  });
}

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

export default function Organisation() {
  const org = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const rows: [string, string | null][] = [
    ["Kind", organisationKindLabels[org.kind]],
    ["Official name", org.officialName],
    ["Type", org.councilTypeName],
    ["Region", org.region],
    ["Nation", org.nation],
    ["Population (2020)", org.population === null ? null : new Intl.NumberFormat("en-GB").format(org.population)],
    ["GSS code", org.gssCode],
    ["Local authority code", org.localAuthorityCode],
  ];
  return (
    <>
      <Link className="govuk-back-link" to="/organisations">
        All organisations
      </Link>
      <ErrorSummary errors={result?.errors} />
      <span className="govuk-caption-l">{organisationKindLabels[org.kind]}</span>
      <h1 className="govuk-heading-xl">{org.name}</h1>
      {org.council ? <CouncilStatus /> : <OrganisationStatus verified={org.verified} />}
      {org.viewer?.role ? (
        <p className="govuk-body">
          You are {org.viewer.role === "owner" ? "an owner" : "a member"} of {org.name}.
        </p>
      ) : null}
      {org.unfinishedChallenges ? (
        <CouncilChallengesAdmin
          slug={org.slug}
          name={org.name}
          verified={org.verified}
          challenges={org.unfinishedChallenges}
        />
      ) : null}
      {org.canViewMembers ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/organisations/${org.slug}/members`}>
            Members{org.viewer?.role === "owner" ? " and invitations" : ""}
          </Link>
        </p>
      ) : null}
      {/* Sanitised by renderMarkdown on the server, like every user-written text. */}
      {org.descriptionHtml ? <div dangerouslySetInnerHTML={{ __html: org.descriptionHtml }} /> : null}
      <dl className="govuk-summary-list">
        {rows
          .filter((row): row is [string, string] => row[1] !== null)
          .map(([key, value]) => (
            <div className="govuk-summary-list__row" key={key}>
              <dt className="govuk-summary-list__key">{key}</dt>
              <dd className="govuk-summary-list__value">{value}</dd>
            </div>
          ))}
      </dl>
      {org.kind === "council" ? (
        <p className="govuk-body-s">Council details from mySociety&apos;s UK local authority register, CC BY 4.0.</p>
      ) : null}
      {org.challenges ? <CouncilChallenges councilName={org.name} challenges={org.challenges} /> : null}
    </>
  );
}

function OrganisationStatus({ verified }: { verified: boolean }) {
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

function CouncilStatus() {
  const org = useLoaderData<typeof loader>();
  const council = org.council!;
  if (council.state === "verified") {
    return (
      <>
        <p className="govuk-body">
          <strong className="govuk-tag govuk-tag--green">Verified</strong>
        </p>
        <p className="govuk-body">
          {council.verifiedByName && council.verifiedAt
            ? `A hub organiser, ${council.verifiedByName}, confirmed on ${dateFormat.format(new Date(council.verifiedAt))} who represents ${org.name} on Nettle.`
            : `A hub organiser has confirmed who represents ${org.name} on Nettle.`}
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
            ? `You claimed ${org.name}${council.claimedAt ? ` on ${dateFormat.format(new Date(council.claimedAt))}` : ""}. A hub organiser will check that you work for it. We will email you when they have decided.`
            : `Someone who says they work for ${org.name} has claimed it. A hub organiser is checking the claim.`}
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
          ? `A hub organiser has not yet confirmed who represents ${org.name} on Nettle.`
          : `Nobody represents ${org.name} on Nettle yet. Its challenges can be published once an officer has claimed it and a hub organiser has verified the claim.`}
      </p>
      {council.represented ? null : <ClaimCouncil />}
    </>
  );
}

function ClaimCouncil() {
  const org = useLoaderData<typeof loader>();
  if (org.confirmingClaim) {
    return (
      <div className="govuk-inset-text">
        <h2 className="govuk-heading-m">Claim {org.name}</h2>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            You must work for {org.name} to claim it. A hub organiser will check your claim before {org.name} can
            publish challenges, and will remove you if you do not work there.
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
          <Link className="govuk-link" to={`/organisations/${org.slug}`}>
            Cancel
          </Link>
        </Form>
      </div>
    );
  }
  if (org.canClaim) {
    return (
      <Form method="get">
        <input type="hidden" name="claim" value="confirm" />
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Claim this council
        </button>
      </Form>
    );
  }
  if (!org.viewer) {
    return (
      <p className="govuk-body">
        Do you work for {org.name}?{" "}
        <Link className="govuk-link" to={org.signInHref}>
          Sign in to claim this council
        </Link>
        .
      </p>
    );
  }
  if (!org.viewer.emailVerified) {
    return (
      <p className="govuk-body">
        Do you work for {org.name}?{" "}
        <Link className="govuk-link" to="/verify-email">
          Confirm your email address
        </Link>{" "}
        to claim this council.
      </p>
    );
  }
  return null;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.name} – Nettle` : "Organisation not found – Nettle" },
];

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <p className="govuk-body">
            There is no organisation at this address.{" "}
            <Link className="govuk-link" to="/organisations">
              Search all organisations
            </Link>
            .
          </p>
        ),
      }}
    />
  );
}

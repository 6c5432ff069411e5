import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CouncilChallenges } from "~/components/council-challenges";
import { CouncilChallengesAdmin } from "~/components/council-challenges-admin";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { CouncilStatus, OrganisationStatus } from "~/components/organisations/organisation-status";
import { summaryFromReply } from "~/components/use-form";
import { listUnfinishedChallenges } from "~/models/challenges/draft.server";
import { listCouncilChallenges } from "~/models/challenges/search.server";
import { organisationKindLabels } from "~/models/organisations/labels";
import { findOrganisation, organisationPage } from "~/models/organisations/organisation.server";
import { organisationForm } from "~/models/organisations/schemas";
import { claimCouncil, withdrawClaim } from "~/models/organisations/verification.server";
import { getUser, requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { id, role, canClaim, ...org } = await organisationPage(user, params.slug ?? "");
  const claimUrl = `/organisations/${org.slug}?claim=confirm`;
  const [unfinishedChallenges, challenges] = await Promise.all([
    // The council's own members see its drafts and challenges in review (council-challenges-admin).
    org.kind === "council" ? listUnfinishedChallenges(user, id) : null,
    org.kind === "council" ? listCouncilChallenges(id) : null,
  ]);
  return {
    ...org,
    viewer: user ? { emailVerified: user.emailVerifiedAt !== null, role } : null,
    unfinishedChallenges,
    challenges,
    canClaim,
    confirmingClaim: canClaim && new URL(request.url).searchParams.get("claim") === "confirm",
    signInHref: `/signin?redirectTo=${encodeURIComponent(claimUrl)}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const org = await findOrganisation(params.slug ?? "");
  const page = `/organisations/${org.slug}`;
  return formAction(request, organisationForm, async (form) => {
    if (form.intent === "withdraw-claim") {
      await withdrawClaim(user, org.id);
      return redirectWithFlash(page, {
        kind: "success",
        title: `You have withdrawn your claim to ${org.name}`,
        body: "Nobody represents it on Nettle now. It can be claimed again.",
      });
    }
    await claimCouncil(user, org.id);
    return redirectWithFlash(page, {
      kind: "success",
      title: `You have claimed ${org.name}`,
      body: "A hub organiser will check that you work for it. We will email you when they have decided.",
    });
  });
}

export default function Organisation() {
  const org = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
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
      <ErrorSummary errors={summaryFromReply(reply)} />
      <span className="govuk-caption-l">{organisationKindLabels[org.kind]}</span>
      <h1 className="govuk-heading-xl">{org.name}</h1>
      {org.council ? (
        <CouncilStatus
          slug={org.slug}
          name={org.name}
          council={org.council}
          claim={{ canClaim: org.canClaim, confirming: org.confirmingClaim, viewer: org.viewer, signInHref: org.signInHref }}
        />
      ) : (
        <OrganisationStatus verified={org.verified} />
      )}
      {org.viewer?.role ? (
        <p className="govuk-body">
          You are {org.viewer.role === "owner" ? "an owner" : "a member"} of {org.name}.
        </p>
      ) : null}
      {org.viewer?.role && org.kind === "council" ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/account/saved-searches/new?target=people&organisation=${org.slug}`}>
            Hear when someone with the skills you need joins Nettle
          </Link>
        </p>
      ) : null}
      {org.unfinishedChallenges ? (
        <CouncilChallengesAdmin slug={org.slug} name={org.name} verified={org.verified} challenges={org.unfinishedChallenges} />
      ) : null}
      {org.kind === "council" && (org.viewer?.role || org.canViewMembers) ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/organisations/${org.slug}/projects`}>
            Projects<span className="govuk-visually-hidden"> of {org.name}</span>
          </Link>
          : the teams working on {org.name}&apos;s challenges and what they have delivered
        </p>
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

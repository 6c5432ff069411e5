import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { organisationKindLabels } from "~/models/organisation";
import { getOrganisationBySlug } from "~/models/organisation.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const org = await getOrganisationBySlug(params.slug ?? "");
  if (!org) throw new Response("Not found", { status: 404 });
  return {
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
    description: org.description,
    verified: org.verifiedAt !== null,
  };
}

export default function Organisation() {
  const org = useLoaderData<typeof loader>();
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
      <span className="govuk-caption-l">{organisationKindLabels[org.kind]}</span>
      <h1 className="govuk-heading-xl">{org.name}</h1>
      <p className="govuk-body">
        {org.verified ? (
          <strong className="govuk-tag govuk-tag--green">Verified</strong>
        ) : (
          <strong className="govuk-tag govuk-tag--grey">Not yet verified</strong>
        )}
      </p>
      {org.verified ? null : (
        <p className="govuk-body">
          A hub organiser has not yet confirmed who represents this organisation on Nettle. Its challenges can be
          published once it is verified.
        </p>
      )}
      {org.description ? <p className="govuk-body">{org.description}</p> : null}
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
            There is no organisation at this address. <Link className="govuk-link" to="/organisations">Search all organisations</Link>.
          </p>
        ),
      }}
    />
  );
}

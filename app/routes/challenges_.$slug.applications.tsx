import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ApplicationStatusTag } from "~/components/applications/status-tag";
import { formatDate } from "~/components/council-challenges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { applicationsForChallenge } from "~/models/applications/applications.server";
import { applicationDirectionLabels } from "~/models/applications/labels";
import { requireUser } from "~/services/auth.server";

// A challenge's offers of help, invitations and team, for its council and the hubs that review it.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return applicationsForChallenge(user, params.slug ?? "");
}

export default function ChallengeApplications() {
  const page = useLoaderData<typeof loader>();
  const { challenge } = page;
  const waiting = page.applications.filter((a) => a.status === "pending");
  const answered = page.applications.filter((a) => a.status !== "pending");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/challenges/${challenge.slug}`}>
          {challenge.title}
        </Link>
        <span className="govuk-caption-l">{challenge.title}</span>
        <h1 className="govuk-heading-l">Offers of help and invitations</h1>
        {page.councilMember ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={`/challenges/${challenge.slug}/people`}>
              Find people for this challenge
            </Link>
          </p>
        ) : null}

        <h2 className="govuk-heading-m">The team</h2>
        <p className="govuk-body">
          {challenge.teamSizeMax ? `${page.team.length} of ${challenge.teamSizeMax} places are taken.` : `${page.team.length} people are in the team.`}
        </p>
        {page.team.length > 0 ? (
          <ul className="govuk-list govuk-list--bullet">
            {page.team.map((m) => (
              <li key={m.id}>
                {m.person.name}
                {m.role ? `, ${m.role}` : ""} ({m.hoursPerWeek} hours a week)
              </li>
            ))}
          </ul>
        ) : null}

        <h2 className="govuk-heading-m">Waiting for an answer</h2>
        <ApplicationList items={waiting} empty="Nothing is waiting for an answer." />
        <h2 className="govuk-heading-m">Answered</h2>
        <ApplicationList items={answered} empty="Nothing has been answered yet." />
      </div>
    </div>
  );
}

function ApplicationList({
  items,
  empty,
}: {
  items: ReturnType<typeof useLoaderData<typeof loader>>["applications"];
  empty: string;
}) {
  if (items.length === 0) return <p className="govuk-body">{empty}</p>;
  return (
    <ul className="govuk-list">
      {items.map((a) => (
        <li key={a.id} className="govuk-!-margin-bottom-4">
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
            <Link className="govuk-link" to={`/applications/${a.id}`}>
              {a.person.name}
              {a.role ? `, ${a.role}` : ""}
            </Link>
          </h3>
          <p className="govuk-body govuk-!-margin-bottom-1">
            {applicationDirectionLabels[a.direction]} · {formatDate(a.createdAt)}
          </p>
          <ApplicationStatusTag status={a.status} />
        </li>
      ))}
    </ul>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Offers of help – ${data.challenge.title} – Nettle` : "Offers of help – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

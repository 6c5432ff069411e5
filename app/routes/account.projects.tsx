import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "~/components/council-challenges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OversightList } from "~/components/projects/oversight-list";
import { listMyProjects } from "~/models/projects/lists.server";
import { requireUser } from "~/services/auth.server";

// The teams a person is in and was in.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return listMyProjects(user);
}

export default function MyProjects() {
  const { current, past } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/account">
          Your account
        </Link>
        <h1 className="govuk-heading-l">Your projects</h1>
        <h2 className="govuk-heading-m">Teams you are in</h2>
        {current.length === 0 ? (
          <p className="govuk-body">
            You are not in a team at the moment. When a council accepts your offer to help, you join the challenge&apos;s
            team and its project appears here.{" "}
            <Link className="govuk-link" to="/account/matches">
              Find challenges that need your skills
            </Link>
            .
          </p>
        ) : (
          <>
            <ul className="govuk-list">
              {current.map((place) => (
                <li key={place.project.slug} className="govuk-body-s govuk-!-margin-bottom-1">
                  {place.project.title}: you are {place.teamRole === "lead" ? "the lead" : "a member"}
                  {place.role ? ` (${place.role})` : ""}, since {formatDate(place.joinedAt)}
                </li>
              ))}
            </ul>
            <OversightList items={current.map((place) => place.project)} />
          </>
        )}
        {past.length > 0 ? (
          <>
            <h2 className="govuk-heading-m">Teams you were in</h2>
            <ul className="govuk-list">
              {past.map((place) => (
                <li key={place.project.slug}>
                  <Link className="govuk-link" to={`/projects/${place.project.slug}`}>
                    {place.project.title}
                  </Link>{" "}
                  <span className="govuk-body-s">
                    – {place.project.council.name}; you left on {formatDate(place.leftAt!)}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Your projects – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

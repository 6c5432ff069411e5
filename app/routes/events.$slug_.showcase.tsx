import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { showcase } from "~/models/showcase/showcase.server";
import { getUser } from "~/services/auth.server";

// The event's showcase: every team with its challenge, summary, demo, project, published
// outcome and announced awards, in presentation order. Public for published and finished events.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return showcase(user, params.slug ?? "");
}

export default function ShowcaseRoute() {
  const { event, teams } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/events/${event.slug}`}>
          {event.title}
        </Link>
        <span className="govuk-caption-l">
          {event.title} · {event.when}
        </span>
        <h1 className="govuk-heading-l">Showcase</h1>
        {teams.length === 0 ? (
          <p className="govuk-body">No teams have formed yet. Teams and their work appear here once they do.</p>
        ) : (
          <>
            <p className="govuk-body">
              {teams.length === 1 ? "1 team" : `${teams.length} teams`}.{" "}
              <Link className="govuk-link" to={`/events/${event.slug}/present`}>
                Present the teams<span className="govuk-visually-hidden"> one per screen</span>
              </Link>
            </p>
            <ol className="govuk-list nettle-showcase" aria-label="Teams">
              {teams.map((team) => (
                <li key={team.id} className="govuk-!-margin-bottom-6">
                  <h2 className="govuk-heading-m govuk-!-margin-bottom-1">{team.name}</h2>
                  {team.awards.length ? (
                    <p className="govuk-body">
                      {team.awards.map((award) => (
                        <strong key={award.name} className="govuk-tag govuk-tag--yellow govuk-!-margin-right-1">
                          {award.name}
                        </strong>
                      ))}
                    </p>
                  ) : null}
                  <p className="govuk-body govuk-!-margin-bottom-1">
                    Challenge:{" "}
                    {team.challenge.slug ? (
                      <Link className="govuk-link" to={`/challenges/${team.challenge.slug}`}>
                        {team.challenge.title}
                      </Link>
                    ) : (
                      team.challenge.title
                    )}
                  </p>
                  {team.summary ? <p className="govuk-body govuk-!-margin-bottom-1">{team.summary}</p> : null}
                  <ul className="govuk-list">
                    {team.demoUrl ? (
                      <li>
                        <a className="govuk-link" href={team.demoUrl} rel="noopener noreferrer nofollow">
                          Demo<span className="govuk-visually-hidden"> of {team.name}</span>
                        </a>
                      </li>
                    ) : null}
                    {team.project ? (
                      <li>
                        <Link className="govuk-link" to={`/projects/${team.project.slug}`}>
                          Project<span className="govuk-visually-hidden">: {team.project.title}</span>
                        </Link>
                      </li>
                    ) : null}
                    {team.outcome ? (
                      <li>
                        <Link className="govuk-link" to={`/outcomes/${team.outcome.slug}`}>
                          Published outcome<span className="govuk-visually-hidden">: {team.outcome.title}</span>
                        </Link>
                      </li>
                    ) : null}
                  </ul>
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Showcase – ${data.event.title} – Nettle` : "Showcase not found – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

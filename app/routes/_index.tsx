import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { errorTitle, GeneralErrorBoundary } from "~/components/error-boundary";
import { getHomeStats } from "~/models/platform/stats.server";
import type { RootData } from "~/root";

const numberFormat = new Intl.NumberFormat("en-GB");
const pluralRules = new Intl.PluralRules("en-GB");

export async function loader() {
  const stats = await getHomeStats();
  return { stats };
}

export default function Home() {
  const { stats } = useLoaderData<typeof loader>();
  const signedIn = Boolean(useRouteLoaderData<RootData>("root")?.viewer);

  const figures = [
    { value: stats.councils, one: "council on Nettle", other: "councils on Nettle" },
    { value: stats.verifiedCouncils, one: "council verified by a hub", other: "councils verified by a hub" },
    { value: stats.skills, one: "skill to choose from", other: "skills to choose from" },
    { value: stats.universities, one: "university", other: "universities" },
    { value: stats.hubs, one: "data hub", other: "data hubs" },
    { value: stats.communityGroups, one: "community group", other: "community groups" },
  ];

  return (
    <>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Solve local data problems together</h1>
          <p className="govuk-body-l">
            Nettle brings councils together with volunteers, students and academics who have the data skills to help
            them. Councils describe a problem and the data behind it, people with the right skills are matched to it,
            and the regional data hub keeps track of what gets done.
          </p>
          <div className="govuk-button-group">
            {signedIn ? null : (
              <Link to="/signup" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
                Create an account
              </Link>
            )}
            <Link to="/challenges/new" role="button" draggable="false" className={signedIn ? "govuk-button" : "govuk-button govuk-button--secondary"} data-module="govuk-button">
              Post a challenge
            </Link>
            <Link className="govuk-link" to="/challenges">
              Browse challenges
            </Link>
          </div>
        </div>
      </div>

      <h2 className="govuk-heading-l" id="in-numbers">
        Nettle in numbers
      </h2>
      {stats.councils === 0 ? (
        <div className="govuk-inset-text">
          <p className="govuk-body">No councils have been added to Nettle yet.</p>
          <p className="govuk-body">
            If you look after this Nettle site, load the register of UK councils by running <code>npm run seed</code>.
          </p>
        </div>
      ) : null}
      <ul className="nettle-stats" aria-labelledby="in-numbers">
        {figures.map((figure) => (
          <li className="nettle-stats__card" key={figure.other}>
            <span className="nettle-stats__value">{numberFormat.format(figure.value)}</span>{" "}
            <span className="nettle-stats__label">
              {pluralRules.select(figure.value) === "one" ? figure.one : figure.other}
            </span>
          </li>
        ))}
      </ul>

      <h2 className="govuk-heading-l">How Nettle helps you</h2>
      <div className="govuk-grid-row">
        <section className="govuk-grid-column-one-third nettle-audience" aria-labelledby="for-councils">
          <h3 className="govuk-heading-m" id="for-councils">
            If you work for a council
          </h3>
          <p className="govuk-body">
            Post a problem your council wants to understand better, such as missed bin collections or which streets
            flood first.
          </p>
          <ul className="govuk-list govuk-list--bullet">
            <li>say what data you have, how sensitive it is and how people can get it</li>
            <li>find people with the skills the problem needs</li>
            <li>follow the team’s progress and sign off what they deliver</li>
          </ul>
        </section>

        <section className="govuk-grid-column-one-third nettle-audience" aria-labelledby="for-volunteers">
          <h3 className="govuk-heading-m" id="for-volunteers">
            If you are a volunteer, student or academic
          </h3>
          <p className="govuk-body">Use your skills on real local problems, for a few hours or a whole project.</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>list your skills and when you are free</li>
            <li>get challenges that match what you can do</li>
            <li>join a team, link your code and publish what you found</li>
          </ul>
        </section>

        <section className="govuk-grid-column-one-third nettle-audience" aria-labelledby="for-organisers">
          <h3 className="govuk-heading-m" id="for-organisers">
            If you run a data hub
          </h3>
          <p className="govuk-body">Keep the bookkeeping for your region in one place instead of in spreadsheets.</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>verify councils and review their challenges</li>
            <li>run hack days, from registration to awards</li>
            <li>report what the hub has achieved</li>
          </ul>
        </section>
      </div>

      <p className="govuk-body">
        <Link className="govuk-link" to="/organisations">
          See the councils and other organisations on Nettle
        </Link>{" "}
        or{" "}
        <Link className="govuk-link" to="/about">
          read more about Nettle
        </Link>
        .
      </p>
    </>
  );
}

export const meta: MetaFunction = ({ error }) => [
  { title: error ? `${errorTitle(error)} – Nettle` : "Nettle – regional public data hub" },
  {
    name: "description",
    content:
      "Nettle matches council data problems with volunteers, students and academics who have the skills to solve them.",
  },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

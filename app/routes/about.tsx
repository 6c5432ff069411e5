import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export default function About() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">About Nettle</h1>
        <p className="govuk-body-l">Nettle is free, open-source software for running a regional public data hub.</p>

        <h2 className="govuk-heading-m">What a data hub is</h2>
        <p className="govuk-body">
          A data hub is a group that helps the councils in a region make better use of their data. It pools people who
          would not otherwise work together: council officers who know the local problems, and volunteers, students and
          academics who know how to analyse data.
        </p>
        <p className="govuk-body">
          Councils post “challenges” – local problems that data could help with. People are matched to them by skill,
          form teams, and publish what they find. Hub organisers check the councils and challenges, run hack days, and
          report what the hub has achieved.
        </p>
        <p className="govuk-body">
          Nettle does the bookkeeping for all of this, so a hub does not have to run on spreadsheets and email.
        </p>

        <h2 className="govuk-heading-m">The open data Nettle uses</h2>
        <p className="govuk-body">
          The names and official codes of UK councils come from{" "}
          <a className="govuk-link" href="https://github.com/mysociety/uk_local_authority_names_and_codes">
            {"mySociety's UK local authority register"}
          </a>
          . It is published under the{" "}
          <a className="govuk-link" href="https://creativecommons.org/licenses/by/4.0/">
            Creative Commons Attribution 4.0 licence (CC BY 4.0)
          </a>
          . Using the same codes as other public data means anything Nettle exports can be joined with it.
        </p>
        <p className="govuk-body">Contains data from {"mySociety's"} UK local authority register, CC BY 4.0.</p>

        <h2 className="govuk-heading-m">Open source</h2>
        <p className="govuk-body">
          Nettle is open source under the{" "}
          <a className="govuk-link" href="https://opensource.org/license/mit">
            MIT licence
          </a>
          . Anyone can run it for their own region, change it, or help improve it. The{" "}
          <a className="govuk-link" href="https://github.com/nettle-hub/nettle">
            source code is on GitHub
          </a>
          , where you can also{" "}
          <a className="govuk-link" href="https://github.com/nettle-hub/nettle/issues">
            report a problem or suggest a change
          </a>
          .
        </p>
        <p className="govuk-body">
          Nettle is not a government service. Its pages are built with the open-source GOV.UK Frontend (MIT licence)
          because its patterns are tested with a wide range of users, including disabled people.
        </p>

        <p className="govuk-body">
          <Link className="govuk-link" to="/">
            Go to the Nettle home page
          </Link>
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [
  { title: "About Nettle – Nettle" },
  {
    name: "description",
    content: "What a regional public data hub is, the open data Nettle uses and how Nettle is licensed.",
  },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

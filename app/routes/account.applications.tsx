import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ApplicationStatusTag } from "~/components/applications/status-tag";
import { formatDate } from "~/components/council-challenges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { applicationsOf } from "~/models/applications/applications.server";
import { applicationDirectionLabels } from "~/models/applications/labels";
import { requireUser } from "~/services/auth.server";

// A participant's offers of help and the invitations they received.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { applications: await applicationsOf(user) };
}

export default function YourApplications() {
  const { applications } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/account">
          Your account
        </Link>
        <h1 className="govuk-heading-l">Your applications</h1>
        {applications.length === 0 ? (
          <p className="govuk-body">
            You have not offered to help with a challenge yet, and nobody has invited you.{" "}
            <Link className="govuk-link" to="/challenges">
              Find a challenge
            </Link>
            .
          </p>
        ) : (
          <ul className="govuk-list">
            {applications.map((a) => (
              <li key={a.id} className="govuk-!-margin-bottom-4">
                <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                  <Link className="govuk-link" to={`/applications/${a.id}`}>
                    {a.challenge.title}
                  </Link>
                </h2>
                <p className="govuk-body govuk-!-margin-bottom-1">
                  {applicationDirectionLabels[a.direction]} · {a.challenge.council} · {formatDate(a.createdAt)}
                </p>
                <ApplicationStatusTag status={a.status} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Your applications – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

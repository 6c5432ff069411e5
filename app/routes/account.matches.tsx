import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MatchExplanation, MatchingDegradedNotice } from "~/components/matching/explanation";
import { Pagination } from "~/components/pagination";
import { ResultCount } from "~/components/result-count";
import { challengesForPerson } from "~/models/matching/challenges-for-me.server";
import { matchesPageSchema } from "~/models/matching/schemas";
import { requireUser } from "~/services/auth.server";

// "Challenges for you": open challenges ranked for the signed-in person's own skills (and the
// broader skills they imply), interests and region, each with the reasons in words.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { page } = matchesPageSchema.parse({ page: new URL(request.url).searchParams.get("page") ?? undefined });
  const result = await challengesForPerson(user, { page });
  if (result.kind !== "results") return { kind: "empty" as const, reason: result.kind };
  return {
    kind: "results" as const,
    total: result.total,
    page: result.page,
    totalPages: result.totalPages,
    hours: result.hours,
    atCapacity: result.atCapacity,
    degraded: result.degraded,
    challenges: result.results.map((r) => ({
      slug: r.slug,
      title: r.title,
      councilName: r.councilName,
      explanation: r.explanation,
    })),
  };
}

export default function ChallengesForYou() {
  const data = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/account">
          Your account
        </Link>
        <h1 className="govuk-heading-l">Challenges for you</h1>
        {data.kind === "empty" ? (
          <>
            <p className="govuk-body">
              {data.reason === "no-profile"
                ? "Add your skills to your profile and Nettle will show you open challenges that need them."
                : "Your profile has no skills yet. Add them and Nettle will show you open challenges that need them."}
            </p>
            <p className="govuk-body">
              <Link className="govuk-link" to="/account/profile">
                Add your skills
              </Link>
            </p>
          </>
        ) : (
          <>
            <p className="govuk-body">
              Ranked by how well your skills fit what each challenge needs, then your interests and region. Your time:{" "}
              {data.hours.charAt(0).toLowerCase() + data.hours.slice(1)}.
            </p>
            {data.atCapacity ? (
              <div className="govuk-inset-text">
                Your hours are all given to teams at the moment. Councils will see that when they look for people.{" "}
                <Link className="govuk-link" to="/account/profile">
                  Change your hours
                </Link>
              </div>
            ) : null}
            {data.degraded ? <MatchingDegradedNotice /> : null}
            <ResultCount total={data.total} one="open challenge fits" many="open challenges fit" />
            {data.challenges.length === 0 ? (
              <p className="govuk-body">
                No open challenge needs your skills yet.{" "}
                <Link className="govuk-link" to="/challenges">
                  Browse all challenges
                </Link>
              </p>
            ) : (
              <ol className="govuk-list nettle-results">
                {data.challenges.map((c) => (
                  <li key={c.slug} className="nettle-results__item">
                    <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                      <Link className="govuk-link" to={`/challenges/${c.slug}`}>
                        {c.title}
                      </Link>
                    </h2>
                    <p className="govuk-body-s govuk-!-margin-bottom-2">{c.councilName}</p>
                    <MatchExplanation lines={c.explanation} />
                  </li>
                ))}
              </ol>
            )}
            <Pagination page={data.page} totalPages={data.totalPages} search={search} />
          </>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Challenges for you – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

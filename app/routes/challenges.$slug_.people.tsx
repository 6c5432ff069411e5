import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Select, TextField } from "~/components/forms";
import { MatchExplanation, MatchingDegradedNotice } from "~/components/matching/explanation";
import { Pagination } from "~/components/pagination";
import { ResultCount } from "~/components/result-count";
import { participantKindLabels, participantKindOptions } from "~/models/accounts/participant-kinds";
import { CANDIDATES, peopleForChallengeAt } from "~/models/matching/people.server";
import { MAX_HOURS, readPeopleFilters } from "~/models/matching/schemas";
import { requireUser } from "~/services/auth.server";

// People for a challenge, ranked, each with the reasons in words: for the challenge's council
// and the hub organisers who review it (the model asks the challenges policy). Filters are a
// GET form, so the page works without JavaScript and a filtered list has an address.

const filterErrors: Record<string, string> = {
  kind: "Choose a kind of person from the list",
  hours: `Enter the hours free as a whole number from 1 to ${MAX_HOURS}`,
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const searchParams = new URL(request.url).searchParams;
  const { filters, ignored } = readPeopleFilters(searchParams);
  const { page, ...rest } = filters;
  const result = await peopleForChallengeAt(user, params.slug ?? "", { page, filters: rest });
  const errors = Object.fromEntries(ignored.filter((key) => filterErrors[key]).map((key) => [key, filterErrors[key]!]));
  const challenge = {
    slug: result.challenge.slug,
    title: result.challenge.title,
    councilName: result.challenge.councilName,
  };
  if (result.kind === "no-skills") return { kind: result.kind, challenge, errors };
  return {
    kind: result.kind,
    challenge,
    errors,
    total: result.total,
    page: result.page,
    totalPages: result.totalPages,
    degraded: result.degraded,
    filtered: Boolean(rest.kind || rest.remote || rest.hours),
    capped: result.total >= CANDIDATES,
    // Only what the page shows of each person.
    people: result.results.map((r) => ({
      userId: r.userId,
      name: r.name,
      headline: r.headline,
      kind: participantKindLabels[r.kind] ?? r.kind,
      profileVisible: r.profileVisible,
      atCapacity: r.match.atCapacity,
      explanation: r.explanation,
    })),
  };
}

export default function PeopleForChallenge() {
  const data = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const { challenge } = data;
  return (
    <>
      <Link className="govuk-back-link" to={`/challenges/${challenge.slug}`}>
        Back to the challenge
      </Link>
      <ErrorSummary errors={data.errors} />
      <span className="govuk-caption-l">{challenge.title}</span>
      <h1 className="govuk-heading-l">People for this challenge</h1>
      {data.kind === "no-skills" ? (
        <p className="govuk-body">
          This challenge does not list any skills yet, so nobody can be matched to it. Add the skills it needs and
          people who have them will appear here.
        </p>
      ) : (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <Form method="get" className="nettle-filters">
              <h2 className="govuk-heading-m">Filter</h2>
              <Select
                name="kind"
                label="Kind of person"
                placeholder="Anyone"
                options={participantKindOptions.map((o) => ({ value: o.value, label: o.label }))}
                defaultValue={search.get("kind") ?? ""}
                error={data.errors.kind}
              />
              <div className="govuk-form-group">
                <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                  <div className="govuk-checkboxes__item">
                    <input
                      className="govuk-checkboxes__input"
                      id="remote"
                      name="remote"
                      type="checkbox"
                      value="only"
                      defaultChecked={search.get("remote") === "only"}
                    />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor="remote">
                      Only people happy to work remotely
                    </label>
                  </div>
                </div>
              </div>
              <TextField
                name="hours"
                label="Hours a week free, at least"
                width="3"
                defaultValue={search.get("hours") ?? ""}
                error={data.errors.hours}
              />
              <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                Apply filters
              </button>
            </Form>
          </div>
          <div className="govuk-grid-column-two-thirds">
            {data.degraded ? <MatchingDegradedNotice /> : null}
            {data.capped ? (
              <p className="govuk-body">The best {data.total} matches, strongest first.</p>
            ) : (
              <ResultCount total={data.total} one="person matches" many="people match" />
            )}
            {data.people.length === 0 ? (
              <p className="govuk-body">
                {data.filtered
                  ? "Nobody matches these filters. Try fewer filters."
                  : "Nobody with these skills is available yet. People appear here as they add the skills to their profiles."}
              </p>
            ) : (
              <ol className="govuk-list nettle-results">
                {data.people.map((person) => (
                  <li key={person.userId} className="nettle-results__item">
                    <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                      {person.profileVisible ? (
                        <Link className="govuk-link" to={`/people/${person.userId}`}>
                          {person.name}
                        </Link>
                      ) : (
                        person.name
                      )}
                    </h2>
                    <p className="govuk-body-s govuk-!-margin-bottom-2">
                      {person.kind}
                      {person.headline ? ` · ${person.headline}` : ""}
                      {person.atCapacity ? (
                        <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-2">No hours free</strong>
                      ) : null}
                    </p>
                    <MatchExplanation lines={person.explanation} />
                    <Link className="govuk-link" to={`/challenges/${challenge.slug}/invite/${person.userId}`}>
                      Invite<span className="govuk-visually-hidden"> {person.name}</span>
                    </Link>
                  </li>
                ))}
              </ol>
            )}
            <Pagination page={data.page} totalPages={data.totalPages} search={search} />
          </div>
        </div>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `People for ${data.challenge.title} – Nettle` : "People for this challenge – Nettle" },
  { name: "robots", content: "noindex" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

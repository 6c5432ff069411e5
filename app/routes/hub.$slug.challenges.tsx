import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { ChallengeStatusTag, formatDate } from "~/components/council-challenges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { hubListInput, listHubChallenges } from "~/models/challenges/review.server";
import { statusLabels } from "~/models/challenges/status";
import { getHubBySlug } from "~/models/organisations/hub.server";
import { requireUser } from "~/services/auth.server";

// Every challenge from the councils a hub serves, by status: decided ones stay findable after
// they leave the dashboard's review queue. A GET form and links, so it works without JavaScript.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const hub = await getHubBySlug(params.slug ?? "");
  if (!hub) throw new Response("Not found", { status: 404 });
  const search = new URL(request.url).searchParams;
  const filter = hubListInput.parse({ status: search.get("status") ?? undefined, page: search.get("page") ?? 1 });
  const list = await listHubChallenges(user, hub, filter);
  return { hub: { name: hub.name }, status: filter.status ?? null, ...list };
}

export default function HubChallenges() {
  const page = useLoaderData<typeof loader>();
  const location = useLocation();
  const all = page.counts.reduce((sum, c) => sum + c.count, 0);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/hub">
          Hub dashboard
        </Link>
        <span className="govuk-caption-l">{page.hub.name}</span>
        <h1 className="govuk-heading-l">Challenges from the councils you serve</h1>
        <Form method="get" className="govuk-!-margin-bottom-6">
          <div className="govuk-form-group govuk-!-margin-bottom-3">
            <label className="govuk-label govuk-label--s" htmlFor="status">
              Status
            </label>
            <select className="govuk-select" id="status" name="status" defaultValue={page.status ?? ""}>
              <option value="">All statuses ({all})</option>
              {page.counts.map((c) => (
                <option key={c.status} value={c.status}>
                  {statusLabels[c.status]} ({c.count})
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
            data-module="govuk-button"
          >
            Show challenges
          </button>
        </Form>
        <p className="govuk-body" role="status">
          {page.total === 0
            ? page.status
              ? `No challenges are “${statusLabels[page.status]}”.`
              : "No council you serve has sent a challenge yet."
            : `${page.total} ${page.total === 1 ? "challenge" : "challenges"}${page.status ? ` “${statusLabels[page.status]}”` : ""}`}
        </p>
        <ul className="govuk-list nettle-results">
          {page.items.map((c) => (
            <li key={c.id} className="nettle-results__item">
              <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                <Link className="govuk-link" to={`/challenges/${c.id}/review`}>
                  {c.title}
                </Link>
              </h2>
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                {c.councilName} · updated {formatDate(c.updatedAt)}
              </p>
              <p className="govuk-body-s govuk-!-margin-bottom-0">
                <ChallengeStatusTag status={c.status} />
                {c.dataCardChanges > 0 ? (
                  <strong className="govuk-tag govuk-tag--yellow govuk-!-margin-left-2">
                    Data card change to review
                  </strong>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
        <Pagination page={page.page} totalPages={page.totalPages} search={new URLSearchParams(location.search)} />
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Challenges – ${data.hub.name} – Nettle` : "Challenges – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

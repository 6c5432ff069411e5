import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { OversightFilter, OversightList } from "~/components/projects/oversight-list";
import { listCouncilProjects, projectListInput } from "~/models/projects/lists.server";
import { stageLabels } from "~/models/projects/stage";
import { requireUser } from "~/services/auth.server";

// A council's projects, for its members (and the hubs that serve it): every team working on
// one of its challenges, stalled ones first, with what each has delivered so far.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const search = new URL(request.url).searchParams;
  const filter = projectListInput.parse({ stage: search.get("stage") ?? undefined, page: search.get("page") ?? 1 });
  return listCouncilProjects(user, params.slug ?? "", filter);
}

export default function CouncilProjects() {
  const page = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/organisations/${page.council.slug}`}>
          {page.council.name}
        </Link>
        <span className="govuk-caption-l">{page.council.name}</span>
        <h1 className="govuk-heading-l">Projects</h1>
        <OversightFilter counts={page.counts} stage={page.stage} />
        <p className="govuk-body" role="status">
          {page.total === 0
            ? page.stage
              ? `No projects are “${stageLabels[page.stage]}”.`
              : "No team has started on your challenges yet. A project begins when you accept the first person into a challenge's team."
            : `${page.total} ${page.total === 1 ? "project" : "projects"}${page.stage ? ` “${stageLabels[page.stage]}”` : ""}`}
        </p>
        <h2 className="govuk-visually-hidden">Projects</h2>
        <OversightList items={page.items} showCouncil={false} />
        <Pagination page={page.page} totalPages={page.totalPages} search={new URLSearchParams(location.search)} />
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Projects – ${data.council.name} – Nettle` : "Projects – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

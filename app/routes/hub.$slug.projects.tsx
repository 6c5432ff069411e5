import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { OversightFilter, OversightList, StageCounts } from "~/components/projects/oversight-list";
import { getHubBySlug } from "~/models/organisations/hub.server";
import { listHubProjects, projectListInput } from "~/models/projects/lists.server";
import { stageLabels } from "~/models/projects/stage";
import { requireUser } from "~/services/auth.server";

// Every project on the challenges of the councils a hub serves, stalled ones first, for the
// hub's organisers. A GET form and links, so it works without JavaScript.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const hub = await getHubBySlug(params.slug ?? "");
  if (!hub) throw new Response("Not found", { status: 404 });
  const search = new URL(request.url).searchParams;
  const filter = projectListInput.parse({
    stage: search.get("stage") ?? undefined,
    council: search.get("council") ?? undefined,
    page: search.get("page") ?? 1,
  });
  const list = await listHubProjects(user, hub, filter);
  return { hub: { name: hub.name, slug: hub.slug }, ...list };
}

export default function HubProjects() {
  const page = useLoaderData<typeof loader>();
  const location = useLocation();
  const filtered = page.stage ? ` “${stageLabels[page.stage]}”` : "";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/hub">
          Hub dashboard
        </Link>
        <span className="govuk-caption-l">{page.hub.name}</span>
        <h1 className="govuk-heading-l">Projects from the councils you serve</h1>
        <p className="govuk-body">
          Stalled projects come first. See also the{" "}
          <Link className="govuk-link" to={`/hub/${page.hub.slug}/figures`}>
            hub&apos;s figures
          </Link>
          .
        </p>
        <OversightFilter counts={page.counts} stage={page.stage} councils={page.councils} council={page.council} />
        <p className="govuk-body" role="status">
          {page.total === 0
            ? page.stage || page.council
              ? "No projects match."
              : "No team has started on a challenge from the councils you serve yet. A project begins when a council accepts its first team member."
            : `${page.total} ${page.total === 1 ? "project" : "projects"}${filtered}`}
        </p>
        <h2 className="govuk-visually-hidden">Projects</h2>
        <OversightList items={page.items} />
        <Pagination page={page.page} totalPages={page.totalPages} search={new URLSearchParams(location.search)} />
        <StageCounts counts={page.counts} />
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Projects – ${data.hub.name} – Nettle` : "Projects – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

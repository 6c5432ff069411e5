import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { formatDate } from "~/components/council-challenges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Textarea } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { DataTerms } from "~/components/projects/data-terms";
import { Evidence, RepositoryFacts, StageTag, Team, Timeline } from "~/components/projects/project-sections";
import { replyFor, summaryFromReply, useNettleForm } from "~/components/use-form";
import type { ProjectCapability } from "~/models/projects/policy.server";
import { authorizeProject } from "~/models/projects/policy.server";
import { projectPage, timelinePage } from "~/models/projects/page.server";
import { projectPageForm, type ProjectPageInput } from "~/models/projects/schemas";
import { acceptDataTerms } from "~/models/projects/team.server";
import { agreeDelivery, deleteProjectUpdate, postProjectUpdate, requestDelivery, updateForDeletion } from "~/models/projects/updates.server";
import { getUser, requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";
import { renderMarkdown } from "~/services/markdown.server";

// A project: its stage and the evidence behind it, the team, what GitHub says about its
// repository, the timeline, the team's updates, the data terms (team only) and delivery.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const url = new URL(request.url);
  const slug = params.slug ?? "";
  const page = await projectPage(user, slug, timelinePage(url.searchParams.get("page")));
  const deleting = url.searchParams.get("delete");
  const confirmDelete =
    user && deleting ? await updateForDeletion(user, slug, deleting).then((u) => ({ id: u.id, html: renderMarkdown(u.body), at: u.createdAt })) : null;
  return { ...page, confirmDelete };
}

const needs: Record<ProjectPageInput["intent"], ProjectCapability> = {
  "post-update": "postUpdate",
  "delete-update": "postUpdate",
  "accept-terms": "team",
  "request-delivery": "requestDelivery",
  "agree-delivery": "agreeDelivery",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const here = `/projects/${slug}`;
  return formAction(
    request,
    projectPageForm,
    async (input) => {
      switch (input.intent) {
        case "post-update":
          await postProjectUpdate(user, slug, input.body);
          return redirectWithFlash(`${here}#updates`, { kind: "success", title: "Your update is posted" });
        case "delete-update":
          await deleteProjectUpdate(user, slug, input.updateId);
          return redirectWithFlash(`${here}#updates`, { kind: "success", title: "Your update is deleted" });
        case "accept-terms":
          await acceptDataTerms(user, slug);
          return redirectWithFlash(`${here}#data`, { kind: "success", title: "You accepted the data terms", body: "The datasets' links are below." });
        case "request-delivery":
          await requestDelivery(user, slug);
          return redirectWithFlash(here, { kind: "success", title: "Marked delivered", body: "The council has been asked to agree." });
        case "agree-delivery":
          await agreeDelivery(user, slug);
          return redirectWithFlash(here, { kind: "success", title: "You agreed the project is delivered", body: "The team has been told." });
      }
    },
    {
      authorize: async ({ intent }) => {
        const capability = typeof intent === "string" && Object.hasOwn(needs, intent) ? needs[intent as ProjectPageInput["intent"]] : "view";
        await authorizeProject(user, { slug }, capability);
      },
    },
  );
}

export default function ProjectRoute() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const location = useLocation();
  const [, updateFields] = useNettleForm(projectPageForm, { id: "post-update", lastResult: replyFor(reply, { intent: "post-update" }) });
  const errors = summaryFromReply(reply, { body: "body" });
  const { project, viewer } = page;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">
          Project for{" "}
          <Link className="govuk-link" to={`/challenges/${project.challenge.slug}`}>
            {project.challenge.title}
          </Link>{" "}
          ({project.challenge.council})
        </span>
        <h1 className="govuk-heading-l">{project.title}</h1>
        <p className="govuk-body">
          <StageTag stage={project.stage} label={project.stageLabel} /> {project.stageHint} Since {formatDate(project.stageChangedAt)}.
        </p>

        <Evidence evidence={page.evidence} />

        <h2 className="govuk-heading-m">Outcome</h2>
        <p className="govuk-body">
          {page.outcome ? page.outcome.label : "Not started yet."}{" "}
          <Link className="govuk-link" to={`/projects/${project.slug}/outcome`}>
            {viewer.team && !page.outcome ? "Start the outcome" : "The outcome"}
          </Link>
        </p>

        <Delivery delivery={page.delivery} />

        <Team team={page.team} slug={project.slug} />

        {page.terms ? <DataTerms terms={page.terms} /> : null}

        <RepositoryFacts repository={page.repository} slug={project.slug} mayLink={viewer.linkRepository} />

        <h2 className="govuk-heading-m" id="updates">
          Team updates
        </h2>
        {page.confirmDelete ? (
          <div className="govuk-panel govuk-!-text-align-left govuk-!-padding-4 nettle-confirm" style={{ border: "5px solid #d4351c" }}>
            <h3 className="govuk-heading-s">Delete this update?</h3>
            <div dangerouslySetInnerHTML={{ __html: page.confirmDelete.html }} />
            <Form method="post" action={`/projects/${project.slug}`}>
              <input type="hidden" name="intent" value="delete-update" />
              <input type="hidden" name="updateId" value={page.confirmDelete.id} />
              <div className="govuk-button-group">
                <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                  Yes, delete it
                </button>
                <Link className="govuk-link" to={`/projects/${project.slug}#updates`}>
                  Keep it
                </Link>
              </div>
            </Form>
          </div>
        ) : null}
        {viewer.postUpdate ? (
          <Form method="post" id="post-update" action={`/projects/${project.slug}${location.search}`}>
            <input type="hidden" name="intent" value="post-update" />
            <Textarea
              field={updateFields.body!}
              label="Post an update"
              hint="What the team did or found, in a few lines. You can use markdown. Up to 2,000 characters. Everyone who can see the project can read it."
              rows={4}
            />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Post update
            </button>
          </Form>
        ) : null}
        {page.updates.length === 0 ? <p className="govuk-body">No updates yet.</p> : null}
        {page.updates.map((u) => (
          <article key={u.id} className="govuk-!-margin-bottom-4" aria-label={`Update by ${u.author}`}>
            <p className="govuk-body-s govuk-!-margin-bottom-1">
              {u.author}, {formatDate(u.at)}
              {u.mine ? (
                <>
                  {" · "}
                  <Link className="govuk-link" to={`/projects/${project.slug}?delete=${encodeURIComponent(u.id)}#updates`}>
                    Delete<span className="govuk-visually-hidden"> your update of {formatDate(u.at)}</span>
                  </Link>
                </>
              ) : null}
            </p>
            <div className="nettle-break-anywhere" dangerouslySetInnerHTML={{ __html: u.html }} />
          </article>
        ))}

        <h2 className="govuk-heading-m" id="timeline">
          Timeline
        </h2>
        {page.timeline.events.length === 0 ? <p className="govuk-body">Nothing has happened yet.</p> : <Timeline timeline={page.timeline} />}
        <Pagination page={page.timeline.page} totalPages={page.timeline.totalPages} search={new URLSearchParams(location.search)} />
      </div>
    </div>
  );
}

function Delivery({ delivery }: { delivery: ReturnType<typeof useLoaderData<typeof loader>>["delivery"] }) {
  if (!delivery.requestedAt && !delivery.mayRequest) return null;
  return (
    <>
      <h2 className="govuk-heading-m">Delivery</h2>
      {delivery.agreedAt ? (
        <p className="govuk-body">The council agreed it is delivered on {formatDate(delivery.agreedAt)}.</p>
      ) : delivery.requestedAt ? (
        <p className="govuk-body">The team marked it delivered on {formatDate(delivery.requestedAt)}. Waiting for the council to agree.</p>
      ) : null}
      {delivery.mayRequest ? (
        <Form method="post">
          <input type="hidden" name="intent" value="request-delivery" />
          <p className="govuk-body">When the work is done, mark it delivered. The council is asked to agree.</p>
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Mark as delivered
          </button>
        </Form>
      ) : null}
      {delivery.mayAgree ? (
        <Form method="post">
          <input type="hidden" name="intent" value="agree-delivery" />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Agree it is delivered
          </button>
        </Form>
      ) : null}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [{ title: `${data.project.title} – project – Nettle` }, { name: "description", content: `${data.project.stageLabel}: ${data.project.stageHint}` }]
    : [{ title: "Project not found – Nettle" }];

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <p className="govuk-body">
            There is no project at this address.{" "}
            <Link className="govuk-link" to="/challenges">
              Search all challenges
            </Link>
            .
          </p>
        ),
      }}
    />
  );
}

import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Checkboxes, ErrorSummary, TextField } from "~/components/forms";
import { replyFor, summaryErrors, useNettleForm } from "~/components/use-form";
import { authorizeProject } from "~/models/projects/policy.server";
import { linkRepository, repositoryPage, requestSyncNow, unlinkRepository } from "~/models/repositories/link.server";
import { syncStatusLabels, whenAgain } from "~/models/repositories/labels";
import { repositoryForm } from "~/models/repositories/schemas";
import { getUser, requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// A project's GitHub repository: the lead links it (any form of GitHub address), replaces or
// unlinks it, and may ask for a sync now; everyone who may see the project sees which
// repository it is, and the team, council and organisers see how its sync is going.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const page = await repositoryPage(user, params.slug ?? "");
  const confirmUnlink = new URL(request.url).searchParams.get("confirm") === "unlink" && page.canLink && page.repository !== null;
  return { ...page, confirmUnlink };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  return formAction(
    request,
    repositoryForm,
    async (form) => {
      switch (form.intent) {
        case "link": {
          const linked = await linkRepository(user, slug, form);
          const notes = [
            linked.renamedFrom ? `${linked.renamedFrom} is now ${linked.fullName}, so Nettle follows the new name.` : null,
            linked.archived ? "It is archived on GitHub, so no new commits are expected." : null,
            "Nettle is reading its commits, README and releases now; this page shows when that is done.",
          ].filter(Boolean);
          return redirectWithFlash(`/projects/${linked.projectSlug}/repository`, {
            kind: "success",
            title: linked.replaced ? `Repository changed to ${linked.fullName}` : `${linked.fullName} is linked`,
            body: notes.join(" "),
          });
        }
        case "unlink": {
          const { projectSlug, fullName } = await unlinkRepository(user, slug);
          return redirectWithFlash(`/projects/${projectSlug}/repository`, { kind: "success", title: `${fullName} is no longer linked` });
        }
        case "sync": {
          const { projectSlug } = await requestSyncNow(user, slug);
          return redirectWithFlash(`/projects/${projectSlug}/repository`, {
            kind: "success",
            title: "Sync started",
            body: "Nettle is asking GitHub for the repository’s latest state. Refresh this page in a minute.",
          });
        }
      }
    },
    {
      authorize: async () => {
        await authorizeProject(user, { slug }, "linkRepository");
      },
    },
  );
}

export default function ProjectRepository() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [linkForm, linkFields] = useNettleForm(repositoryForm, { id: "link", lastResult: replyFor(reply, { intent: "link" }) });
  const [unlinkForm] = useNettleForm(repositoryForm, { id: "unlink", lastResult: replyFor(reply, { intent: "unlink" }) });
  const base = `/projects/${page.project.slug}`;
  const repo = page.repository;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={base}>
          {page.project.title}
        </Link>
        <ErrorSummary errors={{ ...summaryErrors(linkForm), ...summaryErrors(unlinkForm) }} />
        <span className="govuk-caption-l">{page.project.title}</span>
        <h1 className="govuk-heading-l">Repository</h1>

        {repo ? (
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Repository</dt>
              <dd className="govuk-summary-list__value">
                <a className="govuk-link" href={repo.htmlUrl} rel="noopener noreferrer">
                  {repo.fullName}
                </a>
                {repo.archived ? " (archived: no new commits expected)" : null}
                {repo.gone ? " (GitHub no longer shows it)" : null}
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Last synced</dt>
              <dd className="govuk-summary-list__value">
                {repo.lastSyncedAt ? whenAgain(new Date(repo.lastSyncedAt)) : syncStatusLabels.pending}
              </dd>
            </div>
            {page.insider ? (
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Sync</dt>
                <dd className="govuk-summary-list__value">
                  {repo.syncError ? <strong className="govuk-tag govuk-tag--red">{syncStatusLabels.failed}</strong> : syncStatusLabels[repo.syncStatus]}
                  {repo.syncError ? <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">{repo.syncError}</p> : null}
                  {repo.nextSyncAt ? (
                    <p className="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">Next look: {whenAgain(new Date(repo.nextSyncAt))}</p>
                  ) : null}
                </dd>
              </div>
            ) : null}
          </dl>
        ) : (
          <p className="govuk-body">No repository is linked to this project yet.</p>
        )}

        {page.canLink && repo && !page.confirmUnlink ? (
          <div className="govuk-button-group">
            <Form method="post">
              <input type="hidden" name="intent" value="sync" />
              <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                Sync now
              </button>
            </Form>
            <Link className="govuk-link" to="?confirm=unlink">
              Unlink {repo.fullName}
            </Link>
          </div>
        ) : null}

        {page.confirmUnlink && repo ? (
          <div className="govuk-warning-text">
            <Form method="post" {...getFormProps(unlinkForm)}>
              <h2 className="govuk-heading-m">Unlink {repo.fullName}?</h2>
              <p className="govuk-body">
                Nettle will stop following it. The timeline keeps what already happened. You can link it again later.
              </p>
              <input type="hidden" name="intent" value="unlink" />
              <input type="hidden" name="confirm" value="yes" />
              <div className="govuk-button-group">
                <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                  Unlink the repository
                </button>
                <Link className="govuk-link" to=".">
                  Cancel
                </Link>
              </div>
            </Form>
          </div>
        ) : null}

        {page.canLink && !page.confirmUnlink ? (
          <Form method="post" {...getFormProps(linkForm)}>
            <h2 className="govuk-heading-m">{repo ? "Link a different repository" : "Link the team’s repository"}</h2>
            <input type="hidden" name="intent" value="link" />
            <TextField
              field={linkFields.reference}
              label="GitHub repository"
              hint="Its address, like https://github.com/nettle-hub/bin-routes, or owner/name. A link to a file or branch in it works too."
              spellCheck={false}
            />
            {repo ? (
              <Checkboxes
                field={linkFields.replace}
                legend={`Replace ${repo.fullName}`}
                legendClass="govuk-fieldset__legend--s"
                options={[{ value: "yes", label: `Yes, stop following ${repo.fullName} and follow this one instead` }]}
              />
            ) : null}
            <button type="submit" className="govuk-button" data-module="govuk-button">
              {repo ? "Replace the repository" : "Link the repository"}
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Repository – ${data.project.title} – Nettle` : "Repository – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatDate } from "~/components/council-challenges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Textarea, TextField } from "~/components/forms";
import { replyFor, summaryFromReply, useNettleForm } from "~/components/use-form";
import { authorizeProject, type ProjectCapability } from "~/models/projects/policy.server";
import { teamForm, type TeamInput } from "~/models/projects/schemas";
import { answerTeamInvitation, changeTeamRole, inviteToTeam, leaveTeam, removeFromTeam, teamPage } from "~/models/projects/team.server";
import { getUser, requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// The team: who is in it and their roles; the lead invites by email address, changes roles and
// removes people; the person invited answers here; members leave (after confirming).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const url = new URL(request.url);
  const page = await teamPage(user, params.slug ?? "");
  const removing = url.searchParams.get("remove");
  const confirmRemove = page.viewer.manageTeam && removing ? (page.members.find((m) => m.id === removing && !m.isViewer) ?? null) : null;
  const confirmLeave = page.viewer.team && url.searchParams.get("leave") === "1";
  return { ...page, confirmRemove: confirmRemove ? { id: confirmRemove.id, name: confirmRemove.name } : null, confirmLeave };
}

const needs: Record<TeamInput["intent"], ProjectCapability> = {
  invite: "manageTeam",
  "change-role": "manageTeam",
  remove: "manageTeam",
  leave: "team",
  "accept-invitation": "view",
  "decline-invitation": "view",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const here = `/projects/${slug}/team`;
  return formAction(
    request,
    teamForm,
    async (input) => {
      switch (input.intent) {
        case "invite": {
          const { email } = await inviteToTeam(user, slug, input);
          return redirectWithFlash(here, {
            kind: "success",
            title: `If ${email} has a Nettle account, we've invited them`,
            body: "The invitation lasts 14 days.",
          });
        }
        case "accept-invitation": {
          const { title } = await answerTeamInvitation(user, slug, input.invitationId, true);
          return redirectWithFlash(`/projects/${slug}`, { kind: "success", title: `You joined the team for “${title}”`, body: "Next, read and accept the data terms." });
        }
        case "decline-invitation":
          await answerTeamInvitation(user, slug, input.invitationId, false);
          return redirectWithFlash(here, { kind: "success", title: "You declined the invitation", body: "The team's lead has been told." });
        case "change-role": {
          const { name, teamRole } = await changeTeamRole(user, slug, input.memberId, input.teamRole);
          return redirectWithFlash(here, { kind: "success", title: `${name} is now ${teamRole === "lead" ? "a lead" : "a member"}` });
        }
        case "remove": {
          const { name } = await removeFromTeam(user, slug, input.memberId);
          return redirectWithFlash(here, { kind: "success", title: `${name} is no longer in the team`, body: "They have been told." });
        }
        case "leave": {
          const { title } = await leaveTeam(user, slug);
          return redirectWithFlash(`/projects/${slug}`, { kind: "success", title: `You left the team for “${title}”` });
        }
      }
    },
    {
      authorize: async ({ intent }) => {
        const capability = typeof intent === "string" && Object.hasOwn(needs, intent) ? needs[intent as TeamInput["intent"]] : "view";
        await authorizeProject(user, { slug }, capability);
      },
    },
  );
}

export default function TeamRoute() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [, inviteFields] = useNettleForm(teamForm, { id: "invite", lastResult: replyFor(reply, { intent: "invite" }) });
  const errors = summaryFromReply(reply, { email: "email", message: "message" });
  const { project, viewer } = page;
  const leaveReply = replyFor(reply, { intent: "leave" });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/projects/${project.slug}`}>
          {project.title}
        </Link>
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{project.title}</span>
        <h1 className="govuk-heading-l">Team</h1>

        {page.myInvitation ? (
          <div className="govuk-notification-banner" role="region" aria-labelledby="invitation-title">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="invitation-title">
                You are invited
              </h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">
                {page.myInvitation.from ?? "The team's lead"} invites you to join this team (until {formatDate(page.myInvitation.expiresAt)}).
              </p>
              {page.myInvitation.message ? <p className="govuk-body nettle-pre-wrap">{page.myInvitation.message}</p> : null}
              <div className="govuk-button-group">
                <Form method="post">
                  <input type="hidden" name="intent" value="accept-invitation" />
                  <input type="hidden" name="invitationId" value={page.myInvitation.id} />
                  <button type="submit" className="govuk-button" data-module="govuk-button">
                    Join the team
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="decline-invitation" />
                  <input type="hidden" name="invitationId" value={page.myInvitation.id} />
                  <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                    Decline
                  </button>
                </Form>
              </div>
            </div>
          </div>
        ) : null}

        {page.confirmRemove ? (
          <Confirm title={`Remove ${page.confirmRemove.name} from the team?`} body="They will be told, and lose access to the challenge's restricted data.">
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="memberId" value={page.confirmRemove.id} />
          </Confirm>
        ) : null}
        {page.confirmLeave || leaveReply ? (
          <Confirm title="Leave the team?" body="You will lose access to the challenge's restricted data. The team will be told.">
            <input type="hidden" name="intent" value="leave" />
          </Confirm>
        ) : null}

        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Members</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Name
              </th>
              <th scope="col" className="govuk-table__header">
                Team role
              </th>
              {viewer.manageTeam ? (
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {page.members.map((m) => (
              <tr key={m.id} className="govuk-table__row">
                <td className="govuk-table__cell">
                  {m.profileHref ? (
                    <Link className="govuk-link" to={m.profileHref}>
                      {m.name}
                    </Link>
                  ) : (
                    m.name
                  )}
                  {m.role ? <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">{m.role}</span> : null}
                  {m.termsAccepted === false ? <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">Has not accepted the data terms yet</span> : null}
                </td>
                <td className="govuk-table__cell">{m.teamRole === "lead" ? "Lead" : "Member"}</td>
                {viewer.manageTeam ? (
                  <td className="govuk-table__cell">
                    <Form method="post" className="govuk-!-display-inline">
                      <input type="hidden" name="intent" value="change-role" />
                      <input type="hidden" name="memberId" value={m.id} />
                      <input type="hidden" name="teamRole" value={m.teamRole === "lead" ? "member" : "lead"} />
                      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1" data-module="govuk-button">
                        {m.teamRole === "lead" ? "Make member" : "Make lead"}
                        <span className="govuk-visually-hidden"> ({m.name})</span>
                      </button>
                    </Form>{" "}
                    {m.isViewer ? null : (
                      <Link className="govuk-link" to={`?remove=${encodeURIComponent(m.id)}`}>
                        Remove<span className="govuk-visually-hidden"> {m.name}</span>
                      </Link>
                    )}
                    {replyFor(reply, { intent: "change-role", memberId: m.id })?.error?.memberId?.[0] ? (
                      <p className="govuk-error-message">
                        <span className="govuk-visually-hidden">Error:</span> {replyFor(reply, { intent: "change-role", memberId: m.id })?.error?.memberId?.[0]}
                      </p>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>

        {page.invitations.length ? (
          <>
            <h2 className="govuk-heading-m">Invitations waiting for an answer</h2>
            <ul className="govuk-list">
              {page.invitations.map((i) => (
                <li key={i.id}>
                  {i.name}, until {formatDate(i.expiresAt)}
                  {i.message ? <span className="govuk-body-s govuk-!-display-block nettle-pre-wrap">{i.message}</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}

        {viewer.manageTeam ? (
          <Form method="post" id="invite" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <h2 className="govuk-heading-m">Invite someone</h2>
            <TextField field={inviteFields.email!} type="email" label="Their email address" hint="They need a Nettle account. The invitation lasts 14 days." autoComplete="off" spellCheck={false} />
            <Textarea field={inviteFields.message!} label="Message (optional)" rows={3} />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Send invitation
            </button>
          </Form>
        ) : null}

        {viewer.team && !page.confirmLeave ? (
          <p className="govuk-body">
            <Link className="govuk-link" to="?leave=1">
              Leave the team
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}

function Confirm({ title, body, children }: { title: string; body: string; children: React.ReactNode }) {
  return (
    <Form method="post" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m">{title}</h2>
      <p className="govuk-body">{body}</p>
      {children}
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
          Yes, confirm
        </button>
        <Link className="govuk-link" to=".">
          Cancel
        </Link>
      </div>
    </Form>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Team – ${data.project.title} – Nettle` : "Project not found – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Select, TextField } from "~/components/forms";
import { replyFor, summaryFromReply, useNettleForm } from "~/components/use-form";
import { authorizeEvent } from "~/models/events/policy.server";
import { eventTeamsForm, ORGANISER_INTENTS, type EventTeamsInput } from "~/models/event-teams/schemas";
import {
  confirmEventTeam,
  createEventTeam,
  editEventTeam,
  eventTeamsPage,
  joinEventTeam,
  leaveEventTeam,
  moveToEventTeam,
  removeFromEventTeam,
} from "~/models/event-teams/team.server";
import { forbidden } from "~/models/platform/errors";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// Teams at an event: people with a place create or join a team for a featured challenge and
// may leave it; the organisers see who is unassigned, place and move people, edit teams and
// confirm them, which makes each a project.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const page = await eventTeamsPage(user, params.slug ?? "");
  const confirming = page.viewer.organiser
    ? (page.teams.find((t) => t.id === url.searchParams.get("confirm") && !t.confirmed) ?? null)
    : null;
  return {
    ...page,
    confirmLeave: url.searchParams.get("leave") === "1" && page.viewer.myTeamId !== null,
    confirming: confirming ? { id: confirming.id, name: confirming.name } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const here = `/events/${slug}/teams`;
  return formAction(
    request,
    eventTeamsForm,
    async (input) => {
      switch (input.intent) {
        case "create": {
          const { name } = await createEventTeam(user, slug, input);
          return redirectWithFlash(here, {
            kind: "success",
            title: `You created “${name}”`,
            body: "Others can now join it.",
          });
        }
        case "join": {
          const { name } = await joinEventTeam(user, slug, input.teamId);
          return redirectWithFlash(here, { kind: "success", title: `You joined “${name}”` });
        }
        case "leave": {
          const { name } = await leaveEventTeam(user, slug);
          return redirectWithFlash(here, { kind: "success", title: `You left “${name}”` });
        }
        case "edit": {
          const { name } = await editEventTeam(user, slug, input);
          return redirectWithFlash(here, { kind: "success", title: `“${name}” is saved` });
        }
        case "move": {
          const { person, team } = await moveToEventTeam(user, slug, input);
          return redirectWithFlash(here, { kind: "success", title: `${person} is in “${team}”` });
        }
        case "remove": {
          const { name } = await removeFromEventTeam(user, slug, input.registrationId);
          return redirectWithFlash(here, {
            kind: "success",
            title: `Taken out of “${name}”`,
            body: "They are unassigned now.",
          });
        }
        case "confirm": {
          const { name, projectSlug, withoutAccount } = await confirmEventTeam(user, slug, input.teamId);
          return redirectWithFlash(here, {
            kind: "success",
            title: `“${name}” is confirmed and is now a project`,
            body: withoutAccount.length
              ? `${withoutAccount.join(", ")} ${withoutAccount.length === 1 ? "has" : "have"} no Nettle account, so ${withoutAccount.length === 1 ? "is" : "are"} not in the project's team. The project: /projects/${projectSlug}`
              : `Its page is /projects/${projectSlug}`,
          });
        }
      }
    },
    {
      authorize: async ({ intent }) => {
        const { event, access } = await authorizeEvent(user, { slug }, "view");
        if (typeof intent === "string" && ORGANISER_INTENTS.has(intent as EventTeamsInput["intent"])) {
          await authorizeEvent(user, { slug }, "formTeams");
        } else if (access.registration?.status !== "confirmed") {
          throw forbidden(`Only people with a confirmed place at “${event.title}” can be in its teams.`);
        }
      },
    },
  );
}

export default function EventTeamsRoute() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [, createFields] = useNettleForm(eventTeamsForm, {
    id: "create-team",
    lastResult: replyFor(reply, { intent: "create" }),
  });
  const errors = summaryFromReply(reply);
  const { viewer, event } = page;
  const formError = reply && "error" in reply ? reply.error?.[""]?.[0] : undefined;
  const myTeam = page.teams.find((t) => t.id === viewer.myTeamId) ?? null;
  const teamOptions = page.teams
    .filter((t) => !t.confirmed)
    .map((t) => ({ value: t.id, label: `${t.name} (${t.members.length} of ${event.teamSizeMax})` }));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link
          className="govuk-back-link"
          to={viewer.organiser ? `/events/${event.slug}/manage` : `/events/${event.slug}`}
        >
          {event.title}
        </Link>
        <ErrorSummary errors={{ ...(formError ? { form: formError } : {}), ...errors }} />
        <span className="govuk-caption-l">{event.title}</span>
        <h1 className="govuk-heading-l">Teams</h1>
        <p className="govuk-body">
          Teams have {event.teamSizeMin} to {event.teamSizeMax} people, each working on one of the event's challenges.
        </p>

        {page.confirming ? (
          <Form method="post" className="govuk-!-margin-bottom-6">
            <h2 className="govuk-heading-m">Confirm “{page.confirming.name}”?</h2>
            <p className="govuk-body">
              It becomes a project on its challenge with its members as the team. After that, its members are changed on
              the project's team page.
            </p>
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="teamId" value={page.confirming.id} />
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button" data-module="govuk-button">
                Yes, confirm the team
              </button>
              <Link className="govuk-link" to=".">
                Cancel
              </Link>
            </div>
          </Form>
        ) : null}

        {myTeam ? (
          <div className="govuk-inset-text">
            You are in “{myTeam.name}”.
            {page.confirmLeave ? (
              <Form method="post" className="govuk-!-margin-top-3">
                <input type="hidden" name="intent" value="leave" />
                <p className="govuk-body">Leave “{myTeam.name}”?</p>
                <div className="govuk-button-group">
                  <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                    Yes, leave the team
                  </button>
                  <Link className="govuk-link" to=".">
                    Cancel
                  </Link>
                </div>
              </Form>
            ) : !myTeam.confirmed && viewer.participant ? (
              <>
                {" "}
                <Link className="govuk-link" to="?leave=1">
                  Leave the team
                </Link>
              </>
            ) : null}
          </div>
        ) : null}

        {viewer.participant && !myTeam ? (
          <Form method="post" id="create-team" noValidate>
            <input type="hidden" name="intent" value="create" />
            <h2 className="govuk-heading-m">Create a team</h2>
            <Select
              field={createFields.challengeId!}
              label="Challenge"
              placeholder="Choose a challenge"
              options={page.challenges.map((c) => ({ value: c.id, label: c.title }))}
            />
            <TextField field={createFields.name!} label="Team name" autoComplete="off" />
            <TextField
              field={createFields.summary!}
              label="What you will do, in one line (optional)"
              autoComplete="off"
            />
            <TextField
              field={createFields.demoUrl!}
              type="url"
              label="Demo link (optional)"
              hint="Starts with https://"
              autoComplete="off"
              spellCheck={false}
            />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Create team
            </button>
          </Form>
        ) : null}

        <h2 className="govuk-heading-m">
          {page.teams.length === 0
            ? "No teams yet"
            : `${page.teams.length} ${page.teams.length === 1 ? "team" : "teams"}`}
        </h2>
        {page.teams.map((team) => {
          const editReply = replyFor(reply, { intent: "edit", teamId: team.id });
          const editError = (name: string) => editReply?.error?.[name]?.[0];
          const sent = (editReply?.initialValue ?? {}) as Record<string, string | undefined>;
          return (
            <section key={team.id} className="govuk-!-margin-bottom-8" aria-labelledby={`team-${team.id}`}>
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1" id={`team-${team.id}`}>
                {team.name}
                {team.confirmed ? (
                  <strong className="govuk-tag govuk-tag--green govuk-!-margin-left-2">Confirmed</strong>
                ) : null}
              </h3>
              <p className="govuk-body-s govuk-!-margin-bottom-1">{team.challengeTitle}</p>
              {team.summary ? <p className="govuk-body govuk-!-margin-bottom-1">{team.summary}</p> : null}
              {team.demoUrl ? (
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  <a className="govuk-link" href={team.demoUrl} rel="noopener noreferrer">
                    Demo<span className="govuk-visually-hidden"> of {team.name}</span>
                  </a>
                </p>
              ) : null}
              {team.projectSlug ? (
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  <Link className="govuk-link" to={`/projects/${team.projectSlug}`}>
                    Project page<span className="govuk-visually-hidden"> of {team.name}</span>
                  </Link>
                </p>
              ) : null}
              <ul className="govuk-list govuk-!-margin-bottom-2">
                {team.members.map((m, i) => (
                  <li key={m.registrationId ?? i}>
                    {m.name}
                    {m.withoutAccount ? <span className="govuk-body-s"> (no Nettle account)</span> : null}
                    {viewer.organiser && m.registrationId && !team.confirmed ? (
                      <Form method="post" className="govuk-!-display-inline govuk-!-margin-left-2">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="registrationId" value={m.registrationId} />
                        <button
                          type="submit"
                          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                          data-module="govuk-button"
                        >
                          Take out<span className="govuk-visually-hidden"> {m.name}</span>
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
              <p className="govuk-body-s">
                {team.members.length} of {event.teamSizeMax} places taken
              </p>
              {viewer.participant && !myTeam && !team.confirmed && team.members.length < event.teamSizeMax ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="join" />
                  <input type="hidden" name="teamId" value={team.id} />
                  <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                    Join<span className="govuk-visually-hidden"> {team.name}</span>
                  </button>
                </Form>
              ) : null}
              {viewer.organiser && !team.confirmed ? (
                <>
                  <Link
                    className="govuk-button"
                    to={`?confirm=${encodeURIComponent(team.id)}`}
                    role="button"
                    data-module="govuk-button"
                  >
                    Confirm<span className="govuk-visually-hidden"> {team.name}</span>
                  </Link>
                  <details className="govuk-details" open={editReply ? true : undefined}>
                    <summary className="govuk-details__summary">
                      <span className="govuk-details__summary-text">
                        Change name, summary, demo link or order
                        <span className="govuk-visually-hidden"> of {team.name}</span>
                      </span>
                    </summary>
                    <div className="govuk-details__text">
                      <Form method="post" noValidate>
                        <input type="hidden" name="intent" value="edit" />
                        <input type="hidden" name="teamId" value={team.id} />
                        <TextField
                          id={`name-${team.id}`}
                          name="name"
                          label="Team name"
                          defaultValue={sent.name ?? team.name}
                          error={editError("name")}
                        />
                        <TextField
                          id={`summary-${team.id}`}
                          name="summary"
                          label="Summary"
                          defaultValue={sent.summary ?? team.summary}
                          error={editError("summary")}
                        />
                        <TextField
                          id={`demo-${team.id}`}
                          name="demoUrl"
                          type="url"
                          label="Demo link"
                          defaultValue={sent.demoUrl ?? team.demoUrl}
                          error={editError("demoUrl")}
                          spellCheck={false}
                        />
                        <TextField
                          id={`order-${team.id}`}
                          name="presentationOrder"
                          label="Order of presentation (optional)"
                          width="4"
                          defaultValue={sent.presentationOrder ?? team.presentationOrder?.toString() ?? ""}
                          error={editError("presentationOrder")}
                        />
                        <button
                          type="submit"
                          className="govuk-button govuk-button--secondary"
                          data-module="govuk-button"
                        >
                          Save<span className="govuk-visually-hidden"> {team.name}</span>
                        </button>
                      </Form>
                    </div>
                  </details>
                </>
              ) : null}
            </section>
          );
        })}

        {viewer.organiser ? (
          <>
            <h2 className="govuk-heading-m">Not in a team ({page.unassigned.length})</h2>
            <p className="govuk-body">
              <Link className="govuk-link" to={`/events/${event.slug}/teams/suggest`}>
                Suggest teams for everyone not in one
              </Link>{" "}
              or place people yourself.{" "}
              <a className="govuk-link" href={`/events/${event.slug}/teams.csv`}>
                Download the teams (CSV)
              </a>
            </p>
            {page.unassigned.map((p) => (
              <div key={p.registrationId} className="govuk-!-margin-bottom-6">
                <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
                  {p.name}
                  {p.checkedIn ? <span className="govuk-body-s"> (checked in)</span> : null}
                </p>
                {p.choices.length ? (
                  <p className="govuk-body-s govuk-!-margin-bottom-1">Choices, first first: {p.choices.join("; ")}</p>
                ) : null}
                {p.skills.length ? (
                  <p className="govuk-body-s govuk-!-margin-bottom-1">Skills: {p.skills.join(", ")}</p>
                ) : null}
                {teamOptions.length ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="move" />
                    <input type="hidden" name="registrationId" value={p.registrationId} />
                    <div className="govuk-form-group govuk-!-margin-bottom-2">
                      <label className="govuk-label govuk-label--s" htmlFor={`team-for-${p.registrationId}`}>
                        Team for {p.name}
                      </label>
                      {replyFor(reply, { intent: "move", registrationId: p.registrationId })?.error?.[""]?.[0] ? (
                        <p className="govuk-error-message">
                          <span className="govuk-visually-hidden">Error:</span>{" "}
                          {replyFor(reply, { intent: "move", registrationId: p.registrationId })?.error?.[""]?.[0]}
                        </p>
                      ) : null}
                      <select className="govuk-select" id={`team-for-${p.registrationId}`} name="teamId">
                        {teamOptions.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </div>
                    <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                      Place<span className="govuk-visually-hidden"> {p.name}</span>
                    </button>
                  </Form>
                ) : null}
              </div>
            ))}
          </>
        ) : null}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Teams – ${data.event.title} – Nettle` : "Teams – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

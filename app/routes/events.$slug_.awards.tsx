import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EventAwards } from "~/components/events/awards";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Select, Textarea, TextField } from "~/components/forms";
import { replyFor, summaryFromReply, useNettleForm } from "~/components/use-form";
import { authorizeEvent } from "~/models/events/policy.server";
import {
  addAward,
  announceAwards,
  announcedAwards,
  awardsPage,
  giveAward,
  removeAward,
} from "~/models/judging/awards.server";
import { awardsForm } from "~/models/judging/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// Awards for the organisers: name them, give each to a team, announce them on the event page.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const page = await awardsPage(user, slug);
  const removing = page.awards.find((a) => a.id === new URL(request.url).searchParams.get("remove")) ?? null;
  return {
    ...page,
    announced: await announcedAwards(slug),
    removing: removing && { id: removing.id, name: removing.name },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const here = `/events/${slug}/awards`;
  return formAction(
    request,
    awardsForm,
    async (input) => {
      switch (input.intent) {
        case "add-award": {
          const { name } = await addAward(user, slug, input);
          return redirectWithFlash(here, {
            kind: "success",
            title: `“${name}” added`,
            body: "Announce it when you are ready.",
          });
        }
        case "give-award": {
          const { name } = await giveAward(user, slug, input.awardId, input.teamId);
          return redirectWithFlash(here, { kind: "success", title: `“${name}” saved` });
        }
        case "remove-award": {
          const { name } = await removeAward(user, slug, input.awardId);
          return redirectWithFlash(here, { kind: "success", title: `“${name}” removed` });
        }
        case "announce": {
          const { announced } = await announceAwards(user, slug);
          return redirectWithFlash(here, {
            kind: "success",
            title: `${announced} ${announced === 1 ? "award" : "awards"} announced`,
            body: "They are on the event's page.",
          });
        }
      }
    },
    { authorize: async () => void (await authorizeEvent(user, { slug }, "runJudging")) },
  );
}

export default function AwardsRoute() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [, fields] = useNettleForm(awardsForm, {
    id: "add-award",
    lastResult: replyFor(reply, { intent: "add-award" }),
  });
  const base = `/events/${page.event.slug}`;
  const teamOptions = page.teams.map((t) => ({ value: t.id, label: `${t.name} (${t.challengeTitle})` }));
  const waiting = page.awards.filter((a) => a.team && !a.announcedAt).length;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`${base}/judging`}>
          Judging
        </Link>
        <ErrorSummary errors={summaryFromReply(reply)} />
        <span className="govuk-caption-l">{page.event.title}</span>
        <h1 className="govuk-heading-l">Awards</h1>

        {page.removing ? (
          <Form method="post" className="govuk-!-margin-bottom-6">
            <input type="hidden" name="intent" value="remove-award" />
            <input type="hidden" name="awardId" value={page.removing.id} />
            <h2 className="govuk-heading-m">Remove “{page.removing.name}”?</h2>
            <p className="govuk-body">If it was announced, it disappears from the event's page.</p>
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                Yes, remove it
              </button>
              <Link className="govuk-link" to=".">
                Cancel
              </Link>
            </div>
          </Form>
        ) : null}

        {page.awards.length === 0 ? <p className="govuk-body">No awards yet.</p> : null}
        {page.awards.map((award) => (
          <div key={award.id} className="govuk-!-margin-bottom-6">
            <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
              {award.name}{" "}
              {award.announcedAt ? (
                <strong className="govuk-tag govuk-tag--green">Announced</strong>
              ) : (
                <strong className="govuk-tag govuk-tag--grey">Not announced</strong>
              )}
            </h2>
            {award.description ? <p className="govuk-body-s govuk-!-margin-bottom-1">{award.description}</p> : null}
            {award.peoplesChoice ? (
              <p className="govuk-body">Chosen by the attendees' vote: {award.team?.name ?? "nobody"}</p>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="give-award" />
                <input type="hidden" name="awardId" value={award.id} />
                <AwardTeam
                  id={`team-${award.id}`}
                  label={`Team for ${award.name}`}
                  defaultValue={award.team?.id ?? ""}
                  error={replyFor(reply, { intent: "give-award", awardId: award.id })?.error?.teamId?.[0]}
                  options={teamOptions}
                />
                <button
                  type="submit"
                  className="govuk-button govuk-button--secondary govuk-!-margin-right-2"
                  data-module="govuk-button"
                >
                  Save<span className="govuk-visually-hidden"> {award.name}</span>
                </button>
              </Form>
            )}
            <Link className="govuk-link" to={`?remove=${encodeURIComponent(award.id)}`}>
              Remove<span className="govuk-visually-hidden"> {award.name}</span>
            </Link>
          </div>
        ))}

        {waiting > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="announce" />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Announce {waiting} {waiting === 1 ? "award" : "awards"}
            </button>
          </Form>
        ) : null}
        {page.votingState !== "closed" ? (
          <p className="govuk-body">
            The people's choice award is added when you{" "}
            <Link className="govuk-link" to={`${base}/voting`}>
              close voting
            </Link>
            .
          </p>
        ) : null}

        <Form method="post" id="add-award" noValidate>
          <input type="hidden" name="intent" value="add-award" />
          <h2 className="govuk-heading-m">Add an award</h2>
          <TextField
            field={fields.name!}
            label="Name"
            hint="For example, “Best use of open data” or “Most likely to be adopted”."
          />
          <Textarea field={fields.description!} label="Why it was given (optional)" rows={2} />
          <Select field={fields.teamId!} label="Team (optional)" placeholder="Choose later" options={teamOptions} />
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Add award
          </button>
        </Form>

        {page.announced.length > 0 ? (
          <>
            <h2 className="govuk-heading-m">As the event's page shows them</h2>
            <EventAwards awards={page.announced} headingLevel={3} />
          </>
        ) : null}
      </div>
    </div>
  );
}

/** One award's team: each award on the page has its own select, so each needs its own id. */
function AwardTeam(props: {
  id: string;
  label: string;
  defaultValue: string;
  error?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div className={`govuk-form-group${props.error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.error ? (
        <p id={`${props.id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {props.error}
        </p>
      ) : null}
      <select
        className="govuk-select"
        id={props.id}
        name="teamId"
        defaultValue={props.defaultValue}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      >
        <option value="">No team yet</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Awards – ${data.event.title} – Nettle` : "Awards – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

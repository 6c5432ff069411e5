import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import {
  challengesAwaitingReview,
  dataCardChangesAwaitingReview,
  RECENT_EDIT_DAYS,
  recentEditsForHubs,
} from "~/models/challenges/review.server";
import { hubsOrganisedBy } from "~/models/organisations/hub.server";
import { RuleError } from "~/models/organisations/membership.server";
import { requirePermission } from "~/models/platform/permissions.server";
import {
  claimsAwaiting,
  COMMENT_MAX,
  councilIdInput,
  findOrganisationRef,
  rejectClaim,
  rejectInput,
  verifyCouncil,
} from "~/models/organisations/verification.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { badRequest, fieldErrors, keepValues, readForm } from "~/services/form.server";
import { TableHead } from "~/components/table-head";
import { participantKindLabels } from "~/models/accounts/participant-kinds";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await requirePermission(user, "hub:dashboard");
  const [hubs, claims, challenges, dataCardChanges, recentEdits] = await Promise.all([
    hubsOrganisedBy(user.id),
    claimsAwaiting(user),
    challengesAwaitingReview(user),
    dataCardChangesAwaitingReview(user),
    recentEditsForHubs(user),
  ]);
  const rejecting = new URL(request.url).searchParams.get("reject");
  return {
    isAdmin: user.isAdmin,
    hubs: hubs.map((hub) => ({
      slug: hub.slug,
      name: hub.name,
      regions: hub.servesRegions,
      councils: hub._count.servedCouncils,
    })),
    claims,
    challenges,
    dataCardChanges,
    recentEdits,
    recentEditDays: RECENT_EDIT_DAYS,
    rejecting: claims.find((claim) => claim.id === rejecting && !claim.ownClaim) ?? null,
    commentMax: COMMENT_MAX,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const values = keepValues(form);
  const intent = form.get("intent");
  if (intent !== "verify" && intent !== "reject") throw badRequest("Nettle did not understand that request.");
  const target = councilIdInput.safeParse({ councilId: form.get("councilId") ?? "" });
  if (!target.success) return data({ errors: fieldErrors(target.error), values }, { status: 400 });
  const council = await findOrganisationRef(target.data.councilId);
  if (!council) throw new Response("Not found", { status: 404 });
  await requirePermission(user, "council:verify", council);
  const decision = rejectInput.safeParse({ councilId: council.id, comment: form.get("comment") ?? "" });
  if (intent === "reject" && !decision.success)
    return data({ errors: fieldErrors(decision.error), values }, { status: 400 });
  try {
    if (intent === "verify") {
      await verifyCouncil(user, council.id);
      return redirectWithFlash("/hub", {
        kind: "success",
        title: `${council.name} is verified`,
        body: "We have emailed the officer who claimed it.",
      });
    }
    await rejectClaim(user, council.id, decision.data?.comment ?? "");
    return redirectWithFlash("/hub", {
      kind: "success",
      title: `The claim to ${council.name} is rejected`,
      body: "We have emailed the officer who claimed it with your comment. The council can be claimed again.",
    });
  } catch (error) {
    if (error instanceof RuleError) return data({ errors: { form: error.message }, values }, { status: error.status });
    throw error;
  }
}

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

export default function HubDashboard() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <ErrorSummary errors={result?.errors} />
        <h1 className="govuk-heading-xl">Hub dashboard</h1>
        {page.rejecting ? <RejectClaim /> : null}

        <ChallengesToReview />
        <DataCardChangesToReview />

        <h2 className="govuk-heading-m">Councils waiting for verification</h2>
        {page.claims.length === 0 ? (
          <p className="govuk-body">
            No councils are waiting. When an officer claims a council your {page.isAdmin ? "platform" : "hubs"} serve,
            it appears here.
          </p>
        ) : (
          <>
            <p className="govuk-body">
              Check that each person works for the council they claimed, for example from their work email address or by
              contacting the council, before you verify it.
            </p>
            <table role="table" className="govuk-table nettle-table-stack">
              <caption className="govuk-table__caption govuk-visually-hidden">
                Councils waiting for verification
              </caption>
              <TableHead columns={["Council", "Claimed by", "Claimed on", { hidden: "Decision" }]} />
              <tbody role="rowgroup" className="govuk-table__body">
                {page.claims.map((claim) => (
                  <tr role="row" className="govuk-table__row" key={claim.id}>
                    <td role="cell" className="govuk-table__cell">
                      <Link className="govuk-link" to={`/organisations/${claim.slug}`}>
                        {claim.name}
                      </Link>
                      {claim.region ? <span className="govuk-body-s govuk-!-display-block">{claim.region}</span> : null}
                    </td>
                    <td role="cell" data-label="Claimed by" className="govuk-table__cell">
                      {claim.claimant ? (
                        <>
                          {claim.claimant.displayName}
                          {claim.claimant.email ? (
                            <span className="govuk-body-s govuk-!-display-block nettle-user-text">{claim.claimant.email}</span>
                          ) : null}
                          <span className="govuk-body-s govuk-!-display-block">
                            Says they are: {participantKindLabels[claim.claimant.kind] ?? claim.claimant.kind}
                          </span>
                        </>
                      ) : (
                        "Former member"
                      )}
                    </td>
                    <td role="cell" data-label="Claimed on" className="govuk-table__cell">
                      {claim.claimedAt ? dateFormat.format(new Date(claim.claimedAt)) : "–"}
                    </td>
                    <td role="cell" className="govuk-table__cell">
                      {claim.ownClaim ? (
                        <span className="govuk-body-s">Your own claim: another organiser decides.</span>
                      ) : (
                        <div className="govuk-button-group govuk-!-margin-bottom-0">
                          <Form method="post">
                            <input type="hidden" name="intent" value="verify" />
                            <input type="hidden" name="councilId" value={claim.id} />
                            <button
                              type="submit"
                              className="govuk-button govuk-!-margin-bottom-0"
                              data-module="govuk-button"
                            >
                              Verify<span className="govuk-visually-hidden"> {claim.name}</span>
                            </button>
                          </Form>
                          <Link className="govuk-link" to={`/hub?reject=${claim.id}`}>
                            Reject<span className="govuk-visually-hidden"> the claim to {claim.name}</span>
                          </Link>
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}

        <h2 className="govuk-heading-m">Your hubs</h2>
        {page.hubs.length === 0 ? (
          <p className="govuk-body">
            You do not organise a hub. As a platform administrator you can verify any council.
          </p>
        ) : (
          <ul className="govuk-list">
            {page.hubs.map((hub) => (
              <li key={hub.slug} className="govuk-!-margin-bottom-4">
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                  <Link className="govuk-link" to={`/organisations/${hub.slug}`}>
                    {hub.name}
                  </Link>
                </h3>
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  Serves {hub.regions.length > 0 ? hub.regions.join(", ") : "no whole regions"}
                  {hub.councils > 0
                    ? ` and ${hub.councils} council${hub.councils === 1 ? "" : "s"} chosen one by one`
                    : ""}
                  .
                </p>
                <p className="govuk-body-s">
                  <Link className="govuk-link" to={`/hub/${hub.slug}/challenges`}>
                    Challenges<span className="govuk-visually-hidden"> from the councils {hub.name} serves</span>
                  </Link>{" "}
                  ·{" "}
                  <Link className="govuk-link" to={`/hub/${hub.slug}/councils`}>
                    Change the councils {hub.name} serves
                  </Link>{" "}
                  ·{" "}
                  <Link className="govuk-link" to={`/organisations/${hub.slug}/members`}>
                    Organisers
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
        <RecentEdits />
      </div>
    </div>
  );
}

function DataCardChangesToReview() {
  const { dataCardChanges } = useLoaderData<typeof loader>();
  if (dataCardChanges.length === 0) return null;
  return (
    <>
      <h2 className="govuk-heading-m">Data card changes waiting for review</h2>
      <p className="govuk-body">
        Councils want to change the data of published challenges. The public sees the data card as last approved until
        you decide.
      </p>
      <ul className="govuk-list">
        {dataCardChanges.map((c) => (
          <li key={c.id} className="govuk-!-margin-bottom-3">
            <Link className="govuk-link govuk-!-font-weight-bold" to={`/challenges/${c.id}/review`}>
              {c.title}
            </Link>
            <span className="govuk-body-s govuk-!-display-block">
              {c.councilName} · {c.changes === 1 ? "1 change" : `${c.changes} changes`}
              {c.since ? ` · since ${dateFormat.format(new Date(c.since))}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

function RecentEdits() {
  const { recentEdits, recentEditDays } = useLoaderData<typeof loader>();
  return (
    <>
      <h2 className="govuk-heading-m">Recent changes to published challenges</h2>
      {recentEdits.length === 0 ? (
        <p className="govuk-body">
          No council you serve has changed a published challenge in the last {recentEditDays} days.
        </p>
      ) : (
        <ul className="govuk-list">
          {recentEdits.map((edit) => (
            <li key={edit.id} className="govuk-!-margin-bottom-3">
              <Link className="govuk-link govuk-!-font-weight-bold" to={`/challenges/${edit.challengeId}/history`}>
                {edit.title}
              </Link>
              <span className="govuk-body-s govuk-!-display-block">
                {edit.councilName} changed {edit.fields.join(", ")} on {dateFormat.format(new Date(edit.at))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function ChallengesToReview() {
  const { challenges } = useLoaderData<typeof loader>();
  return (
    <>
      <h2 className="govuk-heading-m">Challenges waiting for review</h2>
      {challenges.length === 0 ? (
        <p className="govuk-body">
          No challenges are waiting. When a council you serve sends one for review, it appears here.
        </p>
      ) : (
        <ul className="govuk-list">
          {challenges.map((challenge) => (
            <li key={challenge.id} className="govuk-!-margin-bottom-3">
              <Link className="govuk-link govuk-!-font-weight-bold" to={`/challenges/${challenge.id}/review`}>
                {challenge.title || "Untitled challenge"}
              </Link>
              <span className="govuk-body-s govuk-!-display-block">
                {challenge.organisation.name}
                {challenge.submittedAt ? ` · sent ${dateFormat.format(new Date(challenge.submittedAt))}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function RejectClaim() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const claim = page.rejecting!;
  const error = result?.errors.comment;
  return (
    <div className="govuk-inset-text">
      <h2 className="govuk-heading-m">Reject the claim to {claim.name}?</h2>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          {claim.claimant?.displayName ?? "The claimant"} will be removed from {claim.name} and emailed your comment.
          The council can then be claimed again.
        </strong>
      </div>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="reject" />
        <input type="hidden" name="councilId" value={claim.id} />
        <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="comment">
            Why are you rejecting the claim?
          </label>
          <div id="comment-hint" className="govuk-hint">
            The officer will see this. Up to {page.commentMax} characters.
          </div>
          {error ? (
            <p id="comment-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <textarea
            className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
            id="comment"
            name="comment"
            rows={4}
            defaultValue={result?.values.comment}
            aria-describedby={`comment-hint${error ? " comment-error" : ""}`}
          />
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
            Reject claim
          </button>
          <Link className="govuk-link" to="/hub">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Hub dashboard – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

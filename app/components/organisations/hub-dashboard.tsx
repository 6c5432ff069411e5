import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { Textarea } from "~/components/forms";
import { formatDate } from "~/components/organisations/format";
import { TableHead } from "~/components/table-head";
import { replyFor, useNettleForm } from "~/components/use-form";
import type { ParticipantKind } from "~/generated/prisma/enums";
import { participantKindLabels } from "~/models/accounts/participant-kinds";
import { claimDecisionForm, COMMENT_MAX } from "~/models/organisations/schemas";

// The sections of the hub dashboard: what waits for the organiser's review, the claims to
// councils their hubs serve, their hubs, and recent changes to published challenges.

interface Claim {
  id: string;
  slug: string;
  name: string;
  region: string | null;
  claimedAt: Date | string | null;
  claimant: { displayName: string; email: string | null; kind: ParticipantKind } | null;
  ownClaim: boolean;
}

export function ClaimsToVerify({ claims, isAdmin }: { claims: Claim[]; isAdmin: boolean }) {
  return (
    <>
      <h2 className="govuk-heading-m">Councils waiting for verification</h2>
      {claims.length === 0 ? (
        <p className="govuk-body">
          No councils are waiting. When an officer claims a council your {isAdmin ? "platform" : "hubs"} serve, it appears
          here.
        </p>
      ) : (
        <>
          <p className="govuk-body">
            Check that each person works for the council they claimed, for example from their work email address or by
            contacting the council, before you verify it.
          </p>
          <table role="table" className="govuk-table nettle-table-stack">
            <caption className="govuk-table__caption govuk-visually-hidden">Councils waiting for verification</caption>
            <TableHead columns={["Council", "Claimed by", "Claimed on", { hidden: "Decision" }]} />
            <tbody role="rowgroup" className="govuk-table__body">
              {claims.map((claim) => (
                <ClaimRow key={claim.id} claim={claim} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

function ClaimRow({ claim }: { claim: Claim }) {
  return (
    <tr role="row" className="govuk-table__row">
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
        {claim.claimedAt ? formatDate(claim.claimedAt) : "–"}
      </td>
      <td role="cell" className="govuk-table__cell">
        {claim.ownClaim ? (
          <span className="govuk-body-s">Your own claim: another organiser decides.</span>
        ) : (
          <div className="govuk-button-group govuk-!-margin-bottom-0">
            <Form method="post">
              <input type="hidden" name="intent" value="verify" />
              <input type="hidden" name="councilId" value={claim.id} />
              <button type="submit" className="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">
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
  );
}

/** Asks why before a claim is rejected: the officer is emailed the comment. */
export function RejectClaim({ claim, reply }: { claim: Claim; reply: unknown }) {
  const [form, fields] = useNettleForm(claimDecisionForm, {
    id: "reject",
    lastResult: replyFor(reply, { intent: "reject", councilId: claim.id }),
  });
  return (
    <div className="govuk-inset-text">
      <h2 className="govuk-heading-m">Reject the claim to {claim.name}?</h2>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          {claim.claimant?.displayName ?? "The claimant"} will be removed from {claim.name} and emailed your comment. The
          council can then be claimed again.
        </strong>
      </div>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="reject" />
        <input type="hidden" name="councilId" value={claim.id} />
        <Textarea
          field={fields.comment}
          label="Why are you rejecting the claim?"
          labelClass="govuk-label--s"
          hint={`The officer will see this. Up to ${COMMENT_MAX} characters.`}
          rows={4}
        />
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

export function YourHubs({ hubs }: { hubs: { slug: string; name: string; regions: string[]; councils: number }[] }) {
  return (
    <>
      <h2 className="govuk-heading-m">Your hubs</h2>
      {hubs.length === 0 ? (
        <p className="govuk-body">You do not organise a hub. As a platform administrator you can verify any council.</p>
      ) : (
        <ul className="govuk-list">
          {hubs.map((hub) => (
            <li key={hub.slug} className="govuk-!-margin-bottom-4">
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                <Link className="govuk-link" to={`/organisations/${hub.slug}`}>
                  {hub.name}
                </Link>
              </h3>
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                Serves {hub.regions.length > 0 ? hub.regions.join(", ") : "no whole regions"}
                {hub.councils > 0 ? ` and ${hub.councils} council${hub.councils === 1 ? "" : "s"} chosen one by one` : ""}.
              </p>
              <p className="govuk-body-s">
                <Link className="govuk-link" to={`/hub/${hub.slug}/challenges`}>
                  Challenges<span className="govuk-visually-hidden"> from the councils {hub.name} serves</span>
                </Link>{" "}
                ·{" "}
                <Link className="govuk-link" to={`/hub/${hub.slug}/projects`}>
                  Projects<span className="govuk-visually-hidden"> of the councils {hub.name} serves</span>
                </Link>{" "}
                ·{" "}
                <Link className="govuk-link" to={`/hub/${hub.slug}/figures`}>
                  Figures<span className="govuk-visually-hidden"> for {hub.name}</span>
                </Link>{" "}
                ·{" "}
                <Link className="govuk-link" to={`/hub/${hub.slug}/events`}>
                  Events<span className="govuk-visually-hidden"> {hub.name} runs</span>
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
    </>
  );
}

export function ChallengesToReview({
  challenges,
}: {
  challenges: { id: string; title: string | null; organisation: { name: string }; submittedAt: Date | string | null }[];
}) {
  return (
    <>
      <h2 className="govuk-heading-m">Challenges waiting for review</h2>
      {challenges.length === 0 ? (
        <p className="govuk-body">No challenges are waiting. When a council you serve sends one for review, it appears here.</p>
      ) : (
        <ul className="govuk-list">
          {challenges.map((challenge) => (
            <li key={challenge.id} className="govuk-!-margin-bottom-3">
              <Link className="govuk-link govuk-!-font-weight-bold" to={`/challenges/${challenge.id}/review`}>
                {challenge.title || "Untitled challenge"}
              </Link>
              <span className="govuk-body-s govuk-!-display-block">
                {challenge.organisation.name}
                {challenge.submittedAt ? ` · sent ${formatDate(challenge.submittedAt)}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function DataCardChangesToReview({
  changes,
}: {
  changes: { id: string; title: string; councilName: string; changes: number; since: Date | string | null }[];
}) {
  if (changes.length === 0) return null;
  return (
    <>
      <h2 className="govuk-heading-m">Data card changes waiting for review</h2>
      <p className="govuk-body">
        Councils want to change the data of published challenges. The public sees the data card as last approved until
        you decide.
      </p>
      <ul className="govuk-list">
        {changes.map((c) => (
          <li key={c.id} className="govuk-!-margin-bottom-3">
            <Link className="govuk-link govuk-!-font-weight-bold" to={`/challenges/${c.id}/review`}>
              {c.title}
            </Link>
            <span className="govuk-body-s govuk-!-display-block">
              {c.councilName} · {c.changes === 1 ? "1 change" : `${c.changes} changes`}
              {c.since ? ` · since ${formatDate(c.since)}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function RecentEdits({
  edits,
  days,
}: {
  edits: { id: string; challengeId: string; title: string; councilName: string; fields: string[]; at: Date | string }[];
  days: number;
}) {
  return (
    <>
      <h2 className="govuk-heading-m">Recent changes to published challenges</h2>
      {edits.length === 0 ? (
        <p className="govuk-body">No council you serve has changed a published challenge in the last {days} days.</p>
      ) : (
        <ul className="govuk-list">
          {edits.map((edit) => (
            <li key={edit.id} className="govuk-!-margin-bottom-3">
              <Link className="govuk-link govuk-!-font-weight-bold" to={`/challenges/${edit.challengeId}/history`}>
                {edit.title}
              </Link>
              <span className="govuk-body-s govuk-!-display-block">
                {edit.councilName} changed {edit.fields.join(", ")} on {formatDate(edit.at)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ChallengeSummary, WarningText } from "~/components/challenge-summary";
import { DataCardChanges } from "~/components/data-card-changes";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Textarea } from "~/components/forms";
import { getChallengeForReview } from "~/models/challenges/review.server";
import { decideDatasetChange } from "~/models/challenges/data-card.server";
import { ChallengeRuleError, transitionChallenge } from "~/models/challenges/lifecycle.server";
import { statusLabels, transitionLabels, type Transition } from "~/models/challenges/status";
import { requireUser } from "~/services/auth.server";
import { prisma } from "~/services/db.server";
import { redirectWithFlash } from "~/services/flash.server";
import { badRequest, keepValues, readForm } from "~/services/form.server";

// A challenge's private page for its council and the hub organisers reviewing it, and the one
// place its lifecycle moves: POST transition = submit | approve | request-changes | … , and
// where organisers decide on changes to the data card of a published challenge.

const TRANSITIONS = Object.keys(transitionLabels) as Transition[];
const isTransition = (value: unknown): value is Transition => TRANSITIONS.includes(value as Transition);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Who may see what is decided in the model (getChallengeForReview → challengeAccess).
  const result = await getChallengeForReview(user, params.id ?? "");
  if (result.kind === "not-found") throw new Response("Not found", { status: 404 });
  if (result.kind === "public-page") throw redirect(`/challenges/${result.slug}`);
  const { page } = result;
  const search = new URL(request.url).searchParams;
  const sendingBack = search.get("send-back");
  return {
    ...page,
    statusLabel: statusLabels[page.challenge.status],
    confirmingWithdraw: search.get("confirm") === "withdraw" && page.transitions.includes("withdraw"),
    sendingBack: page.decideDataCard ? (page.dataCardChanges.find((c) => c.id === sendingBack)?.id ?? null) : null,
  };
}

const done: Record<Transition, (title: string) => { title: string; body?: string }> = {
  submit: () => ({ title: "Your challenge has been sent for hub review" }),
  approve: (title) => ({ title: `“${title}” is published`, body: "People can now find it and offer to help." }),
  "request-changes": () => ({
    title: "Changes requested",
    body: "The council can see your comment and will send the challenge again.",
  }),
  start: () => ({ title: "The challenge is marked as in progress" }),
  deliver: () => ({ title: "The challenge is marked as delivered" }),
  "publish-outcome": () => ({ title: "The outcome is marked as published" }),
  close: () => ({ title: "The challenge is closed" }),
  withdraw: (title) => ({ title: `“${title || "Untitled challenge"}” has been withdrawn` }),
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  const form = await readForm(request);
  const values = keepValues(form);
  const intent = form.get("intent");
  if (intent === "approve-data-change" || intent === "send-back-data-change") {
    return decideDataCard(user, id, intent, form, values);
  }
  const transition = form.get("transition");
  if (!isTransition(transition)) throw badRequest("Nettle did not understand that request.");
  const here = `/challenges/${id}/review`;
  // Withdrawing cannot be undone: it always goes through the confirmation page first.
  if (transition === "withdraw" && form.get("confirm") !== "yes") throw redirect(`${here}?confirm=withdraw`);
  const comment = form.get("comment");
  try {
    await transitionChallenge(user, id, transition, typeof comment === "string" ? comment : undefined);
  } catch (error) {
    if (!(error instanceof ChallengeRuleError)) throw error;
    if (error.status === 403 || error.status === 404) throw new Response(error.message, { status: error.status });
    return data({ errors: { [error.field ?? "form"]: error.message }, values }, { status: error.status });
  }
  const { title } = await prisma.challenge.findUniqueOrThrow({ where: { id }, select: { title: true } });
  const to = transition === "approve" || transition === "request-changes" ? "/hub" : here;
  return redirectWithFlash(to, { kind: "success", ...done[transition](title) });
}

async function decideDataCard(
  user: Awaited<ReturnType<typeof requireUser>>,
  id: string,
  intent: "approve-data-change" | "send-back-data-change",
  form: FormData,
  values: Record<string, string>,
) {
  const changeId = form.get("changeId");
  const comment = form.get("dataComment");
  if (typeof changeId !== "string" || !/^\w{1,64}$/.test(changeId)) {
    throw badRequest("Nettle did not understand that request.");
  }
  const here = `/challenges/${id}/review`;
  try {
    const decision = intent === "approve-data-change" ? "approve" : "send-back";
    const { title } = await decideDatasetChange(
      user,
      id,
      changeId,
      decision,
      typeof comment === "string" ? comment : "",
    );
    return redirectWithFlash(here, {
      kind: "success",
      title: decision === "approve" ? `The change to ${title} is approved` : `The change to ${title} is sent back`,
      body: decision === "approve" ? "The public now sees it on the data card." : "The council can see your comment.",
    });
  } catch (error) {
    if (!(error instanceof ChallengeRuleError)) throw error;
    if (error.status === 403 || error.status === 404) throw new Response(error.message, { status: error.status });
    const field = error.field === "comment" ? "dataComment" : "form";
    return data({ errors: { [field]: error.message }, values }, { status: error.status });
  }
}

export default function ReviewChallenge() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { challenge } = page;
  const reviewing = page.transitions.includes("approve");
  const others = page.transitions.filter((t) => !["approve", "request-changes", "withdraw", "submit"].includes(t));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link
          className="govuk-back-link"
          to={page.reviewer && !page.council ? "/hub" : `/organisations/${page.organisation.slug}`}
        >
          {page.reviewer && !page.council ? "Hub dashboard" : page.organisation.name}
        </Link>
        <ErrorSummary errors={result?.errors} />
        <span className="govuk-caption-l">{page.organisation.name}</span>
        <h1 className="govuk-heading-l">{challenge.title || "Untitled challenge"}</h1>
        <p className="govuk-body">
          <strong className="govuk-tag">{page.statusLabel}</strong>
        </p>
        {page.confirmingWithdraw ? <ConfirmWithdraw /> : null}
        {page.reviewCommentHtml ? (
          <div className="govuk-inset-text">
            <p className="govuk-body govuk-!-font-weight-bold">Changes requested by the hub:</p>
            {/* Sanitised by renderMarkdown on the server. */}
            <div dangerouslySetInnerHTML={{ __html: page.reviewCommentHtml }} />
          </div>
        ) : null}
        {page.council && page.editable ? (
          <p className="govuk-body">
            <Link className="govuk-button" to={page.continueHref}>
              {challenge.status === "draft"
                ? "Continue"
                : challenge.status === "changes_requested"
                  ? "Make changes"
                  : "Change the challenge"}
            </Link>
          </p>
        ) : null}
        {challenge.status === "submitted" && page.council && !reviewing ? (
          <p className="govuk-body">
            A hub organiser will read your challenge, then publish it or ask you for changes.
          </p>
        ) : null}

        <ChallengeSummary challenge={challenge} html={page.html} editable={false} />
        <DataCardChanges
          changes={page.dataCardChanges}
          decide={page.decideDataCard}
          sendingBack={page.sendingBack}
          errors={result?.errors}
          values={result?.values}
        />
        <p className="govuk-body">
          {page.isPublic ? (
            <>
              <Link className="govuk-link" to={`/challenges/${challenge.slug}`}>
                See the public page
              </Link>
              {" · "}
            </>
          ) : null}
          <Link className="govuk-link" to={`/challenges/${challenge.id}/history`}>
            History
          </Link>
        </p>

        {reviewing ? <Review /> : null}
        {others.map((transition) => (
          <Form method="post" key={transition}>
            <input type="hidden" name="transition" value={transition} />
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              {transitionLabels[transition]}
            </button>
          </Form>
        ))}
        {page.transitions.includes("withdraw") && !page.confirmingWithdraw ? (
          <p className="govuk-body">
            <Link className="govuk-link" to="?confirm=withdraw">
              Withdraw this challenge
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}

function Review() {
  const result = useActionData<typeof action>();
  return (
    <>
      <h2 className="govuk-heading-m">Your review</h2>
      <p className="govuk-body">
        Check the challenge is clear to someone outside the council, that it is about a real local problem, and that the
        data card is sensible: data about people should never be an open download.
      </p>
      <Form method="post">
        <input type="hidden" name="transition" value="approve" />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Approve and publish
        </button>
      </Form>
      <Form method="post" noValidate>
        <input type="hidden" name="transition" value="request-changes" />
        <Textarea
          name="comment"
          label="Or ask the council for changes"
          labelClass="govuk-label--s"
          hint="The council officer will see this. Say what to change, for example: 'Please explain how you will know the project worked.' You can enter up to 5,000 characters."
          error={result?.errors.comment}
          defaultValue={result?.values.comment}
        />
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Request changes
        </button>
      </Form>
    </>
  );
}

function ConfirmWithdraw() {
  return (
    <div className="govuk-inset-text">
      <h2 className="govuk-heading-m">Withdraw this challenge?</h2>
      <WarningText>Nobody will be able to see or work on it any more, and you cannot undo this.</WarningText>
      <Form method="post" className="govuk-button-group govuk-!-margin-top-4">
        <input type="hidden" name="transition" value="withdraw" />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
          Withdraw challenge
        </button>
        <Link className="govuk-link" to=".">
          Cancel
        </Link>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  {
    title: page
      ? `${page.challenge.title || "Untitled challenge"} – ${page.statusLabel} – Nettle`
      : "Challenge – Nettle",
  },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

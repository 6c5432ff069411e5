import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ChallengeSummary } from "~/components/challenge-summary";
import { ConfirmWithdraw, ReviewDecision, TransitionButtons } from "~/components/challenges/review-forms";
import { DataCardChanges } from "~/components/data-card-changes";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { summaryFromReply } from "~/components/use-form";
import { decideDatasetChange } from "~/models/challenges/data-card.server";
import { transitionChallenge } from "~/models/challenges/lifecycle.server";
import { getChallengeForReview } from "~/models/challenges/review.server";
import { reviewForm } from "~/models/challenges/schemas";
import type { Transition } from "~/models/challenges/status";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash, type Flash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// A challenge's private page for its council and the hub organisers reviewing it, and the one
// place its lifecycle moves (the intent names the transition), and where organisers decide on
// changes to the data card of a published challenge.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Who may see what is decided in the model (getChallengeForReview asks the challenges policy).
  const result = await getChallengeForReview(user, params.id ?? "");
  if (result.kind === "public-page") throw redirect(`/challenges/${result.slug}`);
  const { page } = result;
  const search = new URL(request.url).searchParams;
  const sendingBack = search.get("send-back");
  return {
    ...page,
    confirmingWithdraw: search.get("confirm") === "withdraw" && page.transitions.includes("withdraw"),
    sendingBack: page.decideDataCard ? (page.dataCardChanges.find((c) => c.id === sendingBack)?.id ?? null) : null,
  };
}

const done: Record<Transition, (title: string) => Omit<Flash, "kind">> = {
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
  const here = `/challenges/${id}/review`;
  return formAction(request, reviewForm, async (form) => {
    if (form.intent === "approve-data-change" || form.intent === "send-back-data-change") {
      const sendBack = form.intent === "send-back-data-change";
      const { title } = await decideDatasetChange(
        user,
        id,
        form.changeId,
        sendBack ? "send-back" : "approve",
        sendBack ? form.dataComment : undefined,
      );
      return redirectWithFlash(here, {
        kind: "success",
        title: sendBack ? `The change to ${title} is sent back` : `The change to ${title} is approved`,
        body: sendBack ? "The council can see your comment." : "The public now sees it on the data card.",
      });
    }
    // Withdrawing cannot be undone: it always goes through the confirmation first.
    if (form.intent === "withdraw" && form.confirm !== "yes") return redirect(`${here}?confirm=withdraw`);
    const comment = form.intent === "request-changes" ? form.comment : undefined;
    const { title } = await transitionChallenge(user, id, form.intent, comment);
    const to = form.intent === "approve" || form.intent === "request-changes" ? "/hub" : here;
    return redirectWithFlash(to, { kind: "success", ...done[form.intent](title) });
  });
}

export default function ReviewChallenge() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { challenge } = page;
  const reviewing = page.transitions.includes("approve");
  const others = page.transitions.filter((t) => !["approve", "request-changes", "withdraw", "submit"].includes(t));
  const hubView = page.reviewer && !page.council;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={hubView ? "/hub" : `/organisations/${page.organisation.slug}`}>
          {hubView ? "Hub dashboard" : page.organisation.name}
        </Link>
        <ErrorSummary errors={summaryFromReply(reply)} />
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
          reply={reply}
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

        {reviewing ? <ReviewDecision reply={reply} /> : null}
        <TransitionButtons transitions={others} />
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

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import {
  ChallengesToReview,
  ClaimsToVerify,
  DataCardChangesToReview,
  RecentEdits,
  RejectClaim,
  YourHubs,
} from "~/components/organisations/hub-dashboard";
import { summaryFromReply } from "~/components/use-form";
import {
  challengesAwaitingReview,
  dataCardChangesAwaitingReview,
  RECENT_EDIT_DAYS,
  recentEditsForHubs,
} from "~/models/challenges/review.server";
import { hubsOrganisedBy } from "~/models/organisations/hub.server";
import { organisationPolicy } from "~/models/organisations/policy.server";
import { claimDecisionForm } from "~/models/organisations/schemas";
import { claimsAwaiting, rejectClaim, verifyCouncil } from "~/models/organisations/verification.server";
import { NONE } from "~/models/platform/policy.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await organisationPolicy.authorize(user, "use_hub_dashboard", NONE);
  const [hubs, claims, challenges, dataCardChanges, recentEdits] = await Promise.all([
    hubsOrganisedBy(user),
    claimsAwaiting(user),
    challengesAwaitingReview(user),
    dataCardChangesAwaitingReview(user),
    recentEditsForHubs(user),
  ]);
  const rejecting = new URL(request.url).searchParams.get("reject");
  return {
    isAdmin: user.isAdmin,
    hubs,
    claims,
    challenges,
    dataCardChanges,
    recentEdits,
    recentEditDays: RECENT_EDIT_DAYS,
    rejecting: claims.find((claim) => claim.id === rejecting && !claim.ownClaim) ?? null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // The model asks again, for the council decided on; this refuses others before their input is read.
  await organisationPolicy.authorize(user, "use_hub_dashboard", NONE);
  return formAction(request, claimDecisionForm, async (form) => {
    if (form.intent === "verify") {
      const { name } = await verifyCouncil(user, form.councilId);
      return redirectWithFlash("/hub", { kind: "success", title: `${name} is verified`, body: "We have emailed the officer who claimed it." });
    }
    const { name } = await rejectClaim(user, form.councilId, form.comment);
    return redirectWithFlash("/hub", {
      kind: "success",
      title: `The claim to ${name} is rejected`,
      body: "We have emailed the officer who claimed it with your comment. The council can be claimed again.",
    });
  });
}

export default function HubDashboard() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <ErrorSummary errors={summaryFromReply(reply)} />
        <h1 className="govuk-heading-xl">Hub dashboard</h1>
        <p className="govuk-body">
          <Link className="govuk-link" to="/hub/taxonomy">
            Skills
          </Link>{" "}
          – the skills people list and councils ask for, and{" "}
          <Link className="govuk-link" to="/hub/taxonomy/proposals">
            skills people have proposed
          </Link>
          .
        </p>
        {page.rejecting ? <RejectClaim claim={page.rejecting} reply={reply} /> : null}
        <ChallengesToReview challenges={page.challenges} />
        <DataCardChangesToReview changes={page.dataCardChanges} />
        <ClaimsToVerify claims={page.claims} isAdmin={page.isAdmin} />
        <YourHubs hubs={page.hubs} />
        <RecentEdits edits={page.recentEdits} days={page.recentEditDays} />
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Hub dashboard – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

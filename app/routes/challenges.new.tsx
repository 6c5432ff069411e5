import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios } from "~/components/forms";
import { summaryFromReply, useNettleForm } from "~/components/use-form";
import { councilsForNewChallenge, startChallenge } from "~/models/challenges/lifecycle.server";
import { newChallengeForm } from "~/models/challenges/schemas";
import { editUrl } from "~/models/challenges/wizard";
import { requireVerifiedUser } from "~/services/auth.server";
import { formAction } from "~/services/form.server";

// Starting a challenge: choose which of your councils posts it, then the wizard begins.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const councils = await councilsForNewChallenge(user);
  const shown = ({ slug, name }: { slug: string; name: string }) => ({ slug, name });
  return {
    verified: councils.filter((council) => council.verified).map(shown),
    waiting: councils.filter((council) => !council.verified).map(shown),
    chosen: new URL(request.url).searchParams.get("organisation") ?? undefined,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  return formAction(request, newChallengeForm, async ({ organisation }) => {
    const draft = await startChallenge(user, organisation);
    return redirect(editUrl(draft.id, "problem"));
  });
}

export default function NewChallenge() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useNettleForm(newChallengeForm, { lastResult: reply, defaultValue: { organisation: page.chosen } });
  const only = page.verified.length === 1 ? page.verified[0] : undefined;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryFromReply(reply)} />
        <h1 className="govuk-heading-l">Post a challenge</h1>
        <p className="govuk-body">
          A challenge is a local problem that data could help with. You describe it in a few short steps, in plain words;
          it takes about 20 minutes and is saved as you go. A hub organiser checks it before it is published.
        </p>
        {page.verified.length === 0 ? (
          <NoCouncil />
        ) : (
          <Form method="post" {...getFormProps(form)}>
            {only ? (
              <>
                <input type="hidden" name="organisation" value={only.slug} />
                <p className="govuk-body">You are posting for {only.name}.</p>
              </>
            ) : (
              <Radios
                field={fields.organisation}
                legend="Which council is posting the challenge?"
                options={page.verified.map((council) => ({ value: council.slug, label: council.name }))}
              />
            )}
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Start
            </button>
          </Form>
        )}
        {page.waiting.length > 0 ? (
          <p className="govuk-inset-text">
            {page.waiting.map((council) => council.name).join(", ")} {page.waiting.length === 1 ? "is" : "are"} waiting
            for a hub organiser to verify {page.waiting.length === 1 ? "it" : "them"}. You can post challenges once that is
            done.
          </p>
        ) : null}
      </div>
    </div>
  );
}

function NoCouncil() {
  return (
    <>
      <h2 className="govuk-heading-m">You need a verified council first</h2>
      <p className="govuk-body">Challenges are posted by councils. To post one:</p>
      <ol className="govuk-list govuk-list--number">
        <li>
          <Link className="govuk-link" to="/organisations?kind=council">
            Find your council
          </Link>{" "}
          and claim it, or ask a colleague who already represents it on Nettle to invite you.
        </li>
        <li>A hub organiser checks that you work for the council and verifies it. We email you when they have.</li>
        <li>Come back here to post your challenge.</li>
      </ol>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Post a challenge – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

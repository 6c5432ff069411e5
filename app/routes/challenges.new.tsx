import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios } from "~/components/forms";
import { ChallengeRuleError, createDraft } from "~/models/challenges/lifecycle.server";
import { editUrl } from "~/models/challenges/wizard";
import { requireVerifiedUser } from "~/services/auth.server";
import { prisma } from "~/services/db.server";
import { readForm } from "~/services/form.server";

// Starting a challenge: choose which of your councils posts it, then the wizard begins.

async function councilsOf(userId: string) {
  const memberships = await prisma.membership.findMany({
    where: { userId, organisation: { kind: "council" } },
    orderBy: { organisation: { name: "asc" } },
    select: { organisation: { select: { id: true, slug: true, name: true, verifiedAt: true } } },
  });
  return memberships.map(({ organisation: org }) => ({ id: org.id, slug: org.slug, name: org.name, verified: org.verifiedAt !== null }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const councils = await councilsOf(user.id);
  return {
    verified: councils.filter((council) => council.verified),
    waiting: councils.filter((council) => !council.verified),
    chosen: new URL(request.url).searchParams.get("organisation") ?? undefined,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const form = await readForm(request);
  const slug = form.get("organisation");
  const councils = await councilsOf(user.id);
  const council = councils.find((c) => c.slug === slug);
  if (!council) return data({ errors: { organisation: "Choose which council is posting the challenge" } }, { status: 400 });
  if (!council.verified) {
    return data(
      { errors: { organisation: `${council.name} must be verified by a hub organiser before it can post challenges` } },
      { status: 409 },
    );
  }
  try {
    const draft = await createDraft(user, council.id);
    return redirect(editUrl(draft.id, "problem"));
  } catch (error) {
    if (error instanceof ChallengeRuleError) return data({ errors: { organisation: error.message } }, { status: error.status });
    throw error;
  }
}

export default function NewChallenge() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const only = page.verified.length === 1 ? page.verified[0] : undefined;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={result?.errors} />
        <h1 className="govuk-heading-l">Post a challenge</h1>
        <p className="govuk-body">
          A challenge is a local problem that data could help with. You describe it in a few short steps, in plain words;
          it takes about 20 minutes and is saved as you go. A hub organiser checks it before it is published.
        </p>
        {page.verified.length === 0 ? (
          <NoCouncil />
        ) : (
          <Form method="post" noValidate>
            {only ? (
              <>
                <input type="hidden" name="organisation" value={only.slug} />
                <p className="govuk-body">You are posting for {only.name}.</p>
              </>
            ) : (
              <Radios
                name="organisation"
                legend="Which council is posting the challenge?"
                error={result?.errors.organisation}
                defaultValue={page.chosen}
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

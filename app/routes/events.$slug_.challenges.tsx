import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Checkboxes, ErrorSummary, TextField } from "~/components/forms";
import { summaryFromReply } from "~/components/use-form";
import { statusLabels as challengeStatusLabels } from "~/models/challenges/status";
import { getFeaturedChallengesPage, moveFeaturedChallengeUp, setFeaturedChallenges } from "~/models/events/event.server";
import { authorizeEvent } from "~/models/events/policy.server";
import { featuredChallengesForm } from "~/models/events/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// The challenges an event features: open or in-progress challenges of the councils the hub
// serves, ticked from a list (narrowed by a search), in an order organisers can change.
// Attendees rank them when registering and teams form around them.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  return { ...(await getFeaturedChallengesPage(user, params.slug ?? "", q)), q };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  await authorizeEvent(user, { slug }, "manage");
  const here = `/events/${slug}/challenges`;
  return formAction(request, featuredChallengesForm, async (form) => {
    if (form.intent === "move-up") {
      await moveFeaturedChallengeUp(user, slug, form.challengeId);
      return redirectWithFlash(here, { kind: "success", title: "The order is changed" });
    }
    const { count } = await setFeaturedChallenges(user, slug, form.challengeIds);
    return redirectWithFlash(here, { kind: "success", title: `${count} challenge${count === 1 ? "" : "s"} featured` });
  });
}

export default function FeaturedChallenges() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const errors = summaryFromReply(reply);
  const featuredIds = new Set(page.featured.map((c) => c.id));
  // Featured ones stay ticked even when the search hides them, so saving does not drop them.
  const hiddenFeatured = page.featured.filter((c) => !page.available.some((a) => a.id === c.id));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/events/${page.event.slug}/manage`}>
          Manage {page.event.title}
        </Link>
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{page.event.title}</span>
        <h1 className="govuk-heading-l">Featured challenges</h1>
        {page.featured.length > 0 ? (
          <>
            <h2 className="govuk-heading-m">In this order</h2>
            <ol className="govuk-list govuk-list--number">
              {page.featured.map((challenge, i) => (
                <li key={challenge.id}>
                  <Link className="govuk-link" to={`/challenges/${challenge.slug}`}>
                    {challenge.title}
                  </Link>{" "}
                  ({challenge.council})
                  {i > 0 ? (
                    <Form method="post" className="govuk-!-display-inline govuk-!-margin-left-2">
                      <input type="hidden" name="intent" value="move-up" />
                      <input type="hidden" name="challengeId" value={challenge.id} />
                      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1" data-module="govuk-button">
                        Move up<span className="govuk-visually-hidden"> {challenge.title}</span>
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ol>
          </>
        ) : (
          <p className="govuk-body">No challenges are featured yet. A hack day needs at least one before it is published.</p>
        )}

        <h2 className="govuk-heading-m">Choose challenges</h2>
        <Form method="get" role="search" aria-label="Search challenges">
          <TextField name="q" label="Search by title or council" defaultValue={page.q} type="search" />
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Search
          </button>
        </Form>
        {page.available.length === 0 ? (
          <p className="govuk-body">
            {page.q ? "No open challenges match your search." : "The councils this hub serves have no open or in-progress challenges."}
          </p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="choose" />
            {hiddenFeatured.map((c) => (
              <input type="hidden" name="challengeIds" value={c.id} key={c.id} />
            ))}
            <Checkboxes
              name="challengeIds"
              legend="Challenges to feature"
              hint="Open or in-progress challenges of the councils the hub serves."
              error={errors.challengeIds}
              defaultValues={[...featuredIds]}
              options={page.available.map((c) => ({ value: c.id, label: c.title, hint: `${c.council} · ${challengeStatusLabels[c.status]}` }))}
            />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Save featured challenges
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Featured challenges of ${data?.event.title ?? "event"} – Nettle` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

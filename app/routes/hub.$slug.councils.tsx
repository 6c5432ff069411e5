import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { AddCouncils, ChosenCouncils, RegionsForm } from "~/components/organisations/hub-councils";
import { summaryFromReply } from "~/components/use-form";
import {
  addHubCouncil,
  councilSearchInput,
  getHubBySlug,
  hubCouncilsPage,
  removeHubCouncil,
  setHubRegions,
} from "~/models/organisations/hub.server";
import { organisationPolicy } from "~/models/organisations/policy.server";
import { hubCouncilsForm } from "~/models/organisations/schemas";
import { notFound } from "~/models/platform/errors";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

async function findHub(slug: string | undefined) {
  const hub = await getHubBySlug(slug ?? "");
  if (!hub) throw notFound();
  return hub;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const hub = await findHub(params.slug);
  const { q } = councilSearchInput.parse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  return hubCouncilsPage(user, hub, q);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const hub = await findHub(params.slug);
  // The model asks again under its lock; this refuses others before their input is read.
  await organisationPolicy.authorize(user, "manage_hub_councils", hub);
  const back = `/hub/${hub.slug}/councils`;
  return formAction(request, hubCouncilsForm, async (form) => {
    if (form.intent === "regions") {
      const { changed } = await setHubRegions(user, hub.id, form.regions);
      return redirectWithFlash(back, { kind: "success", title: changed ? "Regions saved" : "Nothing changed" });
    }
    if (form.intent === "add") {
      const { name } = await addHubCouncil(user, hub.id, form.councilId);
      return redirectWithFlash(back, { kind: "success", title: `${hub.name} now serves ${name}` });
    }
    const { name } = await removeHubCouncil(user, hub.id, form.councilId);
    return redirectWithFlash(back, { kind: "success", title: `${hub.name} no longer serves ${name} by choice` });
  });
}

export default function HubCouncils() {
  const { hub, regions, councils, q, results } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/hub">
          Hub dashboard
        </Link>
        <ErrorSummary errors={summaryFromReply(reply)} />
        <span className="govuk-caption-l">{hub.name}</span>
        <h1 className="govuk-heading-l">Councils this hub serves</h1>
        <p className="govuk-body">
          Organisers of {hub.name} verify claims to the councils it serves: every council in the regions you choose, and
          any council you add one by one.
        </p>
        <RegionsForm regions={regions} serves={hub.servesRegions} reply={reply} />
        <ChosenCouncils councils={councils} />
        <AddCouncils hubName={hub.name} q={q} results={results} />
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Councils ${data.hub.name} serves – Nettle` : "Hub councils – Nettle" },
];

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <p className="govuk-body">
            There is no data hub at this address.{" "}
            <Link className="govuk-link" to="/hub">
              Go to the hub dashboard
            </Link>
            .
          </p>
        ),
      }}
    />
  );
}

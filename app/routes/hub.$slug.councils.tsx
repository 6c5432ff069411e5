import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import {
  addHubCouncil,
  councilRegions,
  councilSearchInput,
  findCouncilsToAdd,
  getHubBySlug,
  listHubCouncils,
  regionsInput,
  removeHubCouncil,
  setHubRegions,
} from "~/models/organisations/hub.server";
import { RuleError } from "~/models/organisations/membership.server";
import { requirePermission } from "~/models/platform/permissions.server";
import { councilIdInput } from "~/models/organisations/verification.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { badRequest, fieldErrors, readForm } from "~/services/form.server";

async function loadHub(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const hub = await getHubBySlug(slug ?? "");
  if (!hub) throw new Response("Not found", { status: 404 });
  await requirePermission(user, "hub:manage-councils", hub);
  return { user, hub };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await loadHub(request, params.slug);
  const { q } = councilSearchInput.parse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  const [regions, councils, results] = await Promise.all([
    councilRegions(),
    listHubCouncils(hub.id),
    findCouncilsToAdd(hub.id, q),
  ]);
  return { hub: { slug: hub.slug, name: hub.name, servesRegions: hub.servesRegions }, regions, councils, q, results };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, hub } = await loadHub(request, params.slug);
  const form = await readForm(request);
  const intent = form.get("intent");
  const back = `/hub/${hub.slug}/councils`;
  try {
    if (intent === "regions") {
      const parsed = regionsInput.safeParse({ regions: form.getAll("regions") });
      if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
      const { changed } = await setHubRegions(user, hub.id, parsed.data.regions);
      return redirectWithFlash(back, { kind: "success", title: changed ? "Regions saved" : "Nothing changed" });
    }
    if (intent === "add" || intent === "remove") {
      const parsed = councilIdInput.safeParse({ councilId: form.get("councilId") ?? "" });
      if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
      if (intent === "add") {
        const { name } = await addHubCouncil(user, hub.id, parsed.data.councilId);
        return redirectWithFlash(back, { kind: "success", title: `${hub.name} now serves ${name}` });
      }
      const { name } = await removeHubCouncil(user, hub.id, parsed.data.councilId);
      return redirectWithFlash(back, { kind: "success", title: `${hub.name} no longer serves ${name} by choice` });
    }
  } catch (error) {
    if (error instanceof RuleError)
      return data(
        { errors: { [error.field === "regions" ? "regions" : "form"]: error.message } },
        { status: error.status },
      );
    throw error;
  }
  throw badRequest("Nettle did not understand that request.");
}

export default function HubCouncils() {
  const { hub, regions, councils, q, results } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const regionsError = result?.errors.regions;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/hub">
          Hub dashboard
        </Link>
        <ErrorSummary errors={result?.errors} />
        <span className="govuk-caption-l">{hub.name}</span>
        <h1 className="govuk-heading-l">Councils this hub serves</h1>
        <p className="govuk-body">
          Organisers of {hub.name} verify claims to the councils it serves: every council in the regions you choose, and
          any council you add one by one.
        </p>

        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="regions" />
          <div className={`govuk-form-group${regionsError ? " govuk-form-group--error" : ""}`}>
            <fieldset className="govuk-fieldset" aria-describedby={regionsError ? "regions-error" : undefined}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
                <h2 className="govuk-fieldset__heading">Regions</h2>
              </legend>
              {regionsError ? (
                <p id="regions-error" className="govuk-error-message">
                  <span className="govuk-visually-hidden">Error:</span> {regionsError}
                </p>
              ) : null}
              <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                {regions.map((region, i) => {
                  const id = i === 0 ? "regions" : `regions-${i}`;
                  return (
                    <div className="govuk-checkboxes__item" key={region}>
                      <input
                        className="govuk-checkboxes__input"
                        id={id}
                        name="regions"
                        type="checkbox"
                        value={region}
                        defaultChecked={hub.servesRegions.includes(region)}
                      />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                        {region}
                      </label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          </div>
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Save regions
          </button>
        </Form>

        <h2 className="govuk-heading-m">Councils chosen one by one</h2>
        {councils.length === 0 ? (
          <p className="govuk-body">None yet.</p>
        ) : (
          <ul className="govuk-list">
            {councils.map((council) => (
              <li key={council.id}>
                <Form method="post" className="govuk-button-group govuk-!-margin-bottom-2">
                  <Link className="govuk-link" to={`/organisations/${council.slug}`}>
                    {council.name}
                  </Link>
                  {council.region ? <span className="govuk-body-s">{council.region}</span> : null}
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="councilId" value={council.id} />
                  <button
                    type="submit"
                    className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                    data-module="govuk-button"
                  >
                    Remove<span className="govuk-visually-hidden"> {council.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}

        <Form method="get" role="search" aria-label="Councils to add">
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="q">
              Add a council: search by name
            </label>
            <input
              className="govuk-input govuk-!-width-two-thirds"
              id="q"
              name="q"
              type="search"
              defaultValue={q}
              spellCheck={false}
            />
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Search
          </button>
        </Form>
        {q ? (
          results.length === 0 ? (
            <p className="govuk-body">
              No councils match “{q}” that {hub.name} does not already serve by choice.
            </p>
          ) : (
            <ul className="govuk-list">
              {results.map((council) => (
                <li key={council.id}>
                  <Form method="post" className="govuk-button-group govuk-!-margin-bottom-2">
                    <span className="govuk-body govuk-!-margin-bottom-0">
                      {council.name}
                      {council.region ? ` (${council.region})` : ""}
                    </span>
                    <input type="hidden" name="intent" value="add" />
                    <input type="hidden" name="councilId" value={council.id} />
                    <button
                      type="submit"
                      className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                      data-module="govuk-button"
                    >
                      Add<span className="govuk-visually-hidden"> {council.name}</span>
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )
        ) : null}
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

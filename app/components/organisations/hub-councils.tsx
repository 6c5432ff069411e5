import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { fieldError, replyFor, useNettleForm } from "~/components/use-form";
import { hubCouncilsForm } from "~/models/organisations/schemas";

// The parts of a hub's councils page: the regions it serves, the councils chosen one by one,
// and a search for councils to add.

/** Every region of the council register as a checkbox; the hub's current ones ticked. */
export function RegionsForm({ regions, serves, reply }: { regions: string[]; serves: string[]; reply: unknown }) {
  const [form, fields] = useNettleForm(hubCouncilsForm, {
    id: "regions",
    lastResult: replyFor(reply, { intent: "regions" }),
    defaultValue: { regions: serves },
  });
  const error = fieldError(fields.regions);
  const initial = fields.regions.initialValue;
  const ticked = Array.isArray(initial) ? initial : typeof initial === "string" ? [initial] : [];
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="regions" />
      <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
        <fieldset className="govuk-fieldset" aria-describedby={error ? "regions-error" : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h2 className="govuk-fieldset__heading">Regions</h2>
          </legend>
          {error ? (
            <p id="regions-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            {regions.map((region, i) => {
              // The first box has the field's own id, so the error summary's link lands on it.
              const id = i === 0 ? "regions" : `regions-${i}`;
              return (
                <div className="govuk-checkboxes__item" key={region}>
                  <input
                    className="govuk-checkboxes__input"
                    id={id}
                    name={fields.regions.name}
                    type="checkbox"
                    value={region}
                    defaultChecked={ticked.includes(region)}
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
  );
}

interface Council {
  id: string;
  name: string;
  region: string | null;
}

export function ChosenCouncils({ councils }: { councils: (Council & { slug: string })[] }) {
  return (
    <>
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
                <CouncilButton intent="remove" council={council} />
              </Form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Search (a GET form, so it works without JavaScript) and add councils one by one. */
export function AddCouncils({ hubName, q, results }: { hubName: string; q: string; results: Council[] }) {
  return (
    <>
      <Form method="get" role="search" aria-label="Councils to add">
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="q">
            Add a council: search by name
          </label>
          <input className="govuk-input govuk-!-width-two-thirds" id="q" name="q" type="search" defaultValue={q} spellCheck={false} />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Search
        </button>
      </Form>
      {!q ? null : results.length === 0 ? (
        <p className="govuk-body">
          No councils match “{q}” that {hubName} does not already serve by choice.
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
                <CouncilButton intent="add" council={council} />
              </Form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function CouncilButton({ intent, council }: { intent: "add" | "remove"; council: Council }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="councilId" value={council.id} />
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
        {intent === "add" ? "Add" : "Remove"}
        <span className="govuk-visually-hidden"> {council.name}</span>
      </button>
    </>
  );
}

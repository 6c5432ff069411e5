import { Form, Link } from "@remix-run/react";
import { Radios, TextField } from "~/components/forms";
import { frequencyOptions } from "~/models/saved-searches/schemas";

/**
 * "Save this search" under the challenge results: a form for people signed in (it posts to
 * the saved-search page, which shows any error beside its field), a sign-in link for others.
 */
export function SaveSearch({
  search,
  description,
  signedIn,
}: {
  search: string;
  description: string;
  signedIn: boolean;
}) {
  const here = search ? `/challenges?${search}` : "/challenges";
  if (!signedIn) {
    return (
      <p className="govuk-body">
        <Link className="govuk-link" to={`/signin?redirectTo=${encodeURIComponent(here)}`}>
          Sign in to save this search
        </Link>{" "}
        and hear when a new challenge matches it.
      </p>
    );
  }
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Save this search</span>
      </summary>
      <div className="govuk-details__text">
        <Form
          method="post"
          action={`/account/saved-searches/new?${new URLSearchParams({ target: "challenges", search })}`}
        >
          <input type="hidden" name="target" value="challenges" />
          <input type="hidden" name="search" value={search} />
          <TextField id="saved-search-name" name="name" label="Name of this search" defaultValue={description} />
          <Radios
            name="emailFrequency"
            legend="How do you want to hear about new challenges?"
            hint="They always appear in your notifications on Nettle."
            defaultValue="daily"
            options={frequencyOptions}
          />
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Save search
          </button>
        </Form>
      </div>
    </details>
  );
}

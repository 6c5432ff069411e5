import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios, Select, TextField } from "~/components/forms";
import { FrequencyRadios } from "~/components/saved-searches/frequency";
import { summaryErrors, useNettleForm, type MaybeReply } from "~/components/use-form";
import { newSavedSearchPage } from "~/models/saved-searches/saved-search.server";
import { challengeSearchForm, newSavedSearchForm, peopleSearchForm } from "~/models/saved-searches/schemas";
import { createSavedSearch } from "~/models/saved-searches/saved-search.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return newSavedSearchPage(user, new URL(request.url).searchParams);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return formAction(request, newSavedSearchForm, async (value) => {
    const saved = await createSavedSearch(user, value);
    return redirectWithFlash("/account/saved-searches", {
      kind: "success",
      title: `Search saved: ${saved.name}`,
      body: "You will hear about new results as you chose. You can change that here at any time.",
    });
  });
}

export default function NewSavedSearch() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={page.target === "challenges" ? page.runHref : "/account/saved-searches"}>
          Back
        </Link>
        {page.target === "challenges" ? (
          <ChallengeSearchForm page={page} reply={reply} />
        ) : page.councils.length === 0 ? (
          <>
            <h1 className="govuk-heading-l">Save a search for people</h1>
            <p className="govuk-body">
              Only members of a council can save a search for people, to hear when someone with the skills their council
              needs joins Nettle.
            </p>
            <p className="govuk-body">
              <Link className="govuk-link" to="/challenges">
                Find challenges instead
              </Link>
            </p>
          </>
        ) : (
          <PeopleSearchForm page={page} reply={reply} />
        )}
      </div>
    </div>
  );
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

function ChallengeSearchForm({ page, reply }: { page: Extract<Page, { target: "challenges" }>; reply: MaybeReply }) {
  const [form, fields] = useNettleForm(challengeSearchForm, {
    lastResult: reply,
    defaultValue: { target: "challenges", name: page.description, emailFrequency: "daily", search: page.search },
  });
  return (
    <>
      <ErrorSummary errors={summaryErrors(form)} />
      <h1 className="govuk-heading-l">Save this search</h1>
      <p className="govuk-body">
        Nettle will tell you when a new challenge matches{" "}
        <Link className="govuk-link" to={page.runHref}>
          {page.description}
        </Link>
        .
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="target" value="challenges" />
        <input type="hidden" name="search" value={page.search} />
        <TextField field={fields.name} label="Name of this search" labelClass="govuk-label--s" width="two-thirds" />
        <FrequencyRadios field={fields.emailFrequency} />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Save search
        </button>
      </Form>
    </>
  );
}

function PeopleSearchForm({ page, reply }: { page: Extract<Page, { target: "people" }>; reply: MaybeReply }) {
  const [form, fields] = useNettleForm(peopleSearchForm, {
    lastResult: reply,
    defaultValue: {
      target: "people",
      emailFrequency: "immediately",
      organisation: page.organisation ?? (page.councils.length === 1 ? page.councils[0]!.slug : ""),
    },
  });
  return (
    <>
      <ErrorSummary errors={summaryErrors(form)} />
      <h1 className="govuk-heading-l">Hear when someone with the right skills joins</h1>
      <p className="govuk-body">
        Nettle will tell you when someone who has these skills, and is open to invitations, joins or updates their
        profile.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="target" value="people" />
        {page.councils.length === 1 ? (
          <input type="hidden" name="organisation" value={page.councils[0]!.slug} />
        ) : (
          <Select
            field={fields.organisation}
            label="For which council?"
            labelClass="govuk-label--s"
            placeholder="Choose a council"
            options={page.councils.map((c) => ({ value: c.slug, label: c.name }))}
          />
        )}
        <TextField
          field={fields.skills}
          label="Skills"
          labelClass="govuk-label--s"
          hint="Separate skills with commas, for example: GIS, Python. Any name for a skill works. People must have all of them."
        />
        <Select
          field={fields.region}
          label="Region (optional)"
          labelClass="govuk-label--s"
          hint="People elsewhere who are happy to work remotely are included."
          placeholder="Anywhere"
          options={page.regions.map((r) => ({ value: r, label: r }))}
        />
        <Radios
          field={fields.kind}
          legend="Who (optional)"
          options={[
            { value: "", label: "Anyone" },
            { value: "volunteer", label: "Volunteers" },
            { value: "student", label: "Students" },
            { value: "academic", label: "Academics and researchers" },
          ]}
        />
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id="remoteOnly"
                name="remoteOnly"
                type="checkbox"
                value="yes"
                defaultChecked={fields.remoteOnly.initialValue === "yes"}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="remoteOnly">
                Only people happy to work remotely
              </label>
            </div>
          </div>
        </div>
        <TextField
          field={fields.name}
          label="Name of this search"
          labelClass="govuk-label--s"
          hint="For example: Hydrology for the flood map"
          width="two-thirds"
        />
        <FrequencyRadios field={fields.emailFrequency} />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Save search
        </button>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Save a search – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

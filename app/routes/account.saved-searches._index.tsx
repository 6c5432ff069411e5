import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { replyFor, summaryFromReply } from "~/components/use-form";
import {
  deleteSavedSearch,
  listSavedSearches,
  renameSavedSearch,
  setSavedSearchFrequency,
} from "~/models/saved-searches/saved-search.server";
import {
  frequencyLabels,
  frequencyOptions,
  manageSavedSearchForm,
  MAX_SAVED_SEARCHES,
} from "~/models/saved-searches/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const searches = await listSavedSearches(user);
  const deleting = new URL(request.url).searchParams.get("delete");
  return { searches, confirmDelete: searches.find((s) => s.id === deleting)?.id ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return formAction(request, manageSavedSearchForm, async (form) => {
    if (form.intent === "rename") {
      await renameSavedSearch(user, form.id, form.name);
      return redirectWithFlash("/account/saved-searches", { kind: "success", title: `Search renamed to ${form.name}` });
    }
    if (form.intent === "frequency") {
      const search = await setSavedSearchFrequency(user, form.id, form.emailFrequency);
      return redirectWithFlash("/account/saved-searches", {
        kind: "success",
        title: `${search.name}: ${frequencyLabels[form.emailFrequency].toLowerCase()}`,
      });
    }
    const search = await deleteSavedSearch(user, form.id);
    return redirectWithFlash("/account/saved-searches", { kind: "success", title: `Search deleted: ${search.name}` });
  });
}

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "Europe/London" });

export default function SavedSearches() {
  const { searches, confirmDelete } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/account">
          Back to your account
        </Link>
        <ErrorSummary errors={summaryFromReply(reply, inputIds(reply))} />
        <h1 className="govuk-heading-l">Saved searches</h1>
        <p className="govuk-body">
          Nettle tells you when something new matches a saved search: in your notifications at once, and by email if you
          choose. You can keep up to {MAX_SAVED_SEARCHES}.
        </p>
        <p className="govuk-body">
          To save a search for challenges,{" "}
          <Link className="govuk-link" to="/challenges">
            search the challenges
          </Link>{" "}
          and choose “Save this search”. Council members can also{" "}
          <Link className="govuk-link" to="/account/saved-searches/new?target=people">
            save a search for people
          </Link>
          .
        </p>
        {searches.length === 0 ? (
          <p className="govuk-body" id="no-saved-searches">
            You have no saved searches yet.
          </p>
        ) : (
          searches.map((search) => (
            <SavedSearchCard key={search.id} search={search} reply={reply} confirming={confirmDelete === search.id} />
          ))
        )}
      </div>
    </div>
  );
}

/** Error summary links go to the input of the search the error was about. */
function inputIds(reply: unknown) {
  const sent = (reply as { initialValue?: Record<string, unknown> } | undefined)?.initialValue;
  const id = typeof sent?.id === "string" ? sent.id : "";
  return { name: `name-${id}`, emailFrequency: `frequency-${id}` };
}

type Search = ReturnType<typeof useLoaderData<typeof loader>>["searches"][number];

function SavedSearchCard({ search, reply, confirming }: { search: Search; reply: unknown; confirming: boolean }) {
  const renameReply = replyFor(reply, { intent: "rename", id: search.id });
  const frequencyReply = replyFor(reply, { intent: "frequency", id: search.id });
  const nameError = renameReply?.error?.name?.[0];
  const frequencyError = frequencyReply?.error?.emailFrequency?.[0];
  const typedName = typeof renameReply?.initialValue?.name === "string" ? renameReply.initialValue.name : search.name;
  const headingId = `search-${search.id}`;
  return (
    <section className="govuk-summary-card" aria-labelledby={headingId}>
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title" id={headingId}>
          {search.name}
        </h2>
        <ul className="govuk-summary-card__actions">
          {search.runHref ? (
            <li className="govuk-summary-card__action">
              <Link className="govuk-link" to={search.runHref}>
                {search.target === "challenges" ? "Run this search" : "Go to the council"}
                <span className="govuk-visually-hidden"> ({search.name})</span>
              </Link>
            </li>
          ) : null}
          <li className="govuk-summary-card__action">
            <Link className="govuk-link" to={`/account/saved-searches?delete=${search.id}#${headingId}`}>
              Delete<span className="govuk-visually-hidden"> {search.name}</span>
            </Link>
          </li>
        </ul>
      </div>
      <div className="govuk-summary-card__content">
        {confirming ? (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              Delete “{search.name}”? You will stop hearing about it.
            </strong>
            <Form method="post" className="govuk-!-margin-top-3">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="id" value={search.id} />
              <div className="govuk-button-group">
                <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                  Yes, delete it
                </button>
                <Link className="govuk-link" to="/account/saved-searches">
                  No, keep it
                </Link>
              </div>
            </Form>
          </div>
        ) : null}
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Looks for</dt>
            <dd className="govuk-summary-list__value">
              {search.description}
              {search.council ? ` for ${search.council.name}` : ""}
              {search.council && !search.council.stillMember ? (
                <p className="govuk-body govuk-!-margin-top-2">
                  You are no longer a member of {search.council.name}, so this search finds nobody for you.
                </p>
              ) : null}
            </dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">How you hear</dt>
            <dd className="govuk-summary-list__value">{frequencyLabels[search.emailFrequency]}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Found so far</dt>
            <dd className="govuk-summary-list__value">
              {search.hitCount === 0
                ? "Nothing new since you saved it"
                : search.hitCount === 1
                  ? "1 result"
                  : `${search.hitCount} results`}
              {search.recent.length > 0 ? (
                <ul className="govuk-list">
                  {search.recent.map((hit) => (
                    <li key={hit.href}>
                      <Link className="govuk-link" to={hit.href}>
                        {hit.title}
                      </Link>{" "}
                      <span className="govuk-hint govuk-!-display-inline">
                        ({when.format(new Date(hit.createdAt))})
                      </span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </dd>
          </div>
        </dl>
        <Form method="post" className="govuk-!-margin-bottom-4">
          <input type="hidden" name="intent" value="frequency" />
          <input type="hidden" name="id" value={search.id} />
          <div className={`govuk-form-group${frequencyError ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor={`frequency-${search.id}`}>
              How do you want to hear about new results?
            </label>
            {frequencyError ? (
              <p id={`frequency-${search.id}-error`} className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {frequencyError}
              </p>
            ) : null}
            <select
              className={`govuk-select${frequencyError ? " govuk-select--error" : ""}`}
              id={`frequency-${search.id}`}
              name="emailFrequency"
              defaultValue={search.emailFrequency}
              aria-describedby={frequencyError ? `frequency-${search.id}-error` : undefined}
            >
              {frequencyOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>{" "}
            <button
              type="submit"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              data-module="govuk-button"
            >
              Change<span className="govuk-visually-hidden"> how you hear about {search.name}</span>
            </button>
          </div>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="rename" />
          <input type="hidden" name="id" value={search.id} />
          <div className={`govuk-form-group${nameError ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor={`name-${search.id}`}>
              Name
            </label>
            {nameError ? (
              <p id={`name-${search.id}-error`} className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {nameError}
              </p>
            ) : null}
            <input
              className={`govuk-input govuk-!-width-two-thirds${nameError ? " govuk-input--error" : ""}`}
              id={`name-${search.id}`}
              name="name"
              type="text"
              defaultValue={typedName}
              aria-describedby={nameError ? `name-${search.id}-error` : undefined}
            />{" "}
            <button
              type="submit"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              data-module="govuk-button"
            >
              Rename<span className="govuk-visually-hidden"> {search.name}</span>
            </button>
          </div>
        </Form>
      </div>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Saved searches – Nettle" }];

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <p className="govuk-body">
            That saved search no longer exists.{" "}
            <Link className="govuk-link" to="/account/saved-searches">
              See your saved searches
            </Link>
            .
          </p>
        ),
      }}
    />
  );
}

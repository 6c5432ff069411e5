import { getFormProps, type FormMetadata } from "@conform-to/react";
import { Form, Link, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorSummary } from "~/components/forms";
import { replyFor } from "~/components/use-form";
import { editUrl, stepTitles, WIZARD_STEPS, type WizardStep } from "~/models/challenges/wizard";

// What every page of the wizard shares: the way back, the error summary, the hub's comment when
// it asked for changes, where the officer is, the heading, and "Save and continue". Each step
// (one module beside this one) brings its own form. The people filling it in are council
// officers, not data specialists: every step explains itself in plain words with an example.

export interface StepFramePage {
  step: WizardStep;
  challengeId: string;
  organisation: { name: string; slug: string };
  reviewCommentHtml: string | null;
}

export function StepFrame({
  page,
  errors,
  heading = stepTitles[page.step],
  children,
}: {
  page: StepFramePage;
  /** The first error of each field, keyed by the field's id, for the error summary. */
  errors?: Record<string, string>;
  heading?: string;
  children: ReactNode;
}) {
  const index = WIZARD_STEPS.indexOf(page.step);
  const previous = index > 0 ? WIZARD_STEPS[index - 1] : undefined;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {previous ? (
          <Link className="govuk-back-link" to={editUrl(page.challengeId, previous)}>
            Back
          </Link>
        ) : (
          <Link className="govuk-back-link" to={`/organisations/${page.organisation.slug}`}>
            Back to {page.organisation.name}
          </Link>
        )}
        <ErrorSummary errors={errors} />
        {page.reviewCommentHtml ? <ChangesRequested html={page.reviewCommentHtml} /> : null}
        <span className="govuk-caption-l">
          {page.step === "check"
            ? page.organisation.name
            : `Step ${index + 1} of ${WIZARD_STEPS.length - 1} · ${page.organisation.name}`}
        </span>
        <h1 className="govuk-heading-l">{heading}</h1>
        {children}
      </div>
    </div>
  );
}

function ChangesRequested({ html }: { html: string }) {
  return (
    <div
      className="govuk-notification-banner"
      role="region"
      aria-labelledby="changes-requested-title"
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="changes-requested-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">Changes requested by the hub</p>
        {/* Sanitised by renderMarkdown on the server. */}
        <div dangerouslySetInnerHTML={{ __html: html }} />
        <p className="govuk-body">
          Make the changes, then send the challenge for review again from the check your answers page.
        </p>
      </div>
    </div>
  );
}

export function SaveAndContinue() {
  return (
    <>
      <button type="submit" name="intent" value="continue" className="govuk-button" data-module="govuk-button">
        Save and continue
      </button>
      <p className="govuk-body-s">
        Your answers are saved on each step. You can leave and carry on later from your council&apos;s page.
      </p>
    </>
  );
}

/** The props of a step's conform form. Its errors are in the summary and beside the fields. */
export const stepFormProps = <Schema extends Record<string, unknown>>(form: FormMetadata<Schema, string[]>) =>
  getFormProps(form, { ariaAttributes: false });

/** A step whose page is one form: its fields, then "Save and continue". */
export function StepForm<Schema extends Record<string, unknown>>({
  form,
  children,
}: {
  form: FormMetadata<Schema, string[]>;
  children: ReactNode;
}) {
  return (
    <Form method="post" {...stepFormProps(form)}>
      {children}
      <SaveAndContinue />
    </Form>
  );
}

/** The action's answer to this step's form, when it refused it. */
export function useStepReply() {
  return replyFor(useActionData(), {});
}

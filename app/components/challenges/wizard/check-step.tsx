import { Form, Link, useActionData } from "@remix-run/react";
import { ChallengeSummary, WarningText } from "~/components/challenge-summary";
import { summaryFromReply } from "~/components/use-form";
import type { WizardPageOf } from "~/models/challenges/draft-view.server";
import { StepFrame } from "./step-frame";

export function CheckStep({ page }: { page: WizardPageOf<"check"> }) {
  // Refused sending (say, something is missing): the message links to the form.
  const errors = summaryFromReply(useActionData());
  return (
    <StepFrame
      page={page}
      errors={errors}
      heading={page.canSubmit ? "Check your answers before sending" : "Check your answers"}
    >
      {page.missing.length > 0 && page.canSubmit ? (
        <div className="govuk-inset-text">
          <p className="govuk-body">Before you can send it for review, add:</p>
          <ul className="govuk-list govuk-list--bullet">
            {page.missing.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ChallengeSummary challenge={page.challenge} html={page.challengeHtml} editable />
      {page.canSubmit ? (
        <>
          <h2 className="govuk-heading-m">Now send your challenge for review</h2>
          <p className="govuk-body">
            A hub organiser will read it. They will publish it, or tell you what to change first.
          </p>
          {page.organisationVerified ? null : (
            <WarningText>
              {page.organisation.name} must be verified by a hub organiser before its challenges can be published.
            </WarningText>
          )}
          <Form method="post" id="form">
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Send for hub review
            </button>
          </Form>
          {page.canDelete ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/challenges/${page.challengeId}/delete`}>
                Delete this draft
              </Link>
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p className="govuk-body">
            This challenge is {page.statusLabel.toLowerCase()}. Changes you make are saved straight away and shown in
            its history.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/challenges/${page.challengeId}/review`}>
              Back to the challenge
            </Link>
          </p>
        </>
      )}
    </StepFrame>
  );
}

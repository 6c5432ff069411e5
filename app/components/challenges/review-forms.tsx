import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { WarningText } from "~/components/challenge-summary";
import { Textarea } from "~/components/forms";
import { replyFor, useNettleForm } from "~/components/use-form";
import { requestChangesForm } from "~/models/challenges/schemas";
import { transitionLabels, type Transition } from "~/models/challenges/status";

// The forms of a challenge's private page (/challenges/<id>/review) that move its lifecycle.
// Each posts its transition as the intent; `reply` is the action's answer, shown only beside
// the form that was sent.

/** A hub organiser's decision on a challenge sent for review: publish it, or ask for changes. */
export function ReviewDecision({ reply }: { reply: unknown }) {
  const [form, fields] = useNettleForm(requestChangesForm, {
    id: "request-changes",
    lastResult: replyFor(reply, { intent: "request-changes" }),
  });
  return (
    <>
      <h2 className="govuk-heading-m">Your review</h2>
      <p className="govuk-body">
        Check the challenge is clear to someone outside the council, that it is about a real local problem, and that the
        data card is sensible: data about people should never be an open download.
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="approve" />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Approve and publish
        </button>
      </Form>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="request-changes" />
        <Textarea
          field={fields.comment}
          label="Or ask the council for changes"
          labelClass="govuk-label--s"
          hint="The council officer will see this. Say what to change, for example: 'Please explain how you will know the project worked.' You can enter up to 5,000 characters."
        />
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Request changes
        </button>
      </Form>
    </>
  );
}

/** One button per transition that needs nothing more than a press (start, deliver, close…). */
export function TransitionButtons({ transitions }: { transitions: Transition[] }) {
  return (
    <>
      {transitions.map((transition) => (
        <Form method="post" key={transition}>
          <input type="hidden" name="intent" value={transition} />
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            {transitionLabels[transition]}
          </button>
        </Form>
      ))}
    </>
  );
}

/** Withdrawing cannot be undone, so it is asked again on the page itself. */
export function ConfirmWithdraw() {
  return (
    <div className="govuk-inset-text">
      <h2 className="govuk-heading-m">Withdraw this challenge?</h2>
      <WarningText>Nobody will be able to see or work on it any more, and you cannot undo this.</WarningText>
      <Form method="post" className="govuk-button-group govuk-!-margin-top-4">
        <input type="hidden" name="intent" value="withdraw" />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
          Withdraw challenge
        </button>
        <Link className="govuk-link" to=".">
          Cancel
        </Link>
      </Form>
    </div>
  );
}

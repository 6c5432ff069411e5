import type { ImpactAnswerView } from "~/models/impact/impact.server";

// The follow-up answers on an outcome page (impact/ owns the words; outcomes/ places it).
// Each question says where it stands in words; an unanswered one says so, never a guess.

const inUseWords = { yes: "In use", partly: "Partly in use", no: "Not in use" } as const;

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

function standing(answer: ImpactAnswerView) {
  switch (answer.state) {
    case "answered":
      return answer.inUse ? inUseWords[answer.inUse] : "Answered";
    case "not_answered":
      return "Not answered: the council did not reply after two reminders";
    case "asked":
      return "Waiting for the council's answer";
    default:
      return `Not due yet: we ask the council on ${dateFormat.format(new Date(answer.dueAt))}`;
  }
}

export function ImpactAnswers({ answers }: { answers: ImpactAnswerView[] }) {
  if (answers.length === 0) return null;
  return (
    <section aria-labelledby="impact-heading">
      <h2 className="govuk-heading-m" id="impact-heading">
        Is it making a difference?
      </h2>
      <p className="govuk-body">
        We ask the council 3, 6 and 12 months after an outcome is published whether it is in use and what changed.
      </p>
      <dl className="govuk-summary-list">
        {answers.map((answer) => (
          <div className="govuk-summary-list__row" key={answer.monthsAfter}>
            <dt className="govuk-summary-list__key">After {answer.monthsAfter} months</dt>
            <dd className="govuk-summary-list__value">
              <p className="govuk-body govuk-!-margin-bottom-1">{standing(answer)}</p>
              {answer.state === "answered" && answer.whatChanged ? (
                <p className="govuk-body nettle-break-anywhere nettle-pre-wrap govuk-!-margin-bottom-0">{answer.whatChanged}</p>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

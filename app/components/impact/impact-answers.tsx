import type { ImpactAnswerView } from "~/models/impact/impact.server";

// The follow-up answers on an outcome page (impact/ owns the words; outcomes/ places it).
export function ImpactAnswers({ answers }: { answers: ImpactAnswerView[] }) {
  if (answers.length === 0) return null;
  return (
    <section aria-labelledby="impact-heading">
      <h2 className="govuk-heading-m" id="impact-heading">
        Is it making a difference?
      </h2>
      <ul className="govuk-list">
        {answers.map((answer) => (
          <li key={answer.monthsAfter}>
            After {answer.monthsAfter} months:{" "}
            {answer.state === "answered"
              ? `${answer.inUse === "yes" ? "in use" : answer.inUse === "partly" ? "partly in use" : "not in use"}${answer.whatChanged ? ` — ${answer.whatChanged}` : ""}`
              : answer.state === "not_answered"
                ? "not answered"
                : "not asked yet"}
          </li>
        ))}
      </ul>
    </section>
  );
}

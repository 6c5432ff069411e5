import { chartBars, describeCommitWeeks, weekLabel, type CommitWeek } from "~/models/projects/chart";

// Commits per week as a small SVG drawn on the server: no script, scales to the column (so it
// fits a phone), a sentence as its text alternative and the numbers in a table for anyone who
// wants them exactly. GOV.UK blue on white is well over 3:1 for the bars.

export function CommitsChart({ weeks }: { weeks: CommitWeek[] }) {
  const summary = describeCommitWeeks(weeks);
  if (weeks.length === 0) return <p className="govuk-body">{summary}</p>;
  const { bars, width, height } = chartBars(weeks);
  return (
    <figure className="nettle-chart govuk-!-margin-0 govuk-!-margin-bottom-4">
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${width} ${height + 1}`}
        width="100%"
        style={{ maxWidth: `${width}px`, height: "auto", display: "block" }}
        preserveAspectRatio="xMinYMax meet"
      >
        <line x1="0" y1={height + 0.5} x2={width} y2={height + 0.5} stroke="#505a5f" strokeWidth="1" />
        {bars.map((bar) => (
          <rect key={bar.week} x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill="#1d70b8" />
        ))}
      </svg>
      <figcaption className="govuk-body-s govuk-!-margin-top-2">{summary}</figcaption>
      <details className="govuk-details govuk-!-margin-bottom-0">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Commits per week as a table</span>
        </summary>
        <div className="govuk-details__text">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">Commits per week</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Week of
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Commits
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {weeks.map((w) => (
                <tr key={w.week} className="govuk-table__row">
                  <td className="govuk-table__cell">{weekLabel(w.week)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{w.commits}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

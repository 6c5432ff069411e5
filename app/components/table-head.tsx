/** A column heading; `{ hidden }` is read out by screen readers only (e.g. an actions column). */
export type Column = string | { hidden: string } | null | false;

/** The heading row of a GOV.UK table. Falsy columns are left out. */
export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead role="rowgroup" className="govuk-table__head">
      <tr role="row" className="govuk-table__row">
        {columns.filter(Boolean).map((column) => {
          const label = column as string | { hidden: string };
          const key = typeof label === "string" ? label : label.hidden;
          return (
            <th role="columnheader" key={key} scope="col" className="govuk-table__header">
              {typeof label === "string" ? label : <span className="govuk-visually-hidden">{label.hidden}</span>}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

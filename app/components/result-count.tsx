const number = new Intl.NumberFormat("en-GB");

/** "23 organisations matching york", announced to screen readers when results change. */
export function ResultCount({ total, one, many, query }: { total: number; one: string; many: string; query?: string }) {
  return (
    <p className="govuk-body" role="status">
      {total === 1 ? `1 ${one}` : `${number.format(total)} ${many}`}
      {query ? (
        <>
          {" "}
          matching <strong>{query}</strong>
        </>
      ) : null}
    </p>
  );
}

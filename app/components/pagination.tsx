import { Link } from "@remix-run/react";

/** GOV.UK pagination that keeps the current query string and changes only `page`. */
export function Pagination({ page, totalPages, search }: { page: number; totalPages: number; search: URLSearchParams }) {
  if (totalPages <= 1) return null;
  const href = (target: number) => {
    const params = new URLSearchParams(search);
    if (target === 1) params.delete("page");
    else params.set("page", String(target));
    const query = params.toString();
    return query ? `?${query}` : "?";
  };
  // First, last, and the pages either side of the current one; gaps become ellipses.
  const pages = [...new Set([1, page - 1, page, page + 1, totalPages])].filter((p) => p >= 1 && p <= totalPages);
  pages.sort((a, b) => a - b);

  return (
    <nav className="govuk-pagination" aria-label="Results pages">
      {page > 1 ? (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={href(page - 1)} rel="prev">
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      ) : null}
      <ul className="govuk-pagination__list">
        {pages.map((p, i) => {
          const gap = i > 0 && p - pages[i - 1]! > 1;
          return [
            gap ? (
              <li key={`gap-${p}`} className="govuk-pagination__item govuk-pagination__item--ellipses">
                &ctdot;
              </li>
            ) : null,
            <li key={p} className={`govuk-pagination__item${p === page ? " govuk-pagination__item--current" : ""}`}>
              <Link
                className="govuk-link govuk-pagination__link"
                to={href(p)}
                aria-label={`Page ${p}`}
                aria-current={p === page ? "page" : undefined}
              >
                {p}
              </Link>
            </li>,
          ];
        })}
      </ul>
      {page < totalPages ? (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={href(page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      ) : null}
    </nav>
  );
}

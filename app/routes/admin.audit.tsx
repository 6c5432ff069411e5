import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { TableHead } from "~/components/table-head";
import { auditLogPage } from "~/models/platform/audit-view.server";
import { requireUser } from "~/services/auth.server";

const searchParams = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { page } = searchParams.parse(Object.fromEntries(new URL(request.url).searchParams));
  return auditLogPage(user, page);
}

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/London",
});

export default function AuditLog() {
  const { rows, page, totalPages, total } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <>
      <Link className="govuk-back-link" to="/admin">
        Administration
      </Link>
      <h1 className="govuk-heading-xl">Audit log</h1>
      <p className="govuk-body">
        {total === 1 ? "1 entry" : `${new Intl.NumberFormat("en-GB").format(total)} entries`}, newest first.
      </p>
      {rows.length === 0 ? (
        <p className="govuk-body">Nothing has been recorded yet.</p>
      ) : (
        <table role="table" className="govuk-table nettle-table-stack">
          <caption className="govuk-table__caption govuk-visually-hidden">Audit log, page {page}</caption>
          <TableHead columns={["When", "Who", "What", "About", "Details"]} />
          <tbody role="rowgroup" className="govuk-table__body">
            {rows.map((row) => (
              <tr role="row" className="govuk-table__row" key={row.id}>
                <td role="cell" data-label="When" className="govuk-table__cell">{dateTime.format(new Date(row.createdAt))}</td>
                <td role="cell" data-label="Who" className="govuk-table__cell">{row.who}</td>
                <td role="cell" data-label="What" className="govuk-table__cell">{row.action}</td>
                <td role="cell" data-label="About" className="govuk-table__cell">
                  {row.subject.href ? (
                    <Link className="govuk-link" to={row.subject.href}>
                      {row.subject.text}
                    </Link>
                  ) : (
                    row.subject.text
                  )}
                </td>
                <td role="cell" data-label="Details" className="govuk-table__cell">
                  {row.details.length === 0 ? null : (
                    <dl className="govuk-body-s govuk-!-margin-0">
                      {row.details.map((detail) => (
                        <div key={detail.label}>
                          <dt className="govuk-!-display-inline govuk-!-font-weight-bold">{detail.label}: </dt>
                          <dd className="govuk-!-display-inline govuk-!-margin-0">{detail.value}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} totalPages={totalPages} search={search} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Audit log – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

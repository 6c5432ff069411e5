import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { listMail } from "~/models/platform/mail.server";
import { TableHead } from "~/components/table-head";

const query = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  to: z.string().trim().max(254).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { page, to } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listMail({ page, to: to || undefined });
  return {
    to: to ?? "",
    page: result.page,
    total: result.total,
    totalPages: result.totalPages,
    items: result.items.map(({ id, subject, to, status, createdAt }) => ({ id, subject, to, status, createdAt: createdAt.toISOString() })),
  };
}

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "Europe/London",
});

const statusTags: Record<string, string> = {
  queued: "govuk-tag--yellow",
  sent: "govuk-tag--green",
  failed: "govuk-tag--red",
};

export default function DevMailbox() {
  const { to, page, total, totalPages, items } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <>
      <span className="govuk-caption-l">Development</span>
      <h1 className="govuk-heading-l">Mailbox</h1>
      <div className="govuk-inset-text">
        Nettle is not connected to a mail server (SMTP_URL is not set), so the messages it sends stay here instead.
        Anyone who can open this page can read them: it only exists on a development installation.
      </div>
      <Form method="get" className="govuk-!-margin-bottom-6">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="to">
            Recipient
          </label>
          <input
            className="govuk-input govuk-!-width-one-half"
            id="to"
            name="to"
            type="search"
            defaultValue={to}
            spellCheck={false}
          />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Show messages
        </button>
        {to ? (
          <p className="govuk-body">
            <Link className="govuk-link" to="/dev/mail">
              Show messages to everyone
            </Link>
          </p>
        ) : null}
      </Form>
      <p className="govuk-body" role="status">
        {total === 1 ? "1 message" : `${total} messages`}
        {to ? ` to ${to}` : ""}
        {totalPages > 1 ? ` (page ${page} of ${totalPages})` : ""}
      </p>
      {items.length === 0 ? (
        <p className="govuk-body">No messages yet.</p>
      ) : (
        <table role="table" className="govuk-table nettle-table-stack">
          <caption className="govuk-table__caption govuk-visually-hidden">Messages, newest first</caption>
          <TableHead columns={["Subject", "To", "Queued", "Status"]} />
          <tbody role="rowgroup" className="govuk-table__body">
            {items.map((mail) => (
              <tr key={mail.id} className="govuk-table__row">
                <td role="cell" className="govuk-table__cell">
                  <Link className="govuk-link" to={`/dev/mail/${mail.id}`}>
                    {mail.subject}
                  </Link>
                </td>
                <td role="cell" data-label="To" className="govuk-table__cell">{mail.to}</td>
                <td role="cell" data-label="Queued" className="govuk-table__cell">{dateTime.format(new Date(mail.createdAt))}</td>
                <td role="cell" data-label="Status" className="govuk-table__cell">
                  <strong className={`govuk-tag ${statusTags[mail.status] ?? ""}`}>{mail.status}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} totalPages={totalPages} search={searchParams} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Mailbox (development) – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

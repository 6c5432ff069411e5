import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getMail, mailPreviewDocument } from "~/models/platform/mail.server";
import { mailFrom } from "~/services/mail-transport.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const mail = await getMail(params.id ?? "");
  return {
    id: mail.id,
    from: mailFrom(),
    to: mail.to,
    subject: mail.subject,
    template: mail.template,
    status: mail.status,
    attempts: mail.attempts,
    lastError: mail.lastError,
    createdAt: mail.createdAt.toISOString(),
    sentAt: mail.sentAt?.toISOString() ?? null,
    text: mail.text,
    html: mail.html,
    preview: mailPreviewDocument(mail.html, `/dev/mail/${mail.id}/preview.css`),
  };
}

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "long",
  timeStyle: "medium",
  timeZone: "Europe/London",
});

/** Plain text, line for line, with its web addresses made into links that can be followed. */
function LinkedText({ text }: { text: string }) {
  return (
    <>
      {text.split("\n").map((line, n) => (
        <Fragment key={n}>
          {n > 0 ? <br /> : null}
          {line.split(/(https?:\/\/[^\s<>"]+)/g).map((part, i) =>
            i % 2 === 1 ? (
              <a key={i} className="govuk-link" href={part}>
                {part}
              </a>
            ) : (
              <Fragment key={i}>{part}</Fragment>
            ),
          )}
        </Fragment>
      ))}
    </>
  );
}

export default function DevMailMessage() {
  const mail = useLoaderData<typeof loader>();
  const rows: [string, string][] = [
    ["From", mail.from],
    ["To", mail.to],
    ["Template", mail.template],
    ["Status", mail.attempts > 0 ? `${mail.status} (attempts: ${mail.attempts})` : mail.status],
    ["Queued", dateTime.format(new Date(mail.createdAt))],
  ];
  if (mail.sentAt) rows.push(["Sent", dateTime.format(new Date(mail.sentAt))]);
  if (mail.lastError) rows.push(["Last error", mail.lastError]);

  return (
    <>
      <Link className="govuk-back-link" to="/dev/mail">
        Back to the mailbox
      </Link>
      <span className="govuk-caption-l">Development mailbox</span>
      <h1 className="govuk-heading-l">{mail.subject}</h1>
      <dl className="govuk-summary-list">
        {rows.map(([key, value]) => (
          <div key={key} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{key}</dt>
            <dd className="govuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      <h2 className="govuk-heading-m">Plain text</h2>
      <div className="govuk-body govuk-inset-text">
        <LinkedText text={mail.text} />
      </div>
      <h2 className="govuk-heading-m">HTML</h2>
      {/* No allow-scripts, so the message runs nothing. allow-same-origin only lets it load its
          preview stylesheet (Cross-Origin-Resource-Policy refuses an opaque origin); links open
          in a new tab, since this site refuses to be framed. */}
      <iframe
        title={`HTML version of “${mail.subject}”`}
        sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
        srcDoc={mail.preview}
        width="100%"
        height="640"
      />
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">HTML source</span>
        </summary>
        <div className="govuk-details__text">
          <pre className="govuk-body-s">{mail.html}</pre>
        </div>
      </details>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.subject} – Mailbox (development) – Nettle` : "Mailbox (development) – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

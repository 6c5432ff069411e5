import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { formatDate, type DatasetView } from "~/components/challenge-summary";
import { Textarea } from "~/components/forms";
import { replyFor, useNettleForm } from "~/components/use-form";
import { sendBackDataChangeForm } from "~/models/challenges/schemas";
import { accessRouteLabels, dpiaLabels, licenceLabels, sensitivityLabels } from "~/models/challenges/wizard";

// Changes to the data card of a published challenge, waiting for a hub organiser: what the
// public sees now beside what the council wants, with Approve and Send back for organisers.

export interface DataCardChange {
  id: string;
  isNew: boolean;
  state: "pending" | "sent_back";
  commentHtml: string | null;
  before: Omit<DatasetView, "descriptionHtml"> | null;
  after: DatasetView & { descriptionHtml: string };
}

const rows: [string, (d: NonNullable<DataCardChange["before"]>) => string][] = [
  ["Name", (d) => d.title],
  ["Link", (d) => d.link ?? "None"],
  ["Format", (d) => d.format || "Not given"],
  ["Licence", (d) => licenceLabels[d.licence]],
  ["Sensitivity", (d) => sensitivityLabels[d.sensitivity]],
  ["Personal data", (d) => (d.personalData ? "Yes" : "No")],
  ["DPIA done", (d) => dpiaLabels[d.dpia]],
  ["How to get it", (d) => accessRouteLabels[d.accessRoute]],
  ["Delete by", (d) => formatDate(d.retentionDate) ?? "Not set"],
];

export function DataCardChanges({
  changes,
  decide,
  sendingBack,
  reply,
}: {
  changes: DataCardChange[];
  decide: boolean;
  sendingBack: string | null;
  /** The action's answer; a refused "send back" opens that change's form again. */
  reply?: unknown;
}) {
  if (changes.length === 0) return null;
  return (
    <section aria-labelledby="data-card-changes" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="data-card-changes">
        Changes to the data card waiting for review
      </h2>
      <p className="govuk-body">
        The public sees the data card as last approved until a hub organiser approves each change.
      </p>
      {changes.map((change) => {
        const title = change.isNew
          ? `New dataset: ${change.after.title}`
          : `Change to ${change.before?.title ?? change.after.title}`;
        return (
          <div className="govuk-summary-card" key={change.id}>
            <div className="govuk-summary-card__title-wrapper">
              <h3 className="govuk-summary-card__title">{title}</h3>
            </div>
            <div className="govuk-summary-card__content">
              <p className="govuk-body">
                <strong
                  className={`govuk-tag ${change.state === "pending" ? "govuk-tag--yellow" : "govuk-tag--orange"}`}
                >
                  {change.state === "pending" ? "Waiting for hub review" : "Sent back to the council"}
                </strong>
              </p>
              {change.commentHtml ? (
                <div className="govuk-inset-text" dangerouslySetInnerHTML={{ __html: change.commentHtml }} />
              ) : null}
              <dl className="govuk-summary-list">
                {rows.map(([label, show]) => {
                  const now = show(change.after);
                  const was = change.before ? show(change.before) : null;
                  return (
                    <div className="govuk-summary-list__row" key={label}>
                      <dt className="govuk-summary-list__key">{label}</dt>
                      <dd className="govuk-summary-list__value">
                        {was !== null && was !== now ? (
                          <>
                            <strong className="govuk-tag govuk-tag--blue">Changed</strong>{" "}
                            <span className="govuk-!-display-block">Now: {now}</span>
                            <span className="govuk-!-display-block govuk-hint govuk-!-margin-bottom-0">Was: {was}</span>
                          </>
                        ) : (
                          now
                        )}
                      </dd>
                    </div>
                  );
                })}
              </dl>
              {change.after.descriptionHtml ? (
                <div className="govuk-body-s" dangerouslySetInnerHTML={{ __html: change.after.descriptionHtml }} />
              ) : null}
              {decide ? <Decision change={change} open={sendingBack === change.id} reply={reply} /> : null}
            </div>
          </div>
        );
      })}
    </section>
  );
}

function Decision({ change, open, reply }: { change: DataCardChange; open: boolean; reply?: unknown }) {
  const name = change.after.title;
  const refused = replyFor(reply, { intent: "send-back-data-change", changeId: change.id });
  if (open || refused) return <SendBack change={change} reply={refused} />;
  return (
    <div className="govuk-button-group">
      <Form method="post">
        <input type="hidden" name="intent" value="approve-data-change" />
        <input type="hidden" name="changeId" value={change.id} />
        <button type="submit" className="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">
          Approve<span className="govuk-visually-hidden"> the change to {name}</span>
        </button>
      </Form>
      {change.state === "pending" ? (
        <Link className="govuk-link" to={`?send-back=${change.id}#send-back`}>
          Send back<span className="govuk-visually-hidden"> the change to {name}</span>
        </Link>
      ) : null}
    </div>
  );
}

function SendBack({ change, reply }: { change: DataCardChange; reply: ReturnType<typeof replyFor> }) {
  const [form, fields] = useNettleForm(sendBackDataChangeForm, { id: "send-back", lastResult: reply });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="send-back-data-change" />
      <input type="hidden" name="changeId" value={change.id} />
      <Textarea
        field={fields.dataComment}
        label={`What should the council change about ${change.after.title}?`}
        labelClass="govuk-label--s"
        hint="The council officer will see this. The public keeps seeing the data card as last approved."
      />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Send back to the council
        </button>
        <Link className="govuk-link" to=".">
          Cancel
        </Link>
      </div>
    </Form>
  );
}

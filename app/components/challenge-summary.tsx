import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { AccessRoute, DataSensitivity, DatasetLicence, DpiaStatus, SkillImportance } from "~/generated/prisma/enums";
import {
  accessRouteLabels,
  datasetWarning,
  dpiaLabels,
  editUrl,
  importanceLabels,
  licenceLabels,
  sensitivityLabels,
  stepTitles,
  type WizardStep,
} from "~/models/challenges/wizard";

// A challenge as GOV.UK "Check your answers": one card per wizard step, with Change links for
// the council, without them for the hub organiser reviewing it.

export interface DatasetView {
  id: string;
  title: string;
  /** Rendered and sanitised on the server (renderMarkdown). */
  descriptionHtml?: string;
  link: string | null;
  format: string;
  licence: DatasetLicence;
  sensitivity: DataSensitivity;
  personalData: boolean;
  dpia: DpiaStatus;
  accessRoute: AccessRoute;
  retentionDate: Date | string | null;
  /** A change waiting for hub review (data cards of public challenges), for the council. */
  review?: { state: "pending" | "sent_back"; commentHtml: string | null; isNew: boolean } | null;
}

/** The challenge's long texts, rendered and sanitised on the server by renderMarkdown. */
export interface ChallengeTextHtml {
  problem: string;
  whoIsAffected: string;
  whyItMatters: string;
  outcomeWanted: string;
  successMeasures: string;
}

export interface ChallengeSummaryData {
  id: string;
  title: string;
  area: string;
  themes: { id: string; name: string }[];
  skills: { id: string; name: string; importance: SkillImportance }[];
  teamSizeMin: number | null;
  teamSizeMax: number | null;
  timeCommitment: string;
  deadline: Date | string | null;
  datasets: DatasetView[];
  contactName: string;
  contactEmail: string;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
export const formatDate = (date: Date | string | null) => (date ? dateFormat.format(new Date(date)) : null);

const NOT_GIVEN = <span className="govuk-hint govuk-!-margin-bottom-0">Not given yet</span>;

/** User-written markdown, already rendered and sanitised on the server (renderMarkdown). */
export function MarkdownHtml({ html }: { html: string }) {
  if (!html.trim()) return NOT_GIVEN;
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}

function Card({ step, challengeId, editable, children }: { step: WizardStep; challengeId: string; editable: boolean; children: ReactNode }) {
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title">{stepTitles[step]}</h2>
        {editable ? (
          <ul className="govuk-summary-card__actions">
            <li className="govuk-summary-card__action">
              <Link className="govuk-link" to={editUrl(challengeId, step)}>
                Change<span className="govuk-visually-hidden"> {stepTitles[step].toLowerCase()}</span>
              </Link>
            </li>
          </ul>
        ) : null}
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">{children}</dl>
      </div>
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

const orNot = (value: ReactNode) => (value === "" || value === null || value === undefined ? NOT_GIVEN : value);

export function ChallengeSummary({
  challenge: c,
  html,
  editable,
}: {
  challenge: ChallengeSummaryData;
  html: ChallengeTextHtml;
  editable: boolean;
}) {
  const card = (step: WizardStep, children: ReactNode) => (
    <Card step={step} challengeId={c.id} editable={editable}>
      {children}
    </Card>
  );
  return (
    <>
      {card(
        "problem",
        <>
          <Row label="Title">{orNot(c.title)}</Row>
          <Row label="The problem">
            <MarkdownHtml html={html.problem} />
          </Row>
          <Row label="Who it affects">
            <MarkdownHtml html={html.whoIsAffected} />
          </Row>
        </>,
      )}
      {card(
        "why",
        <Row label="Why it matters">
          <MarkdownHtml html={html.whyItMatters} />
        </Row>,
      )}
      {card(
        "outcome",
        <>
          <Row label="Outcome wanted">
            <MarkdownHtml html={html.outcomeWanted} />
          </Row>
          <Row label="How success will be measured">
            <MarkdownHtml html={html.successMeasures} />
          </Row>
        </>,
      )}
      {card("themes", <Row label="Themes">{orNot(c.themes.map((t) => t.name).join(", "))}</Row>)}
      {card("area", <Row label="Area covered">{orNot(c.area)}</Row>)}
      {card(
        "skills",
        <Row label="Skills needed">
          {c.skills.length === 0 ? (
            NOT_GIVEN
          ) : (
            <ul className="govuk-list">
              {c.skills.map((skill) => (
                <li key={skill.id}>
                  {skill.name} – {importanceLabels[skill.importance].toLowerCase()}
                </li>
              ))}
            </ul>
          )}
        </Row>,
      )}
      {card(
        "team",
        <>
          <Row label="Team size">
            {c.teamSizeMin && c.teamSizeMax
              ? c.teamSizeMin === c.teamSizeMax
                ? `${c.teamSizeMin} ${c.teamSizeMin === 1 ? "person" : "people"}`
                : `${c.teamSizeMin} to ${c.teamSizeMax} people`
              : NOT_GIVEN}
          </Row>
          <Row label="Time commitment">{orNot(c.timeCommitment)}</Row>
          <Row label="Deadline">{formatDate(c.deadline) ?? "No deadline"}</Row>
        </>,
      )}
      {card(
        "data",
        <Row label="Datasets">
          {c.datasets.length === 0 ? (
            "No datasets listed"
          ) : (
            <ul className="govuk-list">
              {c.datasets.map((d) => (
                <li key={d.id}>
                  <DatasetLine dataset={d} />
                </li>
              ))}
            </ul>
          )}
        </Row>,
      )}
      {card(
        "contact",
        <>
          <Row label="Name">{orNot(c.contactName)}</Row>
          <Row label="Email address">{orNot(c.contactEmail)}</Row>
        </>,
      )}
    </>
  );
}

function DatasetLine({ dataset: d }: { dataset: DatasetView }) {
  const warning = datasetWarning(d);
  return (
    <>
      <strong>{d.title}</strong>
      {d.personalData ? <strong className="govuk-tag govuk-tag--red govuk-!-margin-left-2">Personal data</strong> : null}
      {d.review ? <ReviewTag review={d.review} /> : null}
      <span className="govuk-body-s govuk-!-display-block">
        {licenceLabels[d.licence]} · {sensitivityLabels[d.sensitivity]} · {accessRouteLabels[d.accessRoute]} · DPIA:{" "}
        {dpiaLabels[d.dpia].toLowerCase()}
        {d.retentionDate ? ` · delete by ${formatDate(d.retentionDate)}` : ""}
      </span>
      {d.descriptionHtml ? (
        <div className="govuk-body-s" dangerouslySetInnerHTML={{ __html: d.descriptionHtml }} />
      ) : null}
      {warning ? <WarningText>{warning}</WarningText> : null}
    </>
  );
}

/** Where a data card change stands, in words the officer cannot miss. */
export function ReviewTag({ review }: { review: NonNullable<DatasetView["review"]> }) {
  return (
    <>
      <strong
        className={`govuk-tag govuk-!-margin-left-2 ${review.state === "pending" ? "govuk-tag--yellow" : "govuk-tag--orange"}`}
      >
        {review.state === "pending" ? "Waiting for hub review" : "Sent back by the hub"}
      </strong>
      <span className="govuk-body-s govuk-!-display-block">
        {review.state === "pending"
          ? review.isNew
            ? "The public will see this dataset once a hub organiser approves it."
            : "The public sees the dataset as last approved until a hub organiser approves this change."
          : "A hub organiser asked for changes before the public sees this:"}
      </span>
      {review.commentHtml ? (
        <div className="govuk-inset-text govuk-!-margin-top-1" dangerouslySetInnerHTML={{ __html: review.commentHtml }} />
      ) : null}
    </>
  );
}

export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-warning-text govuk-!-margin-bottom-0">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

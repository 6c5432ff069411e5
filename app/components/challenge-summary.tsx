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
} from "~/models/challenge-wizard";

// A challenge as GOV.UK "Check your answers": one card per wizard step, with Change links for
// the council, without them for the hub organiser reviewing it.

export interface DatasetView {
  id: string;
  title: string;
  description: string;
  link: string | null;
  format: string;
  licence: DatasetLicence;
  sensitivity: DataSensitivity;
  personalData: boolean;
  dpia: DpiaStatus;
  accessRoute: AccessRoute;
  retentionDate: Date | string | null;
}

export interface ChallengeSummaryData {
  id: string;
  title: string;
  problem: string;
  whoIsAffected: string;
  whyItMatters: string;
  outcomeWanted: string;
  successMeasures: string;
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

/** Plain text with its paragraphs kept (markdown is rendered on the public page). */
export function Paragraphs({ text }: { text: string }) {
  if (!text.trim()) return NOT_GIVEN;
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((paragraph, i) => (
          <p className="govuk-body" key={i}>
            {paragraph}
          </p>
        ))}
    </>
  );
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

export function ChallengeSummary({ challenge: c, editable }: { challenge: ChallengeSummaryData; editable: boolean }) {
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
            <Paragraphs text={c.problem} />
          </Row>
          <Row label="Who it affects">
            <Paragraphs text={c.whoIsAffected} />
          </Row>
        </>,
      )}
      {card(
        "why",
        <Row label="Why it matters">
          <Paragraphs text={c.whyItMatters} />
        </Row>,
      )}
      {card(
        "outcome",
        <>
          <Row label="Outcome wanted">
            <Paragraphs text={c.outcomeWanted} />
          </Row>
          <Row label="How success will be measured">
            <Paragraphs text={c.successMeasures} />
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
      <span className="govuk-body-s govuk-!-display-block">
        {licenceLabels[d.licence]} · {sensitivityLabels[d.sensitivity]} · {accessRouteLabels[d.accessRoute]} · DPIA:{" "}
        {dpiaLabels[d.dpia].toLowerCase()}
        {d.retentionDate ? ` · delete by ${formatDate(d.retentionDate)}` : ""}
      </span>
      {warning ? <WarningText>{warning}</WarningText> : null}
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

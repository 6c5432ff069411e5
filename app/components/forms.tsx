import type { ReactNode } from "react";
import { fieldError, type Field } from "~/components/use-form";

// GOV.UK form patterns: an error summary linking to each field, and fields that show their
// error beside them and keep what was typed. In a conform form (useNettleForm), pass `field`
// and the name, error and kept value come from it; plain GET forms (search) pass `name`.

type FromField = { field: Field; name?: undefined; error?: undefined; defaultValue?: undefined };

/** name, error and the value to show, from a conform field when there is one. */
function fromField<P extends { name?: string; error?: string; field?: Field }>(props: P) {
  if (!props.field) return { name: props.name ?? "", error: props.error };
  return { name: props.field.name, error: fieldError(props.field) };
}

function textValue(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

export function ErrorSummary({ errors }: { errors?: Record<string, string> | null }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {entries.map(([field, message]) => (
              <li key={field}>
                <a href={`#${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

type FieldProps = FieldBase & ({ name: string; error?: string; defaultValue?: string; field?: undefined } | FromField);

interface FieldBase {
  /** Defaults to `name`; set it when one page has several fields of the same name. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  type?: "text" | "email" | "password" | "search" | "url";
  autoComplete?: string;
  width?: "full" | "two-thirds" | "one-half" | "20" | "10" | "4" | "3" | "2";
  spellCheck?: boolean;
  labelClass?: string;
}

export function TextField(props: FieldProps) {
  const { id: givenId, label, hint, type = "text", autoComplete, width, spellCheck, labelClass } = props;
  const { name, error } = fromField(props);
  const defaultValue = props.field ? (type === "password" ? undefined : textValue(props.field.initialValue)) : props.defaultValue;
  const id = givenId ?? name;
  const widthClass = width ? (/^\d+$/.test(width) ? ` govuk-input--width-${width}` : ` govuk-!-width-${width}`) : "";
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className={`govuk-label${labelClass ? ` ${labelClass}` : ""}`} htmlFor={id}>
        {label}
      </label>
      <HintAndError name={id} hint={hint} error={error} />
      <input
        className={`govuk-input${error ? " govuk-input--error" : ""}${widthClass}`}
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        aria-describedby={describedBy(id, hint, error)}
      />
    </div>
  );
}

interface ChoiceOption {
  value: string;
  label: string;
  hint?: string;
}

interface ChoiceGroupProps {
  kind: "radios" | "checkboxes";
  name: string;
  legend: ReactNode;
  legendClass?: string;
  hint?: ReactNode;
  error?: string;
  options: ChoiceOption[];
  isChecked: (value: string) => boolean;
}

/** GOV.UK radios and checkboxes share one shape; only the class names and input type differ. */
function ChoiceGroup({
  kind,
  name,
  legend,
  legendClass = "govuk-fieldset__legend--s",
  hint,
  error,
  options,
  isChecked,
}: ChoiceGroupProps) {
  const item = kind === "radios" ? "radios" : "checkboxes";
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend className={`govuk-fieldset__legend ${legendClass}`}>{legend}</legend>
        <HintAndError name={name} hint={hint} error={error} />
        <div className={`govuk-${item}`} data-module={`govuk-${item}`}>
          {options.map((option, i) => {
            // The first option carries the field's own id, so error summary links land on it.
            const id = i === 0 ? name : `${name}-${option.value}`;
            return (
              <div className={`govuk-${item}__item`} key={option.value}>
                <input
                  className={`govuk-${item}__input`}
                  id={id}
                  name={name}
                  type={kind === "radios" ? "radio" : "checkbox"}
                  value={option.value}
                  defaultChecked={isChecked(option.value)}
                  aria-describedby={option.hint ? `${id}-hint` : undefined}
                />
                <label className={`govuk-label govuk-${item}__label`} htmlFor={id}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div id={`${id}-hint`} className={`govuk-hint govuk-${item}__hint`}>
                    {option.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

type RadiosProps = {
  legend: ReactNode;
  hint?: ReactNode;
  options: ChoiceOption[];
} & ({ name: string; error?: string; defaultValue?: string; field?: undefined } | FromField);

export function Radios(props: RadiosProps) {
  const { name, error } = fromField(props);
  const chosen = props.field ? textValue(props.field.initialValue) : props.defaultValue;
  return (
    <ChoiceGroup
      kind="radios"
      name={name}
      error={error}
      legend={props.legend}
      hint={props.hint}
      options={props.options}
      isChecked={(value) => value === chosen}
    />
  );
}

function describedBy(name: string, hint: unknown, error: unknown) {
  return [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
}

function HintAndError({ name, hint, error }: { name: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <div id={`${name}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
    </>
  );
}

type TextareaProps = {
  label: ReactNode;
  hint?: ReactNode;
  rows?: number;
  labelClass?: string;
} & ({ name: string; error?: string; defaultValue?: string; field?: undefined } | FromField);

export function Textarea(props: TextareaProps) {
  const { label, hint, rows = 5, labelClass } = props;
  const { name, error } = fromField(props);
  const defaultValue = props.field ? textValue(props.field.initialValue) : props.defaultValue;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className={`govuk-label${labelClass ? ` ${labelClass}` : ""}`} htmlFor={name}>
        {label}
      </label>
      <HintAndError name={name} hint={hint} error={error} />
      <textarea
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={name}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-describedby={describedBy(name, hint, error)}
      />
    </div>
  );
}

type CheckboxesProps = {
  legend: ReactNode;
  hint?: ReactNode;
  options: ChoiceOption[];
  legendClass?: string;
} & ({ name: string; error?: string; defaultValues?: readonly string[]; field?: undefined } | (FromField & { defaultValues?: undefined }));

export function Checkboxes(props: CheckboxesProps) {
  const { name, error } = fromField(props);
  const initial = props.field?.initialValue;
  const chosen: readonly string[] = props.field
    ? Array.isArray(initial)
      ? initial.filter((value): value is string => typeof value === "string")
      : typeof initial === "string"
        ? [initial]
        : []
    : (props.defaultValues ?? []);
  return (
    <ChoiceGroup
      kind="checkboxes"
      name={name}
      error={error}
      legend={props.legend}
      legendClass={props.legendClass}
      hint={props.hint}
      options={props.options}
      isChecked={(value) => chosen.includes(value)}
    />
  );
}

type DateParts = { day?: string; month?: string; year?: string };

type DateInputProps = {
  legend: ReactNode;
  hint?: ReactNode;
} & (
  | { name: string; error?: string; /** Kept or stored values for `${name}-day`, `${name}-month`, `${name}-year`. */ defaultValue?: DateParts; field?: undefined }
  | FromField
);

/**
 * GOV.UK date input: three boxes; the first takes the field's id so the error summary links to
 * it. In a conform form the boxes are `${name}.day`, `.month` and `.year` (one object field).
 */
export function DateInput(props: DateInputProps) {
  const { legend, hint } = props;
  const { name, error } = fromField(props);
  const initial = (props.field ? props.field.initialValue : props.defaultValue) as DateParts | undefined;
  const separator = props.field ? "." : "-";
  const parts = [
    { part: "day", label: "Day", width: 2 },
    { part: "month", label: "Month", width: 2 },
    { part: "year", label: "Year", width: 4 },
  ] as const;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy(name, hint, error)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <HintAndError name={name} hint={hint} error={error} />
        <div className="govuk-date-input">
          {parts.map(({ part, label, width }, i) => {
            const id = i === 0 ? name : `${name}-${part}`;
            return (
              <div className="govuk-date-input__item" key={part}>
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={id}>
                    {label}
                  </label>
                  <input
                    className={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? " govuk-input--error" : ""}`}
                    id={id}
                    name={`${name}${separator}${part}`}
                    type="text"
                    inputMode="numeric"
                    defaultValue={textValue(initial?.[part])}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

type SelectProps = {
  label: ReactNode;
  hint?: ReactNode;
  /** Options, or groups of options shown under a heading. */
  options: { value: string; label: string }[] | { group: string; options: { value: string; label: string }[] }[];
  placeholder?: string;
  labelClass?: string;
} & ({ name: string; error?: string; defaultValue?: string; field?: undefined } | FromField);

export function Select(props: SelectProps) {
  const { label, hint, options, placeholder, labelClass } = props;
  const { name, error } = fromField(props);
  const defaultValue = props.field ? textValue(props.field.initialValue) : props.defaultValue;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className={`govuk-label${labelClass ? ` ${labelClass}` : ""}`} htmlFor={name}>
        {label}
      </label>
      <HintAndError name={name} hint={hint} error={error} />
      <select
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={name}
        name={name}
        defaultValue={defaultValue ?? ""}
        aria-describedby={describedBy(name, hint, error)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) =>
          "group" in option ? (
            <optgroup label={option.group} key={option.group}>
              {option.options.map((o) => (
                <option value={o.value} key={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ) : (
            <option value={option.value} key={option.value}>
              {option.label}
            </option>
          ),
        )}
      </select>
    </div>
  );
}

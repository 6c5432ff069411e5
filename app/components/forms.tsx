import type { ReactNode } from "react";

// GOV.UK form patterns: an error summary linking to each field, and fields that show their
// error beside them and keep what was typed.

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

interface FieldProps {
  name: string;
  /** Defaults to `name`; set it when one page has several fields of the same name. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  defaultValue?: string;
  type?: "text" | "email" | "password" | "search" | "url";
  autoComplete?: string;
  width?: "full" | "two-thirds" | "one-half" | "20" | "10" | "4" | "3" | "2";
  spellCheck?: boolean;
  labelClass?: string;
}

export function TextField({
  name,
  id: givenId,
  label,
  hint,
  error,
  defaultValue,
  type = "text",
  autoComplete,
  width,
  spellCheck,
  labelClass,
}: FieldProps) {
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

interface RadiosProps {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: ChoiceOption[];
  defaultValue?: string;
}

export function Radios({ defaultValue, ...props }: RadiosProps) {
  return <ChoiceGroup kind="radios" {...props} isChecked={(value) => value === defaultValue} />;
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

interface TextareaProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  defaultValue?: string;
  rows?: number;
  labelClass?: string;
}

export function Textarea({ name, label, hint, error, defaultValue, rows = 5, labelClass }: TextareaProps) {
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

interface CheckboxesProps {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: ChoiceOption[];
  defaultValues?: readonly string[];
  legendClass?: string;
}

export function Checkboxes({ defaultValues = [], ...props }: CheckboxesProps) {
  return <ChoiceGroup kind="checkboxes" {...props} isChecked={(value) => defaultValues.includes(value)} />;
}

interface DateInputProps {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Kept or stored values for `${name}-day`, `${name}-month`, `${name}-year`. */
  defaultValue?: { day?: string; month?: string; year?: string };
}

/** GOV.UK date input: three boxes; the first takes the field's id so the error summary links to it. */
export function DateInput({ name, legend, hint, error, defaultValue = {} }: DateInputProps) {
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
                    name={`${name}-${part}`}
                    type="text"
                    inputMode="numeric"
                    defaultValue={defaultValue[part]}
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

interface SelectProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Options, or groups of options shown under a heading. */
  options: { value: string; label: string }[] | { group: string; options: { value: string; label: string }[] }[];
  defaultValue?: string;
  placeholder?: string;
  labelClass?: string;
}

export function Select({ name, label, hint, error, options, defaultValue, placeholder, labelClass }: SelectProps) {
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

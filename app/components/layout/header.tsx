import { Link } from "@remix-run/react";

/**
 * GOV.UK Frontend's generic header: the crown-free header meant for services that are not on
 * GOV.UK. Nettle's name is the logotype; the leaf mark beside it is decorative.
 */
export function Header() {
  return (
    <div className="govuk-generic-header nettle-header">
      <div className="govuk-generic-header__container govuk-width-container">
        <div className="govuk-generic-header__logo">
          <Link to="/" className="govuk-generic-header__homepage-link nettle-header__logo">
            <NettleMark />
            Nettle
          </Link>
        </div>
      </div>
    </div>
  );
}

function NettleMark() {
  return (
    <svg
      className="nettle-header__mark"
      aria-hidden="true"
      focusable="false"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 32 32"
      width="28"
      height="28"
      fill="currentColor"
    >
      <path d="M16 3l2 3 3-1-.5 3.5 3.5.5-1.5 3 3 2-3 1.5 1.5 3-3.5.5L19 25l-3 4-3-4-1.5-3-3.5-.5 1.5-3-3-1.5 3-2-1.5-3 3.5-.5L11 5l3 1z" />
    </svg>
  );
}

import { Link } from "@remix-run/react";
import { FEEDBACK_URL } from "./phase-banner";

const REPOSITORY_URL = "https://github.com/nettle-hub/nettle";
const REGISTER_URL = "https://github.com/mysociety/uk_local_authority_names_and_codes";
const CC_BY_URL = "https://creativecommons.org/licenses/by/4.0/";
const MIT_URL = "https://opensource.org/license/mit";

/**
 * GOV.UK footer layout with Nettle's own licence and copyright. The crest and the Open
 * Government Licence logo are left out: they belong to the Crown, not to Nettle.
 */
export function Footer() {
  return (
    <footer className="govuk-template__footer">
      <div className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <h2 className="govuk-visually-hidden">Support links</h2>
              <ul className="govuk-footer__inline-list">
                <li className="govuk-footer__inline-list-item">
                  <Link className="govuk-footer__link" to="/about">
                    About Nettle
                  </Link>
                </li>
                <li className="govuk-footer__inline-list-item">
                  <a className="govuk-footer__link" href={REPOSITORY_URL}>
                    Source code
                  </a>
                </li>
                <li className="govuk-footer__inline-list-item">
                  <a className="govuk-footer__link" href={FEEDBACK_URL}>
                    Report a problem
                  </a>
                </li>
              </ul>
              <div className="govuk-footer__meta-custom">
                <p className="nettle-footer__text">
                  Contains data from{" "}
                  <a className="govuk-footer__link" href={REGISTER_URL}>
                    {"mySociety's UK local authority register"}
                  </a>
                  ,{" "}
                  <a className="govuk-footer__link" href={CC_BY_URL}>
                    CC BY 4.0
                  </a>
                </p>
                <p className="nettle-footer__text">
                  Nettle is open source under the{" "}
                  <a className="govuk-footer__link" href={MIT_URL} rel="license">
                    MIT licence
                  </a>
                </p>
              </div>
            </div>
            <div className="govuk-footer__meta-item">© Nettle contributors</div>
          </div>
        </div>
      </div>
    </footer>
  );
}

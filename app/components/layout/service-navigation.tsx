import { Form, Link, useLocation } from "@remix-run/react";

export interface Viewer {
  displayName: string;
  isAdmin: boolean;
  isOrganiser: boolean;
  emailVerified: boolean;
  unreadNotifications: number;
}

const items = [
  { href: "/", text: "Home" },
  { href: "/challenges", text: "Challenges" },
  { href: "/events", text: "Events" },
  { href: "/organisations", text: "Organisations" },
  { href: "/about", text: "About" },
] as const;

/** "page" on the item's own URL, "true" anywhere below it (GOV.UK's current-section pattern). */
function currentState(pathname: string, href: string): "page" | "true" | undefined {
  if (pathname === href) return "page";
  if (href !== "/" && pathname.startsWith(`${href}/`)) return "true";
  return undefined;
}

/**
 * GOV.UK service navigation without a service name (the header already carries it). Without
 * JavaScript the links are always shown; GOV.UK Frontend's script adds the "Menu" toggle on
 * small screens.
 */
export function ServiceNavigation({ viewer }: { viewer: Viewer | null }) {
  const { pathname } = useLocation();
  const accountItems: { href: string; text: string }[] = viewer
    ? [
        ...(viewer.isOrganiser ? [{ href: "/hub", text: "Hub" }] : []),
        ...(viewer.isAdmin ? [{ href: "/admin", text: "Admin" }] : []),
        {
          href: "/notifications",
          text: viewer.unreadNotifications > 0 ? `Notifications (${viewer.unreadNotifications} unread)` : "Notifications",
        },
        { href: "/account", text: "Your account" },
      ]
    : [
        { href: "/signup", text: "Create an account" },
        { href: "/signin", text: "Sign in" },
      ];

  return (
    // GOV.UK Frontend's script may set attributes on these elements before React hydrates
    // (data-*-init, hidden, aria-expanded); they are the script's to manage, so React keeps quiet.
    <div className="govuk-service-navigation" data-module="govuk-service-navigation" suppressHydrationWarning>
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
            <button
              type="button"
              className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
              aria-controls="navigation"
              hidden
              aria-hidden="true"
              suppressHydrationWarning
            >
              Menu
            </button>
            <ul className="govuk-service-navigation__list" id="navigation" suppressHydrationWarning>
              {[...items, ...accountItems].map((item) => {
                const current = currentState(pathname, item.href);
                return (
                  <li
                    key={item.href}
                    className={
                      current
                        ? "govuk-service-navigation__item govuk-service-navigation__item--active"
                        : "govuk-service-navigation__item"
                    }
                  >
                    <Link className="govuk-service-navigation__link" to={item.href} aria-current={current}>
                      {/* The <strong> keeps the current item marked when colours are overridden. */}
                      {current ? (
                        <strong className="govuk-service-navigation__active-fallback">{item.text}</strong>
                      ) : (
                        item.text
                      )}
                    </Link>
                  </li>
                );
              })}
              {viewer ? (
                <li className="govuk-service-navigation__item">
                  {/* Signing out changes data, so it is a form (POST), not a link. */}
                  <Form method="post" action="/signout" className="nettle-inline-form">
                    <button type="submit" className="govuk-service-navigation__link nettle-link-button">
                      Sign out
                    </button>
                  </Form>
                </li>
              ) : null}
            </ul>
          </nav>
        </div>
      </div>
    </div>
  );
}

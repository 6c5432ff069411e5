import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { errorTitle, GeneralErrorBoundary } from "~/components/error-boundary";
import { Footer } from "~/components/layout/footer";
import { Header } from "~/components/layout/header";
import { PhaseBanner } from "~/components/layout/phase-banner";
import { ServiceNavigation } from "~/components/layout/service-navigation";
import { FlashBanner } from "~/components/flash-banner";
import { useNonce } from "~/components/nonce";
import { unreadCount } from "~/models/notifications/notifications.server";
import { isAnyHubOrganiser } from "~/models/platform/policy.server";
import { getUser } from "~/services/auth.server";
import { readFlash } from "~/services/flash.server";
import styles from "~/styles/app.scss?url";

// Nettle green (GOV.UK palette "green"); keep in step with `brand` in app.scss.
const THEME_COLOUR = "#0f7a52";

// GOV.UK Frontend's own template snippet: CSS that depends on the components' JavaScript only
// applies once this class is on <body>, so the page stays usable if the script never runs.
const SUPPORT_SCRIPT =
  "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');";
// Progressive enhancement only (menu toggle, skip-link focus); public/assets/ is filled by
// scripts/copy-govuk-assets.js.
const GOVUK_INIT_SCRIPT = 'import { initAll } from "/assets/govuk-frontend.min.js"; initAll();';

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, { flash, clear }] = await Promise.all([getUser(request), readFlash(request)]);
  const viewer = user
    ? {
        displayName: user.displayName,
        isAdmin: user.isAdmin,
        isOrganiser: await isAnyHubOrganiser(user.id),
        emailVerified: user.emailVerifiedAt !== null,
        unreadNotifications: await unreadCount(user.id),
      }
    : null;
  // A flash meant for the page itself is not repeated in the banner.
  return data({ viewer, flash: flash?.placement === "page" ? null : flash }, clear ? { headers: { "Set-Cookie": clear } } : undefined);
}

export type RootData = typeof loader;

// The document shell wraps both the page and the error boundary, so error pages keep the
// header, navigation and footer.
export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  // Undefined when the root loader itself failed (the error page still renders the shell).
  const root = useRouteLoaderData<RootData>("root");
  // A page whose route says `handle = { bare: true }` (presentation mode) has no site chrome.
  const bare = useMatches().some((match) => (match.handle as { bare?: boolean } | undefined)?.bare === true);

  return (
    <html lang="en-GB" className="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content={THEME_COLOUR} />
        <Meta />
        <Links />
      </head>
      {/* The support script and GOV.UK Frontend change body and skip-link attributes before React hydrates. */}
      <body className="govuk-template__body" suppressHydrationWarning>
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: SUPPORT_SCRIPT }} />
        <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link" suppressHydrationWarning>
          Skip to main content
        </a>
        {bare ? null : (
          <header className="govuk-template__header">
            <Header />
            <ServiceNavigation viewer={root?.viewer ?? null} />
            <PhaseBanner />
          </header>
        )}
        {bare ? (
          <main id="main-content" tabIndex={-1}>
            {children}
          </main>
        ) : (
          <div className="govuk-width-container">
            <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
              {root?.flash ? <FlashBanner flash={root.flash} /> : null}
              {children}
            </main>
          </div>
        )}
        {bare ? null : <Footer />}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <script
          type="module"
          nonce={nonce}
          suppressHydrationWarning
          dangerouslySetInnerHTML={{ __html: GOVUK_INIT_SCRIPT }}
        />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export const meta: MetaFunction = ({ error }) => [{ title: error ? `${errorTitle(error)} – Nettle` : "Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NONE, platformPolicy } from "~/models/platform/policy.server";
import { requireUser } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await platformPolicy.authorize(user, "administer", NONE);
  return null;
}

const links = [
  {
    to: "/admin/audit",
    text: "Audit log",
    description: "Who changed roles, memberships, invitations and verification, and when.",
  },
  {
    to: "/hub",
    text: "Councils waiting for verification",
    description: "As an administrator you can verify any council's claim.",
  },
  { to: "/admin/themes", text: "Themes", description: "The themes councils file their challenges under." },
  { to: "/organisations", text: "Organisations", description: "Every council, university, hub and community group." },
];

export default function Admin() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Administration</h1>
        <ul className="govuk-list">
          {links.map((link) => (
            <li key={link.to} className="govuk-!-margin-bottom-4">
              <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                <Link className="govuk-link" to={link.to}>
                  {link.text}
                </Link>
              </h2>
              <p className="govuk-body">{link.description}</p>
            </li>
          ))}
        </ul>
        <p className="govuk-body-s">
          Platform administrators are made from the command line on the server (<code>scripts/make-admin.ts</code>), and
          hub organisers with <code>scripts/make-organiser.ts</code> or by invitation from another organiser.
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Administration – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { Confirmation, Invitations, MembersTable } from "~/components/organisations/members";
import { summaryFromReply } from "~/components/use-form";
import { createInvitation, revokeInvitation } from "~/models/organisations/invitation.server";
import { changeRole, leaveOrganisation, membersPage, removeMember, transferOwnership } from "~/models/organisations/membership.server";
import { findOrganisation } from "~/models/organisations/organisation.server";
import { organisationPolicy, type OrganisationAction } from "~/models/organisations/policy.server";
import { membersForm, type MembersForm } from "~/models/organisations/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// (`$slug_` keeps this page out of the organisation page's layout: same URL, its own page.)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const org = await findOrganisation(params.slug ?? "");
  const search = new URL(request.url).searchParams;
  return membersPage(user, org, { confirm: search.get("confirm"), memberId: search.get("member") });
}

/** What each form needs: asked before its fields are checked, so others get 403, not 400. */
const permissionFor: Record<MembersForm["intent"], OrganisationAction> = {
  invite: "invite",
  revoke: "invite",
  remove: "remove_member",
  role: "change_role",
  transfer: "transfer",
  leave: "leave",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const org = await findOrganisation(params.slug ?? "");
  const page = `/organisations/${org.slug}/members`;
  const done = (title: string, body?: string) => redirectWithFlash(page, { kind: "success", title, body });
  return formAction(
    request,
    membersForm,
    async (form) => {
      switch (form.intent) {
        case "invite": {
          const sent = await createInvitation(user, org.id, form);
          return done(`Invitation sent to ${form.email}`, sent.replaced > 0 ? "It replaces the earlier invitation to that address." : undefined);
        }
        case "revoke":
          return done(`Invitation to ${(await revokeInvitation(user, org.id, form.invitationId)).email} revoked`);
        case "remove":
          return done(`${(await removeMember(user, org.id, form.membershipId)).name} is no longer a member of ${org.name}`);
        case "role": {
          const { name } = await changeRole(user, org.id, form.membershipId, form.role);
          return done(`${name} is now ${form.role === "owner" ? "an owner" : "a member"}`);
        }
        case "transfer":
          return done(`${(await transferOwnership(user, org.id, form.membershipId)).name} is now the owner of ${org.name}`, "You are now a member.");
        case "leave":
          await leaveOrganisation(user, org.id);
          return redirectWithFlash(`/organisations/${org.slug}`, { kind: "success", title: `You have left ${org.name}` });
      }
    },
    {
      authorize: async ({ intent }) => {
        if (typeof intent === "string" && Object.hasOwn(permissionFor, intent)) {
          await organisationPolicy.authorize(user, permissionFor[intent as MembersForm["intent"]], org);
        }
      },
    },
  );
}

export default function Members() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { org } = page;
  const base = `/organisations/${org.slug}/members`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <Link className="govuk-back-link" to={`/organisations/${org.slug}`}>
          {org.name}
        </Link>
        {/* Errors about a member or an invitation are about the page's hidden fields: shown for the page. */}
        <ErrorSummary errors={summaryFromReply(reply, { membershipId: "form", invitationId: "form" })} />
        <span className="govuk-caption-l">{org.name}</span>
        <h1 className="govuk-heading-l">Members</h1>
        {page.confirm ? <Confirmation confirm={page.confirm} orgName={org.name} base={base} /> : null}
        <MembersTable orgName={org.name} base={base} members={page.members} canManage={page.canManage} youAreOwner={page.role === "owner"} />
        {page.role ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={`${base}?confirm=leave`}>
              Leave {org.name}
            </Link>
          </p>
        ) : null}
        {page.canInvite ? <Invitations invitations={page.invitations} blocked={page.inviteBlocked} reply={reply} /> : null}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Members – ${data.org.name} – Nettle` : "Members – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios, TextField } from "~/components/forms";
import {
  createInvitation,
  invitationIdInput,
  invitationInput,
  listPendingInvitations,
  revokeInvitation,
} from "~/models/organisations/invitation.server";
import {
  changeRole,
  LAST_OWNER_MESSAGE,
  leaveOrganisation,
  listMembers,
  membershipIdInput,
  removeMember,
  roleChangeInput,
  RuleError,
  transferOwnership,
} from "~/models/organisations/membership.server";
import { getOrganisationBySlug } from "~/models/organisations/organisation.server";
import { can, membershipRole, requirePermission, type OrgRef, type Permission } from "~/models/platform/permissions.server";
import { requireUser } from "~/services/auth.server";
import type { Actor } from "~/models/platform/actor";
import { redirectWithFlash } from "~/services/flash.server";
import { badRequest, fieldErrors, keepValues, readForm } from "~/services/form.server";
import { TableHead } from "~/components/table-head";

// (`$slug_` keeps this page out of the organisation page's layout: same URL, its own page.)

async function loadOrganisation(slug: string | undefined) {
  const org = await getOrganisationBySlug(slug ?? "");
  if (!org) throw new Response("Not found", { status: 404 });
  return org;
}

const toRef = (org: OrgRef): OrgRef => ({ id: org.id, name: org.name, kind: org.kind, region: org.region });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const org = await loadOrganisation(params.slug);
  const ref = toRef(org);
  await requirePermission(user, "organisation:view-members", ref);
  const [role, canInvite, canManage, members] = await Promise.all([
    membershipRole(user.id, org.id),
    can(user, "organisation:invite", ref),
    can(user, "organisation:remove-member", ref),
    listMembers(org.id),
  ]);
  const invitations = canInvite ? await listPendingInvitations(org.id) : [];
  const url = new URL(request.url);
  const confirm = url.searchParams.get("confirm");
  const target = members.find((member) => member.id === url.searchParams.get("member")) ?? null;
  const owners = members.filter((member) => member.role === "owner").length;
  return {
    org: { slug: org.slug, name: org.name },
    role,
    canInvite,
    canManage,
    members: members.map(({ id, name, role: memberRole, createdAt, userId }) => ({
      id,
      name,
      role: memberRole,
      createdAt,
      you: userId === user.id,
    })),
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
    })),
    inviteBlocked:
      canInvite && org.kind === "council" && !org.verifiedAt
        ? `You can invite colleagues once a hub organiser has verified ${org.name}.`
        : null,
    confirm:
      confirm === "leave" && role
        ? ({ kind: "leave", lastOwner: role === "owner" && owners === 1, explanation: LAST_OWNER_MESSAGE } as const)
        : ((confirm === "remove" && canManage) || (confirm === "transfer" && role === "owner")) &&
            target &&
            target.userId !== user.id
          ? ({ kind: confirm, member: { id: target.id, name: target.name } } as const)
          : null,
  };
}

type Values = Record<string, string>;
const failure = (errors: Record<string, string>, values: Values, status = 400) => data({ errors, values }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const org = await loadOrganisation(params.slug);
  const ref = toRef(org);
  const form = await readForm(request);
  const values = keepValues(form);
  const intent = form.get("intent");
  const handler = typeof intent === "string" && Object.hasOwn(intents, intent) ? intents[intent] : undefined;
  if (!handler) throw badRequest("Nettle did not understand that request.");
  await requirePermission(user, handler.permission, ref);
  try {
    return await handler.run({ user, org: { ...ref, slug: org.slug }, form, values });
  } catch (error) {
    if (error instanceof RuleError) {
      const field = intent === "invite" && (error.field === "email" || error.field === "role") ? error.field : "form";
      return failure({ [field]: error.message }, values, error.status);
    }
    throw error;
  }
}

interface IntentArgs {
  user: Actor;
  org: OrgRef & { slug: string };
  form: FormData;
  values: Values;
}

const membersPage = (slug: string) => `/organisations/${slug}/members`;

const intents: Record<
  string,
  { permission: Permission; run: (args: IntentArgs) => Promise<Response | ReturnType<typeof failure>> }
> = {
  invite: {
    permission: "organisation:invite",
    async run({ user, org, form, values }) {
      const parsed = invitationInput.safeParse({ email: form.get("email") ?? "", role: form.get("role") ?? undefined });
      if (!parsed.success) return failure(fieldErrors(parsed.error), values);
      const sent = await createInvitation(user, org.id, parsed.data);
      return redirectWithFlash(membersPage(org.slug), {
        kind: "success",
        title: `Invitation sent to ${parsed.data.email}`,
        body: sent.replaced > 0 ? "It replaces the earlier invitation to that address." : undefined,
      });
    },
  },
  revoke: {
    permission: "organisation:invite",
    async run({ user, org, form, values }) {
      const parsed = invitationIdInput.safeParse({ invitationId: form.get("invitationId") ?? "" });
      if (!parsed.success) return failure({ form: "Choose an invitation to revoke" }, values);
      const { email } = await revokeInvitation(user, org.id, parsed.data.invitationId);
      return redirectWithFlash(membersPage(org.slug), { kind: "success", title: `Invitation to ${email} revoked` });
    },
  },
  remove: {
    permission: "organisation:remove-member",
    async run({ user, org, form, values }) {
      const parsed = membershipIdInput.safeParse({ membershipId: form.get("membershipId") ?? "" });
      if (!parsed.success) return failure({ form: "Choose a member to remove" }, values);
      const { name } = await removeMember(user, org.id, parsed.data.membershipId);
      return redirectWithFlash(membersPage(org.slug), {
        kind: "success",
        title: `${name} is no longer a member of ${org.name}`,
      });
    },
  },
  role: {
    permission: "organisation:change-role",
    async run({ user, org, form, values }) {
      const parsed = roleChangeInput.safeParse({
        membershipId: form.get("membershipId") ?? "",
        role: form.get("role") ?? undefined,
      });
      if (!parsed.success) return failure({ form: "Choose a member and a role" }, values);
      const { name } = await changeRole(user, org.id, parsed.data.membershipId, parsed.data.role);
      return redirectWithFlash(membersPage(org.slug), {
        kind: "success",
        title: `${name} is now ${parsed.data.role === "owner" ? "an owner" : "a member"}`,
      });
    },
  },
  transfer: {
    permission: "organisation:transfer",
    async run({ user, org, form, values }) {
      const parsed = membershipIdInput.safeParse({ membershipId: form.get("membershipId") ?? "" });
      if (!parsed.success) return failure({ form: "Choose who becomes the owner" }, values);
      const { name } = await transferOwnership(user, org.id, parsed.data.membershipId);
      return redirectWithFlash(membersPage(org.slug), {
        kind: "success",
        title: `${name} is now the owner of ${org.name}`,
        body: "You are now a member.",
      });
    },
  },
  leave: {
    permission: "organisation:leave",
    async run({ user, org }) {
      await leaveOrganisation(user, org.id);
      return redirectWithFlash(`/organisations/${org.slug}`, { kind: "success", title: `You have left ${org.name}` });
    },
  },
};

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});
const roleLabel = (role: "owner" | "member") => (role === "owner" ? "Owner" : "Member");

export default function Members() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { org } = page;
  const base = `/organisations/${org.slug}/members`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <Link className="govuk-back-link" to={`/organisations/${org.slug}`}>
          {org.name}
        </Link>
        <ErrorSummary errors={result?.errors} />
        <span className="govuk-caption-l">{org.name}</span>
        <h1 className="govuk-heading-l">Members</h1>
        {page.confirm ? <Confirmation /> : null}

        <table role="table" className="govuk-table nettle-table-stack">
          <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">
            Members of {org.name}
          </caption>
          <TableHead columns={["Name", "Role", "Member since", page.canManage ? { hidden: "Actions" } : null]} />
          <tbody role="rowgroup" className="govuk-table__body">
            {page.members.map((member) => (
              <tr role="row" className="govuk-table__row" key={member.id}>
                <td role="cell" className="govuk-table__cell">
                  {member.name}
                  {member.you ? " (you)" : ""}
                </td>
                <td role="cell" data-label="Role" className="govuk-table__cell">{roleLabel(member.role)}</td>
                <td role="cell" data-label="Member since" className="govuk-table__cell">{dateFormat.format(new Date(member.createdAt))}</td>
                {page.canManage ? (
                  <td role="cell" className="govuk-table__cell">
                    {member.you ? null : (
                      <div className="govuk-button-group govuk-!-margin-bottom-0">
                        <Form method="post">
                          <input type="hidden" name="intent" value="role" />
                          <input type="hidden" name="membershipId" value={member.id} />
                          <input type="hidden" name="role" value={member.role === "owner" ? "member" : "owner"} />
                          <button
                            type="submit"
                            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                            data-module="govuk-button"
                          >
                            Make {member.role === "owner" ? "member" : "owner"}
                            <span className="govuk-visually-hidden"> ({member.name})</span>
                          </button>
                        </Form>
                        {page.role === "owner" && member.role === "member" ? (
                          <Link className="govuk-link" to={`${base}?confirm=transfer&member=${member.id}`}>
                            Hand over ownership<span className="govuk-visually-hidden"> to {member.name}</span>
                          </Link>
                        ) : null}
                        <Link className="govuk-link" to={`${base}?confirm=remove&member=${member.id}`}>
                          Remove<span className="govuk-visually-hidden"> {member.name}</span>
                        </Link>
                      </div>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        {page.role ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={`${base}?confirm=leave`}>
              Leave {org.name}
            </Link>
          </p>
        ) : null}

        {page.canInvite ? <Invitations /> : null}
      </div>
    </div>
  );
}

function ConfirmPanel({ title, warning, children }: { title: string; warning?: string; children: ReactNode }) {
  return (
    <div className="govuk-inset-text">
      <h2 className="govuk-heading-m">{title}</h2>
      {warning ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {warning}
          </strong>
        </div>
      ) : null}
      {children}
    </div>
  );
}

function ConfirmForm({ intent, membershipId, label }: { intent: string; membershipId?: string; label: string }) {
  const { org } = useLoaderData<typeof loader>();
  return (
    <Form method="post" className="govuk-button-group">
      <input type="hidden" name="intent" value={intent} />
      {membershipId ? <input type="hidden" name="membershipId" value={membershipId} /> : null}
      <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
        {label}
      </button>
      <Link className="govuk-link" to={`/organisations/${org.slug}/members`}>
        Cancel
      </Link>
    </Form>
  );
}

function Confirmation() {
  const { confirm, org } = useLoaderData<typeof loader>();
  if (!confirm) return null;
  if (confirm.kind === "leave") {
    return confirm.lastOwner ? (
      <ConfirmPanel title={`You cannot leave ${org.name} yet`}>
        <p className="govuk-body">{confirm.explanation}</p>
      </ConfirmPanel>
    ) : (
      <ConfirmPanel title={`Leave ${org.name}?`} warning="You will need a new invitation from an owner to join again.">
        <ConfirmForm intent="leave" label="Leave" />
      </ConfirmPanel>
    );
  }
  if (confirm.kind === "remove") {
    return (
      <ConfirmPanel
        title={`Remove ${confirm.member.name}?`}
        warning={`${confirm.member.name} will no longer be a member of ${org.name}.`}
      >
        <ConfirmForm intent="remove" membershipId={confirm.member.id} label="Remove member" />
      </ConfirmPanel>
    );
  }
  return (
    <ConfirmPanel
      title={`Make ${confirm.member.name} the owner?`}
      warning={`You will become a member of ${org.name} and will no longer be able to invite or remove people.`}
    >
      <ConfirmForm intent="transfer" membershipId={confirm.member.id} label="Hand over ownership" />
    </ConfirmPanel>
  );
}

function Invitations() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const invited = result?.values.intent === "invite" ? result : undefined;
  return (
    <>
      <h2 className="govuk-heading-m">Invitations</h2>
      {page.invitations.length === 0 ? (
        <p className="govuk-body">There are no invitations waiting.</p>
      ) : (
        <table role="table" className="govuk-table nettle-table-stack">
          <caption className="govuk-table__caption govuk-visually-hidden">Invitations waiting to be accepted</caption>
          <TableHead columns={["Email address", "Role", "Expires", { hidden: "Actions" }]} />
          <tbody role="rowgroup" className="govuk-table__body">
            {page.invitations.map((invitation) => (
              <tr role="row" className="govuk-table__row" key={invitation.id}>
                <td role="cell" className="govuk-table__cell">{invitation.email}</td>
                <td role="cell" data-label="Role" className="govuk-table__cell">{roleLabel(invitation.role)}</td>
                <td role="cell" data-label="Expires" className="govuk-table__cell">{dateFormat.format(new Date(invitation.expiresAt))}</td>
                <td role="cell" className="govuk-table__cell">
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <button
                      type="submit"
                      className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                      data-module="govuk-button"
                    >
                      Revoke<span className="govuk-visually-hidden"> the invitation to {invitation.email}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 className="govuk-heading-m">Invite someone</h2>
      {page.inviteBlocked ? (
        <p className="govuk-inset-text">{page.inviteBlocked}</p>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <TextField
            name="email"
            type="email"
            label="Email address"
            hint="They will get a link that works for 14 days. Inviting the same address again replaces the earlier link."
            autoComplete="off"
            spellCheck={false}
            width="two-thirds"
            error={invited?.errors.email}
            defaultValue={invited?.values.email}
          />
          <Radios
            name="role"
            legend="Role"
            error={invited?.errors.role}
            defaultValue={invited?.values.role ?? "member"}
            options={[
              { value: "member", label: "Member" },
              { value: "owner", label: "Owner", hint: "Owners can invite and remove people and change roles." },
            ]}
          />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Send invitation
          </button>
        </Form>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Members – ${data.org.name} – Nettle` : "Members – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

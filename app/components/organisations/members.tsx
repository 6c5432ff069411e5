import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Radios, TextField } from "~/components/forms";
import { formatDate } from "~/components/organisations/format";
import { TableHead } from "~/components/table-head";
import { replyFor, useNettleForm } from "~/components/use-form";
import type { MembershipRole } from "~/generated/prisma/enums";
import { roleLabels } from "~/models/organisations/labels";
import { membersForm } from "~/models/organisations/schemas";

// The parts of an organisation's members page: who is a member, the confirmations for leaving,
// removing and handing over, and the owners' invitations.

interface Member {
  id: string;
  name: string;
  role: MembershipRole;
  createdAt: Date | string;
  you: boolean;
}

export function MembersTable({
  orgName,
  base,
  members,
  canManage,
  youAreOwner,
}: {
  orgName: string;
  base: string;
  members: Member[];
  canManage: boolean;
  youAreOwner: boolean;
}) {
  return (
    <table role="table" className="govuk-table nettle-table-stack">
      <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">Members of {orgName}</caption>
      <TableHead columns={["Name", "Role", "Member since", canManage ? { hidden: "Actions" } : null]} />
      <tbody role="rowgroup" className="govuk-table__body">
        {members.map((member) => (
          <tr role="row" className="govuk-table__row" key={member.id}>
            <td role="cell" className="govuk-table__cell">
              {member.name}
              {member.you ? " (you)" : ""}
            </td>
            <td role="cell" data-label="Role" className="govuk-table__cell">
              {roleLabels[member.role]}
            </td>
            <td role="cell" data-label="Member since" className="govuk-table__cell">
              {formatDate(member.createdAt)}
            </td>
            {canManage ? (
              <td role="cell" className="govuk-table__cell">
                {member.you ? null : <MemberActions member={member} base={base} youAreOwner={youAreOwner} />}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MemberActions({ member, base, youAreOwner }: { member: Member; base: string; youAreOwner: boolean }) {
  const other = member.role === "owner" ? "member" : "owner";
  return (
    <div className="govuk-button-group govuk-!-margin-bottom-0">
      <Form method="post">
        <input type="hidden" name="intent" value="role" />
        <input type="hidden" name="membershipId" value={member.id} />
        <input type="hidden" name="role" value={other} />
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
          Make {other}
          <span className="govuk-visually-hidden"> ({member.name})</span>
        </button>
      </Form>
      {youAreOwner && member.role === "member" ? (
        <Link className="govuk-link" to={`${base}?confirm=transfer&member=${member.id}`}>
          Hand over ownership<span className="govuk-visually-hidden"> to {member.name}</span>
        </Link>
      ) : null}
      <Link className="govuk-link" to={`${base}?confirm=remove&member=${member.id}`}>
        Remove<span className="govuk-visually-hidden"> {member.name}</span>
      </Link>
    </div>
  );
}

export type Confirm =
  | { kind: "leave"; lastOwner: boolean; explanation: string }
  | { kind: "remove" | "transfer"; member: { id: string; name: string } };

/** Asks before leaving, removing someone or handing over ownership (links lead here, the button acts). */
export function Confirmation({ confirm, orgName, base }: { confirm: Confirm; orgName: string; base: string }) {
  if (confirm.kind === "leave") {
    return confirm.lastOwner ? (
      <ConfirmPanel title={`You cannot leave ${orgName} yet`}>
        <p className="govuk-body">{confirm.explanation}</p>
      </ConfirmPanel>
    ) : (
      <ConfirmPanel title={`Leave ${orgName}?`} warning="You will need a new invitation from an owner to join again.">
        <ConfirmForm intent="leave" label="Leave" base={base} />
      </ConfirmPanel>
    );
  }
  if (confirm.kind === "remove") {
    return (
      <ConfirmPanel title={`Remove ${confirm.member.name}?`} warning={`${confirm.member.name} will no longer be a member of ${orgName}.`}>
        <ConfirmForm intent="remove" membershipId={confirm.member.id} label="Remove member" base={base} />
      </ConfirmPanel>
    );
  }
  return (
    <ConfirmPanel
      title={`Make ${confirm.member.name} the owner?`}
      warning={`You will become a member of ${orgName} and will no longer be able to invite or remove people.`}
    >
      <ConfirmForm intent="transfer" membershipId={confirm.member.id} label="Hand over ownership" base={base} />
    </ConfirmPanel>
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

function ConfirmForm({ intent, membershipId, label, base }: { intent: string; membershipId?: string; label: string; base: string }) {
  return (
    <Form method="post" className="govuk-button-group">
      <input type="hidden" name="intent" value={intent} />
      {membershipId ? <input type="hidden" name="membershipId" value={membershipId} /> : null}
      <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
        {label}
      </button>
      <Link className="govuk-link" to={base}>
        Cancel
      </Link>
    </Form>
  );
}

interface Invitation {
  id: string;
  email: string;
  role: MembershipRole;
  expiresAt: Date | string;
}

/** For owners: the invitations waiting, and the form to invite someone (`reply`: the action's answer). */
export function Invitations({ invitations, blocked, reply }: { invitations: Invitation[]; blocked: string | null; reply: unknown }) {
  return (
    <>
      <h2 className="govuk-heading-m">Invitations</h2>
      {invitations.length === 0 ? (
        <p className="govuk-body">There are no invitations waiting.</p>
      ) : (
        <table role="table" className="govuk-table nettle-table-stack">
          <caption className="govuk-table__caption govuk-visually-hidden">Invitations waiting to be accepted</caption>
          <TableHead columns={["Email address", "Role", "Expires", { hidden: "Actions" }]} />
          <tbody role="rowgroup" className="govuk-table__body">
            {invitations.map((invitation) => (
              <tr role="row" className="govuk-table__row" key={invitation.id}>
                <td role="cell" className="govuk-table__cell">
                  {invitation.email}
                </td>
                <td role="cell" data-label="Role" className="govuk-table__cell">
                  {roleLabels[invitation.role]}
                </td>
                <td role="cell" data-label="Expires" className="govuk-table__cell">
                  {formatDate(invitation.expiresAt)}
                </td>
                <td role="cell" className="govuk-table__cell">
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
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
      {blocked ? <p className="govuk-inset-text">{blocked}</p> : <InviteForm reply={reply} />}
    </>
  );
}

function InviteForm({ reply }: { reply: unknown }) {
  const [form, fields] = useNettleForm(membersForm, {
    id: "invite",
    lastResult: replyFor(reply, { intent: "invite" }),
    defaultValue: { role: "member" },
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="invite" />
      <TextField
        field={fields.email}
        type="email"
        label="Email address"
        hint="They will get a link that works for 14 days. Inviting the same address again replaces the earlier link."
        autoComplete="off"
        spellCheck={false}
        width="two-thirds"
      />
      <Radios
        field={fields.role}
        legend="Role"
        options={[
          { value: "member", label: "Member" },
          { value: "owner", label: "Owner", hint: "Owners can invite and remove people and change roles." },
        ]}
      />
      <button type="submit" className="govuk-button" data-module="govuk-button">
        Send invitation
      </button>
    </Form>
  );
}

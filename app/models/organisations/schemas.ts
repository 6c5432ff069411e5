import { z } from "zod";
import { membershipRoles, organisationKinds } from "~/models/organisations/labels";
import { emailAddress } from "~/models/platform/fields";

// Forms of the organisations domain, shared by the server's checks and the browser's. Each
// page's forms are one discriminated union on `intent`.

/** The id of a record the page listed, sent in a hidden field. */
const recordId = (message: string) => z.string({ required_error: message }).trim().min(1, message).max(64, message);

const role = z.enum(membershipRoles, { errorMap: () => ({ message: "Choose owner or member" }) });

export const COMMENT_MAX = 2000;

export const claimComment = z
  .string({ required_error: "Say why the claim is rejected" })
  .trim()
  .min(1, "Say why the claim is rejected")
  .max(COMMENT_MAX, `Comment must be ${COMMENT_MAX} characters or fewer`);

export const invitationInput = z.object({ email: emailAddress("Enter an email address"), role });
export type InvitationInput = z.infer<typeof invitationInput>;

/** An organisation's page: a council officer claims the council, or withdraws their claim. */
export const organisationForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("claim") }),
  z.object({ intent: z.literal("withdraw-claim") }),
]);

/** The members page: owners invite, revoke, remove, change roles and hand over; members leave. */
export const membersForm = z.discriminatedUnion("intent", [
  invitationInput.extend({ intent: z.literal("invite") }),
  z.object({ intent: z.literal("revoke"), invitationId: recordId("Choose an invitation to revoke") }),
  z.object({ intent: z.literal("remove"), membershipId: recordId("Choose a member to remove") }),
  z.object({ intent: z.literal("role"), membershipId: recordId("Choose a member and a role"), role }),
  z.object({ intent: z.literal("transfer"), membershipId: recordId("Choose who becomes the owner") }),
  z.object({ intent: z.literal("leave") }),
]);
export type MembersForm = z.infer<typeof membersForm>;

/** Accepting an invitation: the link says which; the button sends nothing else. */
export const acceptInvitationForm = z.object({});

/** The hub dashboard: an organiser verifies a claim to a council, or rejects it with a comment. */
export const claimDecisionForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("verify"), councilId: recordId("Choose a council") }),
  z.object({ intent: z.literal("reject"), councilId: recordId("Choose a council"), comment: claimComment }),
]);

/** A hub's councils: the regions it serves, and councils added or removed one by one. */
export const hubCouncilsForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("regions"),
    regions: z.array(z.string().trim().min(1).max(100)).max(50, "Choose fewer regions"),
  }),
  z.object({ intent: z.literal("add"), councilId: recordId("Choose a council") }),
  z.object({ intent: z.literal("remove"), councilId: recordId("Choose a council") }),
]);

/** An organisation's own details (no page edits them yet: seeding, scripts and tests do). */
export const organisationInput = z.object({
  name: z.string().trim().min(2, "Enter the organisation's name").max(200, "Name must be 200 characters or fewer"),
  kind: z.enum(organisationKinds, { errorMap: () => ({ message: "Choose what kind of organisation this is" }) }),
  region: z.string().trim().max(100).optional(),
  nation: z.string().trim().max(100).optional(),
  website: z.string().trim().url("Enter a full web address, like https://example.org").optional(),
  description: z.string().trim().max(5000).optional(),
});
export type OrganisationInput = z.infer<typeof organisationInput>;

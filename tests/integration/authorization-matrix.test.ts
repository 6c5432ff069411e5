import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { createDraft } from "~/models/challenges/lifecycle.server";
import { queueMail } from "~/models/platform/mail.server";
import { prisma } from "~/services/db.server";
import { hashToken } from "~/services/session.server";
import { expressInterest } from "~/models/applications/applications.server";
import { createPerson, createProfile, createPublishedChallenge, type Person } from "../factories";
import { appRoutes } from "../support/routes";
import { context, settle, unwrap } from "../support/http";
import { getChallengePage } from "~/models/challenges/page.server";
import { getChallengeForReview } from "~/models/challenges/review.server";
import { getChallengeHistory } from "~/models/challenges/history.server";
import type { Actor } from "~/models/platform/actor";
import { applySearchSettings } from "~/models/platform/search-reindex.server";
import { drainSearchOutbox } from "~/models/platform/search-outbox.server";
import { unsubscribeToken } from "~/models/saved-searches/unsubscribe.server";
import {
  buildWorld,
  CANARIES,
  cookieFor,
  makeFormationEvent,
  makeProjectWithOutcome,
  makeEventRegistrations,
  makeOutcomes,
  makeRestrictedChallenge,
  makeWorldEvents,
  makeWorldEvent,
  makeWorldJudging,
  makeWorldProject,
  ROLES,
  WORLD_JUDGE_TOKEN,
  type Canary,
  type Role,
} from "../support/world";

// Who may open what. The route list comes from the app itself (Remix's own flat-routes reader),
// so a new route without an entry below fails this test until someone decides who may use it.
//
// Expected outcomes: 200 shown, 302 sent elsewhere (usually to sign in), 400 allowed but the
// (deliberately incomplete) form was refused, 403 not allowed, 404 not there, 409 refused as it
// stands, 410 gone.
//
// Beyond status codes, what each answer CARRIES: the world holds restricted values (canaries,
// tests/support/world.ts), each with an audience below. Every loader and action answer of
// every route, for every role, is serialised as the browser would get it and searched for
// every canary; one found outside its audience fails the test, naming route, role and canary.

const manifest = appRoutes();

type Outcome = 200 | 302 | 400 | 403 | 404 | 405 | 409 | 410 | 503;
type ByRole = Record<Role, Outcome>;

const all = (status: Outcome): ByRole => Object.fromEntries(ROLES.map((role) => [role, status])) as ByRole;
const signedIn = (status: Outcome, anonymous: Outcome = 302): ByRole => ({ ...all(status), anonymous });
const only = (allowed: Partial<ByRole>, others: Outcome, anonymous: Outcome = 302): ByRole => ({
  ...all(others),
  anonymous,
  ...allowed,
});

interface Entry {
  /** Path with params filled in from the world. */
  path: string;
  get: ByRole;
  /** A form that an allowed role would get a 400 (or harmless answer) for. */
  post?: { form: Record<string, string>; expect: ByRole };
}

/** Who may see each canary, on which routes; anywhere else, for anyone else, it is a leak. */
const insiders: Role[] = ["member", "owner", "organiser", "admin"];
const council: Role[] = ["member", "owner"];
const outcomeInsiders: Role[] = ["participant", ...insiders];
const personalDetail = {
  "routes/challenges.$slug": insiders,
  "routes/challenges_.$id.review": insiders,
  "routes/challenges_.$id.edit.$step": council,
};
const audiences: Record<Canary, Partial<Record<string, Role[]>>> = {
  // "For hub organisers and the team": the council, hubs serving it, admins (teams: later).
  contactEmail: { ...personalDetail, "routes/challenges_.$id.history": insiders },
  personalDatasetTitle: personalDetail,
  personalDatasetDescription: personalDetail,
  personalDatasetDpia: personalDetail,
  personalDatasetRetention: personalDetail,
  // Where personal data lives: the council and admins (accepted teams: later).
  personalDatasetLink: {
    "routes/challenges.$slug": ["member", "owner", "admin"],
    "routes/challenges_.$id.review": ["member", "owner", "admin"],
    "routes/challenges_.$id.edit.$step": council,
  },
  // Old values in the history: the council, hubs serving it and admins.
  oldValue: { "routes/challenges.$slug": insiders, "routes/challenges_.$id.history": insiders },
  oldContactEmail: { "routes/challenges.$slug": insiders, "routes/challenges_.$id.history": insiders },
  // A data card change waiting for review is not public until approved.
  pendingDatasetTitle: { "routes/challenges_.$id.review": insiders, "routes/challenges_.$id.edit.$step": council },
  pendingLink: { "routes/challenges_.$id.review": insiders, "routes/challenges_.$id.edit.$step": council },
  // A skill proposal's note: the hub organisers (and admins) who decide it.
  proposalNote: { "routes/hub.taxonomy.proposals": ["organiser", "admin"] },
  // Skills profiles: a hidden one only to its person; a members-only one to anyone signed in.
  // Each person's own data download carries their profile.
  hiddenProfileHeadline: {
    "routes/account.profile": ["participant"],
    "routes/account.data": ["participant"],
    "routes/people.$userId": ["participant"],
  },
  membersProfileBio: {
    "routes/account.profile": ["member"],
    "routes/account.data": ["member"],
    "routes/people.$userId": ROLES.filter((role) => role !== "anonymous"),
  },
  // A members-only profile: listed (with its headline) for the council and hubs matching people.
  matchedPersonHeadline: { "routes/challenges.$slug_.people": insiders },
  // An applicant's note: for the council and the hubs that review it, on the application's page.
  applicantNote: { "routes/applications.$id": insiders },
  // Projects: restricted links only for team members who accepted the data terms; how the sync
  // is going and invitations waiting for an answer for the team, the council and its hubs.
  teamDatasetLink: { "routes/projects.$slug": ["team"] },
  // A repository's sync error: on the project page and on the lists of those who oversee the
  // project; the team also sees it among their own projects.
  syncError: {
    "routes/projects.$slug": [...insiders, "team"],
    "routes/projects_.$slug.repository": [...insiders, "team"],
    "routes/hub.$slug.projects": ["organiser", "admin"],
    "routes/organisations.$slug_.projects": insiders,
    "routes/account.projects": ["team"],
  },
  // The lead who sent the invitation also finds it in their own data download.
  projectInvitationMessage: { "routes/projects.$slug_.team": [...insiders, "team"], "routes/account.data": ["team"] },
  // Outcomes: an outcome before sign-off, the council's comment and a dataset about people are
  // for the team (the participant leads both projects), the council and its hubs.
  draftOutcomeSummary: { "routes/projects.$slug_.outcome": outcomeInsiders, "routes/outcomes.$slug": outcomeInsiders },
  // Its writer's own data download and the admins' audit log carry it too (as challenge review comments).
  outcomeReviewComment: {
    "routes/projects.$slug_.outcome": outcomeInsiders,
    "routes/account.data": ["owner"],
    "routes/admin.audit": ["admin"],
  },
  outcomePersonalDataset: { "routes/projects.$slug_.outcome": outcomeInsiders },
  // A draft event: the hub's organisers and admins, on its page, its edit page and the hub's list.
  draftEventTitle: {
    "routes/events.$slug": ["organiser", "admin"],
    "routes/events.$slug_.edit": ["organiser", "admin"],
    "routes/hub.$slug.events": ["organiser", "admin"],
  },
  // Registrations: needs only to the event's organisers when they ask (POST, audited); a ticket
  // code only to its holder.
  // The person who gave them finds them in their own data download.
  dietaryNeed: {
    "routes/events.$slug_.registrations": ["organiser", "admin"],
    "routes/events.$slug_.registrations[.]csv": ["organiser", "admin"],
    "routes/account.data": ["participant"],
  },
  accessNeed: {
    "routes/events.$slug_.registrations": ["organiser", "admin"],
    "routes/events.$slug_.registrations[.]csv": ["organiser", "admin"],
    "routes/account.data": ["participant"],
  },
  ticketCode: { "routes/events.$slug_.ticket": ["participant"] },
  // On the day: attendees' ticket codes and addresses are on the organisers' check-in pages only.
  // Someone signed out who opens a ticket's address is sent to sign in with that address (so an
  // organiser comes back to it): the code they opened is echoed to them, nothing more.
  attendeeTicketCode: { "routes/events.$slug_.check-in_.$code": ["organiser", "admin", "anonymous"] },
  attendeeEmail: { "routes/events.$slug_.check-in": ["organiser", "admin"], "routes/events.$slug_.check-in_.$code": ["organiser", "admin"] },
  // An attendee's name: only organisers forming teams see it.
  formationAttendeeName: { "routes/events.$slug_.teams_.suggest": ["organiser", "admin"] },
  // Judging: judges' addresses, their reasons for conflicts and results before publication are
  // for the event's organisers (the world's hub organiser) and admins.
  judgeEmail: { "routes/events.$slug_.judging": ["organiser", "admin"] },
  judgeConflictReason: { "routes/events.$slug_.judging": ["organiser", "admin"] },
  unpublishedScores: { "routes/events.$slug_.judging": ["organiser", "admin"] },
};

let world: Awaited<ReturnType<typeof buildWorld>>;
let mailId: string;
let draftId: string;
let restricted: Awaited<ReturnType<typeof makeRestrictedChallenge>>;
let applicationId: string;
let inviteeId: string;
const publicSlug = "bus-stop-accessibility";
let matchSlug: string;
const invitationToken = "i".repeat(43);
const deadToken = "d".repeat(43);
let unsubscribeLink: string;
let oversight: Awaited<ReturnType<typeof makeProjectWithOutcome>>;
let projectSlug: string;
let outcomes: Awaited<ReturnType<typeof makeOutcomes>>;
let events: Awaited<ReturnType<typeof makeWorldEvents>>;
let eventSlug: string;
let worldEvent: Awaited<ReturnType<typeof makeWorldEvent>>;
let formationSlug: string;
let judging: Awaited<ReturnType<typeof makeWorldJudging>>;

function matrix(): Record<string, Entry | Entry[]> {
  const council = world.council.slug;
  const hub = world.hub.slug;
  return {
    "routes/_index": { path: "/", get: all(200) },
    "routes/about": { path: "/about", get: all(200) },
    "routes/healthz": { path: "/healthz", get: all(200) },
    "routes/$": { path: "/no-such-page", get: all(404), post: { form: {}, expect: all(404) } },
    "routes/organisations._index": { path: "/organisations", get: all(200) },
    "routes/organisations.$slug": {
      path: `/organisations/${council}`,
      get: all(200),
      // Leeds is claimed and verified: nobody may claim it, and the refusal says why.
      post: { form: { intent: "claim" }, expect: only({}, 403) },
    },
    "routes/organisations.$slug_.members": {
      path: `/organisations/${council}/members`,
      get: only({ member: 200, owner: 200, organiser: 200, admin: 200 }, 403),
      post: { form: { intent: "invite", email: "not-an-email", role: "member" }, expect: only({ owner: 400, admin: 400 }, 403) },
    },
    "routes/invitations.$token": {
      path: `/invitations/${invitationToken}`,
      get: all(200),
      // The invitation is for someone else's address.
      post: { form: {}, expect: only({}, 403) },
    },
    "routes/signup": {
      path: "/signup",
      get: signedIn(302, 200),
      post: { form: { email: "" }, expect: signedIn(302, 400) },
    },
    "routes/signin": {
      path: "/signin",
      get: signedIn(302, 200),
      post: { form: { email: "" }, expect: signedIn(302, 400) },
    },
    "routes/signout": { path: "/signout", get: all(302), post: { form: {}, expect: all(302) } },
    "routes/check-your-email": { path: "/check-your-email", get: all(200) },
    "routes/forgot-password": { path: "/forgot-password", get: all(200), post: { form: { email: "" }, expect: all(400) } },
    "routes/reset-password.$token": { path: `/reset-password/${deadToken}`, get: all(410), post: { form: {}, expect: all(410) } },
    // Everyone in the world has a confirmed address, so there is nothing to confirm.
    "routes/verify-email": { path: "/verify-email", get: all(302), post: { form: {}, expect: all(302) } },
    "routes/verify-email_.$token": { path: `/verify-email/${deadToken}`, get: all(410), post: { form: {}, expect: all(410) } },
    "routes/auth.github": { path: "/auth/github", get: all(404), post: { form: {}, expect: all(404) } },
    "routes/auth.github_.callback": { path: "/auth/github/callback", get: all(404) },
    "routes/account._index": { path: "/account", get: signedIn(200), post: { form: { intent: "profile" }, expect: signedIn(400) } },
    "routes/account.sessions": { path: "/account/sessions", get: signedIn(200), post: { form: { intent: "revoke" }, expect: signedIn(404) } },
    "routes/account.data": { path: "/account/data", get: signedIn(200) },
    "routes/account.profile": {
      path: "/account/profile",
      get: signedIn(200),
      post: { form: { intent: "details", hoursPerWeek: "400" }, expect: signedIn(400) },
    },
    // Profile pages: hidden → only the person (404 for others, so it is not revealed);
    // members-only → anyone signed in; public → everyone.
    "routes/people.$userId": [
      { path: `/people/${world.users.participant.id}`, get: only({ participant: 200 }, 404, 404) },
      { path: `/people/${world.users.member.id}`, get: signedIn(200, 404) },
      { path: `/people/${world.users.owner.id}`, get: all(200) },
    ],
    // Saved searches: each person's own. People searches only for a council one belongs to.
    "routes/account.saved-searches._index": {
      path: "/account/saved-searches",
      get: signedIn(200),
      post: { form: { intent: "rename", id: "no-such-search", name: "" }, expect: signedIn(400) },
    },
    "routes/account.saved-searches.new": [
      {
        path: "/account/saved-searches/new?target=challenges&search=q%3Dgis",
        get: signedIn(200),
        post: { form: { target: "challenges", name: "" }, expect: signedIn(400) },
      },
      {
        path: `/account/saved-searches/new?target=people&organisation=${council}`,
        get: only({ member: 200, owner: 200 }, 403),
        post: {
          form: { target: "people", organisation: council, skills: "Python", name: "Python people", emailFrequency: "never" },
          expect: only({ member: 302, owner: 302 }, 403),
        },
      },
    ],
    // The link in saved-search emails works signed out; a made-up one is not found.
    "routes/unsubscribe.$token": [
      { path: `/unsubscribe/${unsubscribeLink}`, get: all(200) },
      { path: "/unsubscribe/made-up.token", get: all(404), post: { form: {}, expect: all(404) } },
    ],
    "routes/account.delete": { path: "/account/delete", get: signedIn(200), post: { form: { confirm: "" }, expect: signedIn(400) } },
    "routes/hub._index": {
      path: "/hub",
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { intent: "reject", councilId: world.council.id, comment: "" }, expect: only({ organiser: 400, admin: 400 }, 403) },
    },
    "routes/hub.$slug.challenges": { path: `/hub/${hub}/challenges`, get: only({ organiser: 200, admin: 200 }, 403) },
    "routes/hub.taxonomy._index": {
      path: "/hub/taxonomy",
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { intent: "add", name: "" }, expect: only({ organiser: 400, admin: 400 }, 403) },
    },
    "routes/hub.taxonomy.proposals": {
      path: "/hub/taxonomy/proposals",
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { intent: "reject", proposalId: "none", reason: "" }, expect: only({ organiser: 400, admin: 400 }, 403) },
    },
    "routes/skills.propose": { path: "/skills/propose", get: signedIn(200), post: { form: { name: "" }, expect: signedIn(400) } },
    "routes/hub.taxonomy.$slug": {
      path: "/hub/taxonomy/sql",
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { intent: "merge", into: "" }, expect: only({ organiser: 400, admin: 400 }, 403) },
    },
    "routes/hub.$slug.councils": {
      path: `/hub/${hub}/councils`,
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { intent: "nonsense" }, expect: only({ organiser: 400, admin: 400 }, 403) },
    },
    "routes/admin._index": { path: "/admin", get: only({ admin: 200 }, 403) },
    "routes/admin.audit": { path: "/admin/audit", get: only({ admin: 200 }, 403) },
    "routes/admin.themes": {
      path: "/admin/themes",
      get: only({ admin: 200 }, 403),
      post: { form: { intent: "add", name: "" }, expect: only({ admin: 400 }, 403) },
    },
    // The development mailbox exists only without SMTP and outside production (as in tests).
    "routes/challenges._index": { path: "/challenges", get: all(200) },
    "routes/challenges.$slug": {
      path: `/challenges/${publicSlug}`,
      get: all(200),
      // Following needs an account; everyone signed in may follow a public challenge.
      post: { form: { intent: "follow" }, expect: signedIn(302) },
    },
    "routes/challenges[.]csv": { path: "/challenges.csv", get: all(200) },
    // Matching people: the council and the hub organisers who review it (and admins).
    "routes/challenges.$slug_.people": {
      path: `/challenges/${matchSlug}/people`,
      get: only({ member: 200, owner: 200, organiser: 200, admin: 200 }, 403),
    },
    "routes/account.matches": { path: "/account/matches", get: signedIn(200) },
    "routes/challenges.new": {
      path: "/challenges/new",
      get: signedIn(200),
      post: { form: { organisation: "" }, expect: signedIn(400) },
    },
    // A draft: only its own council sees it (404 for everyone else, so drafts are not revealed).
    // A public challenge: only the council changes it; others are told they may not.
    "routes/challenges_.$id.edit.$step": [
      {
        path: `/challenges/${draftId}/edit/problem`,
        get: only({ owner: 200, member: 200 }, 404),
        post: { form: { title: "" }, expect: only({ owner: 400, member: 400 }, 404) },
      },
      {
        path: `/challenges/${restricted.id}/edit/data`,
        get: only({ owner: 200, member: 200 }, 403),
        post: { form: { intent: "save-dataset", title: "" }, expect: only({ owner: 400, member: 400 }, 403) },
      },
    ],
    // The private page: the council and those who review it. Others get 404 for a draft and
    // are sent to the public page of a public challenge.
    "routes/challenges_.$id.review": [
      {
        path: `/challenges/${draftId}/review`,
        get: only({ owner: 200, member: 200 }, 404),
        post: { form: { intent: "nonsense" }, expect: signedIn(400) },
      },
      {
        path: `/challenges/${restricted.id}/review`,
        get: only({ owner: 200, member: 200, organiser: 200, admin: 200 }, 302),
        // Sending a data card change back needs a comment; only hub organisers and admins decide.
        post: {
          form: { intent: "send-back-data-change", changeId: restricted.waitingChangeId, dataComment: "" },
          expect: only({ organiser: 400, admin: 400, owner: 403, member: 403 }, 404),
        },
      },
    ],
    // The full history (old values): as the private page. Removing what the challenge says now
    // is refused (409) for those who may remove values; a council member may not (403).
    "routes/challenges_.$id.history": [
      { path: `/challenges/${draftId}/history`, get: only({ owner: 200, member: 200 }, 404) },
      {
        path: `/challenges/${restricted.id}/history`,
        get: only({ owner: 200, member: 200, organiser: 200, admin: 200 }, 302),
        post: {
          form: { intent: "redact", value: `${restricted.editEventId}.problem.to`, confirm: "yes" },
          expect: only({ owner: 409, organiser: 409, admin: 409, member: 403 }, 404),
        },
      },
    ],
    // Deleting: only drafts, only by their council. On a public challenge the council is sent
    // to its review page (GET) or refused (POST, 409); others may not (403).
    "routes/challenges_.$id.delete": {
      path: `/challenges/${restricted.id}/delete`,
      get: only({ owner: 302, member: 302 }, 403),
      post: { form: {}, expect: only({ owner: 409, member: 409 }, 403) },
    },
    // Open data: public, read-only.
    "routes/api.v1.challenges": { path: "/api/v1/challenges", get: all(200), post: { form: {}, expect: all(405) } },
    "routes/api.v1.challenges_.$slug": {
      path: `/api/v1/challenges/${publicSlug}`,
      get: all(200),
      post: { form: {}, expect: all(405) },
    },
    "routes/api.v1.openapi[.]json": { path: "/api/v1/openapi.json", get: all(200), post: { form: {}, expect: all(405) } },
    "routes/api.v1.$": { path: "/api/v1/no-such-thing", get: all(404), post: { form: {}, expect: all(404) } },
    // GitHub's deliveries: signed by a machine, not a person, so roles make no difference.
    // POST only; this world has no webhook secret, so none is accepted (503).
    "routes/webhooks.github": { path: "/webhooks/github", get: all(405), post: { form: {}, expect: all(503) } },
    "routes/feeds.challenges[.]atom": { path: "/feeds/challenges.atom", get: all(200) },
    "routes/feeds.councils.$slug[.]atom": { path: `/feeds/councils/${council}.atom`, get: all(200) },
    "routes/feeds.themes.$slug[.]atom": { path: "/feeds/themes/housing.atom", get: all(200) },
    // Offering help: anyone signed in but the council's own members.
    "routes/challenges_.$slug.interest": {
      path: `/challenges/${publicSlug}/interest`,
      get: only({ member: 403, owner: 403 }, 200),
      post: { form: { role: "", message: "" }, expect: only({ member: 403, owner: 403 }, 400) },
    },
    // Inviting a matched person: the council's members.
    "routes/challenges_.$slug.invite.$userId": {
      path: `/challenges/${publicSlug}/invite/${inviteeId}`,
      get: only({ member: 200, owner: 200 }, 403),
      post: { form: { message: "" }, expect: only({ member: 400, owner: 400 }, 403) },
    },
    // A challenge's offers and team: the council and the hubs that review it.
    "routes/challenges_.$slug.applications": {
      path: `/challenges/${publicSlug}/applications`,
      get: only({ member: 200, owner: 200, organiser: 200, admin: 200 }, 403),
    },
    // Someone else's offer: the council answers it (a note too long is refused beside the
    // field), hubs and admins may read it, everyone else is told it does not exist.
    "routes/applications.$id": {
      path: `/applications/${applicationId}`,
      get: only({ member: 200, owner: 200, organiser: 200, admin: 200 }, 404),
      post: {
        form: { intent: "decline", note: "x".repeat(1001) },
        expect: only({ member: 400, owner: 400, organiser: 403, admin: 403 }, 404),
      },
    },
    "routes/account.applications": { path: "/account/applications", get: signedIn(200) },
    // Nobody's notification is called "nope": marking it read finds nothing.
    "routes/notifications": {
      path: "/notifications",
      get: signedIn(200),
      post: { form: { intent: "read", id: "nope" }, expect: signedIn(404) },
    },
    "routes/account.notifications": {
      path: "/account/notifications",
      get: signedIn(200),
      post: { form: { inApp: "no-such-kind" }, expect: signedIn(400) },
    },
    // Oversight: a hub's lists and figures for its organisers; a council's projects for its
    // members and hubs; each person's own teams. The impact answer: the council's members only.
    "routes/hub.$slug.projects": { path: `/hub/${hub}/projects`, get: only({ organiser: 200, admin: 200 }, 403) },
    "routes/hub.$slug.figures": { path: `/hub/${hub}/figures`, get: only({ organiser: 200, admin: 200 }, 403) },
    "routes/hub.$slug.figures[.]csv": { path: `/hub/${hub}/figures.csv`, get: only({ organiser: 200, admin: 200 }, 403) },
    "routes/organisations.$slug_.projects": {
      path: `/organisations/${council}/projects`,
      get: only({ member: 200, owner: 200, organiser: 200, admin: 200 }, 403),
    },
    "routes/account.projects": { path: "/account/projects", get: signedIn(200) },
    "routes/outcomes.$slug_.impact.$months": {
      path: `/outcomes/${oversight.outcomeSlug}/impact/3`,
      get: only({ member: 200, owner: 200 }, 403),
      post: { form: { inUse: "", whatChanged: "" }, expect: only({ member: 400, owner: 400 }, 403) },
    },
    // A project of a public challenge: everyone may read it; only its team posts updates and
    // only its lead invites (an empty update or address is refused beside the field).
    "routes/projects.$slug": {
      path: `/projects/${projectSlug}`,
      get: all(200),
      post: { form: { intent: "post-update", body: "" }, expect: only({ team: 400 }, 403) },
    },
    "routes/events.$slug_.teams_.suggest": {
      path: `/events/${formationSlug}/teams/suggest`,
      get: only({ organiser: 200, admin: 200 }, 403),
      // Computing a suggestion stores nothing; applying without the plan shown is refused.
      post: { form: { intent: "suggest" }, expect: only({ organiser: 200, admin: 200 }, 403) },
    },
    "routes/events.$slug_.showcase": { path: `/events/${formationSlug}/showcase`, get: all(200) },
    "routes/events.$slug_.present": { path: `/events/${formationSlug}/present?team=1`, get: all(200) },
    "routes/projects.$slug_.team": {
      path: `/projects/${projectSlug}/team`,
      get: all(200),
      post: { form: { intent: "invite", email: "" }, expect: only({ team: 400 }, 403) },
    },
    "routes/projects_.$slug.repository": {
      path: `/projects/${projectSlug}/repository`,
      get: all(200),
      // Only the lead may link, and an empty reference is refused beside the field.
      post: { form: { intent: "link", reference: "" }, expect: only({ team: 400 }, 403) },
    },
    // Outcomes: the team writes, the council decides (the participant leads both projects);
    // hub organisers and admins read. Published ones are public; others are not found.
    "routes/projects.$slug_.outcome": [
      {
        path: `/projects/${outcomes.sentBackProject}/outcome`,
        get: only({ participant: 200, member: 200, owner: 200, organiser: 200, admin: 200 }, 403),
        post: { form: { intent: "save", licence: "all-rights-reserved" }, expect: only({ participant: 400 }, 403) },
      },
      {
        path: `/projects/${outcomes.publishedProject}/outcome`,
        get: only({ participant: 200, member: 200, owner: 200, organiser: 200, admin: 200 }, 403),
        post: { form: { intent: "request-changes", comment: "" }, expect: only({ member: 400, owner: 400 }, 403) },
      },
    ],
    "routes/outcomes._index": { path: "/outcomes", get: all(200) },
    "routes/outcomes.$slug": [
      { path: `/outcomes/${outcomes.publishedOutcome}`, get: all(200) },
      {
        path: `/outcomes/${outcomes.sentBackOutcome}`,
        get: only({ participant: 200, member: 200, owner: 200, organiser: 200, admin: 200 }, 404, 404),
      },
    ],
    "routes/outcomes[.]csv": { path: "/outcomes.csv", get: all(200) },
    "routes/feeds.outcomes[.]atom": { path: "/feeds/outcomes.atom", get: all(200) },
    "routes/api.v1.outcomes": { path: "/api/v1/outcomes", get: all(200), post: { form: {}, expect: all(405) } },
    "routes/api.v1.outcomes_.$slug": [
      { path: `/api/v1/outcomes/${outcomes.publishedOutcome}`, get: all(200), post: { form: {}, expect: all(405) } },
      { path: `/api/v1/outcomes/${outcomes.sentBackOutcome}`, get: all(404) },
    ],
    // Events: the public sees published ones; a draft only the hub's organisers and admins
    // (404 for everyone else, so it is not revealed). Organisers' pages refuse others (403).
    "routes/events._index": { path: "/events", get: all(200) },
    "routes/events.$slug": [
      { path: `/events/${events.publishedSlug}`, get: all(200) },
      { path: `/events/${events.draftSlug}`, get: only({ organiser: 200, admin: 200 }, 404, 404) },
    ],
    "routes/events.new": {
      path: `/events/new?hub=${hub}`,
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { title: "" }, expect: only({ organiser: 400, admin: 400 }, 403) },
    },
    "routes/events.$slug_.edit": [
      {
        path: `/events/${events.draftSlug}/edit`,
        get: only({ organiser: 200, admin: 200 }, 404),
        post: { form: { title: "" }, expect: only({ organiser: 400, admin: 400 }, 404) },
      },
      {
        path: `/events/${events.publishedSlug}/edit`,
        get: only({ organiser: 200, admin: 200 }, 403),
        post: { form: { title: "" }, expect: only({ organiser: 400, admin: 400 }, 403) },
      },
    ],
    "routes/events.$slug_.manage": {
      path: `/events/${events.publishedSlug}/manage`,
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { intent: "nonsense" }, expect: only({ organiser: 400, admin: 400 }, 403) },
    },
    "routes/events.$slug_.agenda": {
      path: `/events/${events.publishedSlug}/agenda`,
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { intent: "save-item", title: "" }, expect: only({ organiser: 400, admin: 400 }, 403) },
    },
    "routes/events.$slug_.challenges": {
      path: `/events/${events.publishedSlug}/challenges`,
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { intent: "nonsense" }, expect: only({ organiser: 400, admin: 400 }, 403) },
    },
    "routes/events.$slug_.calendar[.]ics": [
      { path: `/events/${events.publishedSlug}/calendar.ics`, get: all(200) },
      { path: `/events/${events.draftSlug}/calendar.ics`, get: all(404) },
    ],
    "routes/events[.]ics": { path: "/events.ics", get: all(200) },
    "routes/api.v1.events": { path: "/api/v1/events", get: all(200), post: { form: {}, expect: all(405) } },
    "routes/api.v1.events_.$slug": [
      { path: `/api/v1/events/${events.publishedSlug}`, get: all(200), post: { form: {}, expect: all(405) } },
      { path: `/api/v1/events/${events.draftSlug}`, get: all(404) },
    ],
    "routes/hub.$slug.events": { path: `/hub/${hub}/events`, get: only({ organiser: 200, admin: 200 }, 403) },
    // Registering: anyone signed in (the form without agreeing to the code of conduct is
    // refused beside the field); a ticket only to its holder (the participant, registered);
    // who registered, their needs, the CSV and figures only to the hub's organisers and admins.
    "routes/events.$slug_.register": { path: `/events/${eventSlug}/register`, get: signedIn(200), post: { form: {}, expect: signedIn(400) } },
    "routes/events.$slug_.ticket": {
      path: `/events/${eventSlug}/ticket`,
      get: only({ participant: 200 }, 404),
      post: { form: { intent: "confirm" }, expect: only({ participant: 302 }, 404) },
    },
    "routes/events.$slug_.registrations": {
      path: `/events/${eventSlug}/registrations`,
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { intent: "show-needs" }, expect: only({ organiser: 200, admin: 200 }, 403) },
    },
    "routes/events.$slug_.registrations[.]csv": {
      path: `/events/${eventSlug}/registrations.csv`,
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { includeNeeds: "yes" }, expect: only({ organiser: 200, admin: 200 }, 403) },
    },
    "routes/events.$slug_.figures": { path: `/events/${eventSlug}/figures`, get: only({ organiser: 200, admin: 200 }, 403) },
    "routes/events.$slug_.figures[.]csv": { path: `/events/${eventSlug}/figures.csv`, get: only({ organiser: 200, admin: 200 }, 403) },
    "routes/account.events": { path: "/account/events", get: signedIn(200) },
    // On the day (the hub's organisers and admins check people in; an empty walk-in name or
    // a check-in of nobody is refused beside the field). Teams: people with a confirmed place
    // (the participant) and the organisers; each form only for whom it is meant.
    "routes/events.$slug_.check-in": {
      path: `/events/${worldEvent.slug}/check-in?q=canary`,
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { intent: "walk-in", checkpointId: worldEvent.checkpointId, name: "" }, expect: only({ organiser: 400, admin: 400 }, 403) },
    },
    "routes/events.$slug_.check-in_.$code": {
      path: `/events/${worldEvent.slug}/check-in/${CANARIES.attendeeTicketCode}`,
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { intent: "check-in", checkpointId: worldEvent.checkpointId, registrationId: "" }, expect: only({ organiser: 400, admin: 400 }, 403) },
    },
    "routes/events.$slug_.teams": [
      {
        path: `/events/${worldEvent.slug}/teams`,
        get: only({ participant: 200, organiser: 200, admin: 200 }, 403),
        post: { form: { intent: "create", challengeId: "", name: "" }, expect: only({ participant: 400 }, 403) },
      },
      {
        path: `/events/${worldEvent.slug}/teams`,
        get: only({ participant: 200, organiser: 200, admin: 200 }, 403),
        post: { form: { intent: "confirm", teamId: "" }, expect: only({ organiser: 400, admin: 400 }, 403) },
      },
    ],
    "routes/events.$slug_.teams[.]csv": { path: `/events/${worldEvent.slug}/teams.csv`, get: only({ organiser: 200, admin: 200 }, 403) },
    // Judging (the world's hack day is run by the world's hub): organisers and admins only;
    // voting for the attendees (the participant is checked in); judges by their link alone.
    "routes/events.$slug_.judging": {
      path: `/events/${judging.slug}/judging`,
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { intent: "add-criterion", name: "" }, expect: only({ organiser: 400, admin: 400 }, 403) },
    },
    "routes/events.$slug_.judging_.scores[.]csv": { path: `/events/${judging.slug}/judging/scores.csv`, get: only({ organiser: 200, admin: 200 }, 403) },
    "routes/events.$slug_.voting": {
      path: `/events/${judging.slug}/voting`,
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { intent: "nonsense" }, expect: only({ organiser: 400, admin: 400 }, 403) },
    },
    "routes/events.$slug_.vote": {
      path: `/events/${judging.slug}/vote`,
      get: signedIn(200),
      post: { form: { intent: "vote", teamId: "" }, expect: only({ participant: 400 }, 403) },
    },
    "routes/events.$slug_.awards": {
      path: `/events/${judging.slug}/awards`,
      get: only({ organiser: 200, admin: 200 }, 403),
      post: { form: { intent: "add-award", name: "" }, expect: only({ organiser: 400, admin: 400 }, 403) },
    },
    "routes/judge.$token": [
      { path: `/judge/${WORLD_JUDGE_TOKEN}`, get: all(200), post: { form: { intent: "score", teamId: "" }, expect: all(400) } },
      { path: `/judge/${deadToken}`, get: all(404), post: { form: { intent: "start" }, expect: all(404) } },
    ],
    "routes/dev.mail._index": { path: "/dev/mail", get: all(200) },
    "routes/dev.mail.$id": { path: `/dev/mail/${mailId}`, get: all(200) },
    "routes/dev.mail.$id_.preview[.]css": { path: `/dev/mail/${mailId}/preview.css`, get: all(200) },
  };
}

beforeAll(async () => {
  world = await buildWorld();
  await applySearchSettings();
  draftId = (await createDraft({ ...world.users.owner, sessionId: "" }, world.council.id)).id;
  restricted = await makeRestrictedChallenge(world, publicSlug);
  oversight = await makeProjectWithOutcome(world, "gully-watch");
  projectSlug = (await makeWorldProject(world)).slug;
  formationSlug = (await makeFormationEvent(world)).slug;
  await prisma.skillProposal.create({
    data: { name: "Canary skill", nameKey: "canary skill", description: CANARIES.proposalNote, proposedById: world.users.participant.id },
  });
  await createProfile({ person: personOf("participant"), visibility: "private", headline: CANARIES.hiddenProfileHeadline });
  await createProfile({ person: personOf("member"), visibility: "members", bio: CANARIES.membersProfileBio });
  await createProfile({ person: personOf("owner"), visibility: "public", kind: "council_staff" });
  matchSlug = (await createPublishedChallenge({ council: world.council, title: "Mapping flood risk" })).slug;
  await createProfile({ skills: [{ slug: "geospatial-analysis", level: "expert" }], headline: CANARIES.matchedPersonHeadline, visibility: "members" });
  await drainSearchOutbox();
  // A volunteer outside the roles offers to help with the canary in their note; another can be invited.
  const applicant = await createPerson({ email: "applicant@example.org" });
  applicationId = (await expressInterest(applicant.actor, publicSlug, { role: "Mapper", message: CANARIES.applicantNote })).id;
  inviteeId = (await createProfile({ skills: [{ slug: "python", level: "expert" }] })).person.user.id;
  const saved = await prisma.savedSearch.create({
    data: { userId: world.users.participant.id, target: "challenges", name: "Roads", query: { q: "roads" } },
  });
  unsubscribeLink = await unsubscribeToken(saved.id);
  outcomes = await makeOutcomes(world);
  events = await makeWorldEvents(world);
  eventSlug = (await makeEventRegistrations(world, [{ id: restricted.id }])).slug;
  worldEvent = await makeWorldEvent(world);
  judging = await makeWorldJudging(world);
  mailId = (await queueMail(prisma, "someone@example.org", "verify-email", { name: "Someone", link: "http://localhost/verify-email/x" })).id;
  await prisma.invitation.create({
    data: {
      organisationId: world.council.id,
      email: "invitee@example.org",
      role: "member",
      tokenHash: hashToken(invitationToken),
      invitedById: world.users.owner.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
});

/** A world member as the factories take people (only the user is used). */
function personOf(role: Exclude<Role, "anonymous">): Person {
  return { user: world.users[role], actor: world.actors[role], cookie: world.cookies[role] ?? "" };
}

type RouteModule = {
  loader?: (args: unknown) => Promise<unknown>;
  action?: (args: unknown) => Promise<unknown>;
};

/** Calls a loader or action as `role`; returns its status and everything it would send. */
async function call(routeFile: string, method: "GET" | "POST", entryPath: string, role: Role, form?: Record<string, string>) {
  const mod = (await import(/* @vite-ignore */ path.resolve("app", routeFile))) as RouteModule;
  const handler = method === "GET" ? mod.loader : mod.action;
  const cookie = world.cookies[role];
  const headers: Record<string, string> = cookie ? { cookie } : {};
  if (method === "POST") headers["content-type"] = "application/x-www-form-urlencoded";
  const request = new Request(`http://localhost${entryPath}`, {
    method,
    headers,
    body: method === "POST" ? new URLSearchParams(form).toString() : undefined,
  });
  if (!handler) return { status: method === "GET" ? 200 : 405, sent: "" }; // a page with no loader shows to everyone
  const params = paramsFor(routeFile, entryPath);
  const result = await settle(handler({ request, params, context }));
  const { status, body, headers: sentHeaders } = unwrap(result);
  // What reaches the browser: a loader's data as JSON, or a Response's body and redirect target.
  const sent =
    result instanceof Response
      ? `${result.headers.get("location") ?? ""}\n${await result.text()}`
      : `${sentHeaders.get("location") ?? ""}\n${JSON.stringify(body)}`;
  return { status, sent };
}

/** Canaries in `sent` that `role` may not see on this route. */
function leaks(routeId: string, role: Role, sent: string): Canary[] {
  return (Object.keys(CANARIES) as Canary[]).filter((canary) => {
    const value = CANARIES[canary];
    const found = typeof value === "string" ? sent.includes(value) : value.test(sent);
    if (found) seen.add(canary);
    return found && !(audiences[canary][routeId] ?? []).includes(role);
  });
}

const seen = new Set<Canary>();

function paramsFor(routeFile: string, entryPath: string): Record<string, string> {
  const route = Object.values(manifest).find((r) => r.file === routeFile)!;
  const pattern = `/${route.path ?? ""}`.split("/");
  const actual = entryPath.split("/");
  const params: Record<string, string> = {};
  pattern.forEach((segment, i) => {
    // ":slug.atom" is the param "slug" followed by a fixed suffix.
    const param = /^:(\w+)(.*)$/.exec(segment);
    if (param) params[param[1]!] = actual[i]!.slice(0, actual[i]!.length - param[2]!.length);
    if (segment === "*") params["*"] = actual.slice(i).join("/");
  });
  return params;
}

describe("authorisation matrix", () => {
  test("every route in the app has an entry, and every entry is a route", () => {
    const routeIds = Object.keys(manifest).sort();
    expect(Object.keys(matrix()).sort()).toEqual(routeIds);
  });

  test("each role gets the expected answer from every loader and action, carrying nothing it may not see", async () => {
    const table = matrix();
    const mismatches: string[] = [];
    const leaked: string[] = [];
    for (const [id, entries] of Object.entries(table)) {
      const route = manifest[id];
      if (!route) continue;
      for (const entry of [entries].flat()) {
        for (const role of ROLES) {
          const got = await call(route.file, "GET", entry.path, role);
          if (got.status !== entry.get[role]) {
            mismatches.push(`GET  ${entry.path} as ${role}: expected ${entry.get[role]}, got ${got.status}`);
          }
          for (const canary of leaks(id, role, got.sent)) leaked.push(`GET  ${entry.path} (${id}) as ${role}: ${canary}`);
          if (entry.post) {
            const posted = await call(route.file, "POST", entry.path, role, entry.post.form);
            if (posted.status !== entry.post.expect[role]) {
              mismatches.push(`POST ${entry.path} as ${role}: expected ${entry.post.expect[role]}, got ${posted.status}`);
            }
            for (const canary of leaks(id, role, posted.sent)) {
              leaked.push(`POST ${entry.path} (${id}) as ${role}: ${canary}`);
            }
            // Signing out really ends the session: start a new one for the routes that follow.
            if (id === "routes/signout" && role !== "anonymous") world.cookies[role] = await cookieFor(world.users[role].id);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(leaked).toEqual([]);
    // Every canary reached someone allowed to see it, so the world is what this test thinks.
    expect([...seen].sort()).toEqual(Object.keys(CANARIES).sort());
  }, 180_000);

  test("the read functions themselves return nothing restricted to a volunteer", async () => {
    const asUser = async (id: string) =>
      ({ ...(await prisma.user.findUniqueOrThrow({ where: { id } })), sessionId: "" }) as Actor;
    const volunteer = await asUser(world.users.participant.id);
    const page = await getChallengePage(publicSlug, volunteer);
    const review = await getChallengeForReview(volunteer, restricted.id);
    const history = await getChallengeHistory(volunteer, restricted.id, null);
    expect(page?.contact.email).toBeNull();
    expect(review).toEqual({ kind: "public-page", slug: publicSlug });
    expect(history).toEqual({ kind: "public-page", slug: publicSlug });
    const sent = JSON.stringify([page, await getChallengePage(publicSlug, null), review, history]);
    const found = (Object.keys(CANARIES) as Canary[]).filter((canary) => {
      const value = CANARIES[canary];
      return typeof value === "string" ? sent.includes(value) : value.test(sent);
    });
    expect(found).toEqual([]);
    // …while the same functions do return them to the council.
    const own = JSON.stringify(await getChallengePage(publicSlug, await asUser(world.users.owner.id)));
    expect(own).toContain(CANARIES.contactEmail);
    expect(own).toContain(CANARIES.personalDatasetLink);
    expect(own).toContain(CANARIES.oldValue);
  });
});

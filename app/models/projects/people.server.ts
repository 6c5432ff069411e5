import type { ProfileVisibility, TeamRole } from "~/generated/prisma/client";
import type { Actor } from "~/models/platform/actor";
import { profilePolicy } from "~/models/profiles/policy.server";

// How a team's people are shown: names always (the team works in public), a link to their
// profile only when the profiles policy lets this viewer see it, and who has accepted the data
// terms only to insiders.

export interface TeamMemberRow {
  id: string;
  role: string;
  teamRole: TeamRole;
  termsAcceptedAt: Date | null;
  userId: string;
  user: { id: string; displayName: string; visibility: ProfileVisibility; deletedAt: Date | null };
}

export async function teamMembersView(actor: Actor | null, rows: TeamMemberRow[], insider: boolean) {
  const visible = await Promise.all(
    rows.map((row) =>
      profilePolicy.may(actor, "view", {
        userId: row.userId,
        visibility: row.user.visibility,
        deleted: row.user.deletedAt !== null,
      }),
    ),
  );
  return rows.map((row, i) => ({
    id: row.id,
    name: row.user.deletedAt ? "A former member" : row.user.displayName,
    role: row.role,
    teamRole: row.teamRole,
    isViewer: actor?.id === row.userId,
    profileHref: visible[i] ? `/people/${row.userId}` : null,
    termsAccepted: insider ? row.termsAcceptedAt !== null : null,
  }));
}

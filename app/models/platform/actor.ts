import type { ParticipantKind, ProfileVisibility } from "~/generated/prisma/enums";

/**
 * Who is acting: the signed-in person, as every model function and policy takes them. Model
 * functions that anonymous visitors may call take `Actor | null`. There is no other actor
 * type: commands run from the command line (making the first admin) are functions of their
 * own, named for it, since whoever runs them already has the server.
 */
export interface Actor {
  id: string;
  email: string | null;
  displayName: string;
  emailVerifiedAt: Date | null;
  isAdmin: boolean;
  kind: ParticipantKind;
  visibility: ProfileVisibility;
  /** The session this request came with (so "sign out everywhere else" can keep it). */
  sessionId: string;
}

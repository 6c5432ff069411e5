import { z } from "zod";
import { notificationKinds, type NotificationKind } from "~/models/notifications/kinds";

// Forms of the notifications domain, shared by the server's checks and the browser's.

const NOT_UNDERSTOOD = "Nettle did not understand that request.";

/** Mark one notification as read, or all of them. */
export const notificationsForm = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("read"), id: z.string({ required_error: NOT_UNDERSTOOD }).regex(/^\w{1,64}$/, NOT_UNDERSTOOD) }),
    z.object({ intent: z.literal("read-all") }),
  ],
  { errorMap: () => ({ message: NOT_UNDERSTOOD }) },
);

const kind = z.enum(notificationKinds as [NotificationKind, ...NotificationKind[]], { errorMap: () => ({ message: NOT_UNDERSTOOD }) });

/** Per kind, whether it shows in Nettle and whether it comes by email: the kinds ticked. */
export const preferencesForm = z.object({
  inApp: z.array(kind).default([]),
  email: z.array(kind).default([]),
});
export type PreferencesInput = z.output<typeof preferencesForm>;

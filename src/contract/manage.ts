import * as z from 'zod/mini';
import { language } from './common.ts';
import { booking } from './bookings.ts';

/** Why an action is not offered, so the widget can say it in the customer's words. */
export const refusalReasons = [
  'service_not_cancellable', // the business does not let customers cancel this service (ext_can_cancel)
  'too_late', // inside the service's min_cancel_period
  'past', // the appointment has started or ended
  'cancelled',
  'not_asked', // the business does not use attendance
  'pending', // a booking still waiting for its code or approval
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

const action = z.object({ allowed: z.boolean(), reason: z.optional(z.enum(refusalReasons)) });

/**
 * How a manage call names its link: `Authorization: Bookwell-Manage <token>`. A header, never the path or query,
 * so the token stays out of proxies' and servers' access logs.
 */
export const manageAuthScheme = 'Bookwell-Manage';

/** GET /v1/manage, and the answer of every manage action. */
export const manageView = z.object({
  booking,
  /** The business; `address` is where this appointment takes place (its branch's address, else the business's). */
  site: z.object({ name: z.string(), phone: z.optional(z.string()), address: z.optional(z.string()), timezone: z.string(), locale: language }),
  cancel: action,
  attendance: action,
  /** Until when cancelling is allowed, RFC 3339, when there is such a limit. */
  cancelUntil: z.nullable(z.string()),
  /**
   * None carries the manage link: a calendar is shared and synced, and these pages are third parties'. `file` is the
   * appointment as an iCalendar file (its text), so no download address has to carry the token either.
   */
  calendar: z.object({ file: z.string(), google: z.string(), outlook: z.string() }),
});
export type ManageView = z.infer<typeof manageView>;

/** POST /v1/manage: "Are you coming?" */
export const attendanceRequest = z.object({ attendance: z.enum(['yes', 'no']) });
export type AttendanceRequest = z.infer<typeof attendanceRequest>;

/** DELETE /v1/manage/link: the link is switched off; every later call with it answers `manage_link_revoked`. */
export const revokedResponse = z.object({ revoked: z.literal(true) });
export type RevokedResponse = z.infer<typeof revokedResponse>;

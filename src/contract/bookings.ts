import * as z from 'zod/mini';
import { instant, language, named, participantCount, typedText } from './common.ts';
import { customer } from './customer.ts';

/** The host page's campaign parameters that say where a visitor came from (ads, newsletters): kept with the booking. */
export const attributionKeys = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'gclid', 'fbclid'] as const;
export type AttributionKey = (typeof attributionKeys)[number];

export const attribution = z.partialRecord(z.enum(attributionKeys), typedText(200));
export type Attribution = z.infer<typeof attribution>;

/**
 * POST /v1/bookings with header `Idempotency-Key` (8 to 128 characters of [A-Za-z0-9_-]).
 * The same key again returns the first answer and books nothing more.
 */
export const bookingRequest = z.object({
  /** The `ref` of a time from GET /v1/availability/times. */
  ref: z.string().check(z.minLength(1), z.maxLength(4096)),
  participants: z._default(participantCount, 1),
  customer,
  /** The language the customer used, so messages (the code, reminders) reach them in it. */
  lang: z.optional(language),
  /** Leave empty: a field people never see (the form hides it), so only a bot fills it in. */
  website: z.optional(z.string().check(z.maxLength(2048))),
  /** The host page's utm_* / gclid / fbclid when the visitor arrived with them. */
  attribution: z.optional(attribution),
});
export type BookingRequest = z.input<typeof bookingRequest>;

export const idempotencyKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,128}$/, 'Idempotency-Key is 8 to 128 letters, digits, _ or -'));

export const bookingStatuses = [
  'confirmed',
  'pending_code', // waits for the customer to enter the code sent to them
  'pending_approval', // waits for the business to approve
  'cancelled',
  'expired', // a pending booking nobody confirmed in time
] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export const attendanceAnswers = ['unknown', 'yes', 'no'] as const;
export type Attendance = (typeof attendanceAnswers)[number];

export const booking = z.object({
  /** Opaque; used to confirm a code. */
  id: z.string(),
  status: z.enum(bookingStatuses),
  start: instant,
  end: instant,
  service: named,
  staff: z.nullable(named),
  branch: z.nullable(named),
  participants: z.number().check(z.int(), z.positive()),
  attendance: z.enum(attendanceAnswers),
  /** What the customer quotes to the business: the platform's booking code, else Bookwell's ("K7Q2-M9XD"). */
  reference: z.optional(z.string()),
  /**
   * Where the confirmation went, each masked ("d•••@example.com", "05•••••567"); waiting for its code, where the
   * code went. Only in the answer to booking and confirming, and absent where the platform sends its own messages.
   */
  sentTo: z.optional(z.array(z.string())),
  /**
   * "Add to calendar" of a confirmed booking, in the answer to booking and confirming; no manage link in them. `file`
   * is the appointment as an iCalendar file (its text); an answer stored for an Idempotency-Key before it was added
   * may lack it.
   */
  calendar: z.optional(z.object({ file: z.optional(z.string()), google: z.string(), outlook: z.string() })),
  /** The encrypted manage token; the manage link carries it. */
  manage: z.string(),
  /** A link the customer can keep: the backend's own manage page. */
  manageUrl: z.string(),
});
export type Booking = z.infer<typeof booking>;

export const bookingResponse = z.object({ booking });
export type BookingResponse = z.infer<typeof bookingResponse>;

/** POST /v1/bookings/{id}/confirm: the code the customer received. */
export const confirmRequest = z.object({ code: z.string().check(z.regex(/^\d{6}$/, 'the code is 6 digits')) });
export type ConfirmRequest = z.infer<typeof confirmRequest>;

/** POST /v1/bookings/{id}/code: send the code again. */
export const resendResponse = z.object({
  /** Where it went, masked (e.g. "05•••••567"). */
  sentTo: z.string(),
  /** When "send again" may be used next, RFC 3339. */
  nextResendAt: z.string(),
});
export type ResendResponse = z.infer<typeof resendResponse>;

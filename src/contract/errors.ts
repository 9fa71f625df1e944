import * as z from 'zod/mini';

/**
 * Every failure of the /v1 API leaves as `{error: {code, message, field?}}`.
 * The codes are stable: clients branch on them, never on the message.
 */
export const errorCodes = [
  // the request itself
  'invalid_request', // body or query is not the expected shape at all (bad JSON, wrong content type)
  'invalid_field', // one field is wrong; `field` names it (dot path, e.g. "customer.cell")
  'not_found', // no such route, booking or site resource
  'method_not_allowed',
  'headers_too_large', // the request headers are over the server's limit (431)
  'payload_too_large',
  // who is asking
  'unknown_site',
  'origin_not_allowed',
  'token_missing',
  'token_invalid',
  'token_expired',
  'rate_limited',
  // booking
  'slot_taken', // the chosen time is no longer free (or has too few places left)
  'idempotency_key_missing',
  'idempotency_conflict', // the same Idempotency-Key was used with a different body (422)
  'idempotency_in_progress', // the first request with this key is still running (409)
  'booking_limit', // this customer is over the site's caps on bookings per day or open bookings (429)
  // after booking
  'code_wrong',
  'code_expired',
  'code_locked',
  'code_resend_too_soon',
  'booking_not_pending',
  'booking_expired',
  'cancel_not_allowed',
  'attendance_not_allowed',
  'manage_token_invalid',
  'manage_link_expired',
  'manage_link_revoked', // the customer switched this manage link off (410)
  'booking_cancelled', // the appointment was cancelled: its link shows it but changes nothing more (409)
  // the booking platform
  'upstream_unavailable',
  'upstream_auth',
  'upstream_error',
  // ours
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const apiError = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    field: z.optional(z.string()),
  }),
});
export type ApiError = z.infer<typeof apiError>;

/** The HTTP status each code leaves with; one table so routes never pick their own. */
export const errorStatus: Record<ErrorCode, number> = {
  invalid_request: 400,
  invalid_field: 400,
  not_found: 404,
  method_not_allowed: 405,
  headers_too_large: 431,
  payload_too_large: 413,
  unknown_site: 404,
  origin_not_allowed: 403,
  token_missing: 401,
  token_invalid: 401,
  token_expired: 401,
  rate_limited: 429,
  slot_taken: 409,
  idempotency_key_missing: 400,
  idempotency_conflict: 422,
  idempotency_in_progress: 409,
  booking_limit: 429,
  code_wrong: 422,
  code_expired: 410,
  code_locked: 423,
  code_resend_too_soon: 429,
  booking_not_pending: 409,
  booking_expired: 410,
  cancel_not_allowed: 409,
  attendance_not_allowed: 409,
  manage_token_invalid: 400,
  manage_link_expired: 410,
  manage_link_revoked: 410,
  booking_cancelled: 409,
  upstream_unavailable: 503,
  upstream_auth: 502,
  upstream_error: 502,
  internal: 500,
};

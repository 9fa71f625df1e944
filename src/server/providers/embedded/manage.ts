import type { ResendResponse } from '../../../contract/bookings.ts';
import { internationalMobile, type Country } from '../../../contract/customer.ts';
import type { Database } from '../../db/database.ts';
import { ApiFailure } from '../../errors.ts';
import type { Notifier } from '../../notify/notifier.ts';
import type { PlatformBooking, PlatformKey } from '../provider.ts';
import { attendanceCode } from '../shared/attendance.ts';
import { effectiveStatus, loadAppointment, toPlatformBooking, type AppointmentRow } from './appointment.ts';
import { codeMessage, maskRecipient } from './code-messages.ts';
import { codeLifetimeMinutes, codeMatches, countWrongTry, issueCode, lockedCode, maxSends, resendIntervalSeconds, resendWait } from './codes.ts';
import { toMs } from './store.ts';
import { formatInstant } from '../../zoned.ts';

export interface ManageContext {
  db: Database;
  siteId: string;
  timeZone: string;
  now: () => number;
  notifier: Notifier;
  /** Whether the business asks "are you coming?" (SiteConfig.attendance). */
  asksAttendance: boolean;
  /** The site's country: how a stored national number becomes E.164 for the SMS gateway. */
  country: Country;
  /** Where confirmation codes come from (random; a test may choose). */
  newCode: () => string;
}

export async function getBooking(ctx: ManageContext, key: PlatformKey): Promise<PlatformBooking> {
  return toPlatformBooking(await loadAppointment(ctx.db, ctx.siteId, key), ctx.timeZone, ctx.now());
}

/** "Are you coming?" is asked of confirmed bookings that have not started yet. */
export async function setAttendance(ctx: ManageContext, key: PlatformKey, answer: 'yes' | 'no'): Promise<PlatformBooking> {
  const now = ctx.now();
  if (!ctx.asksAttendance) throw new ApiFailure('attendance_not_allowed', 'This business does not ask for attendance.');
  const row = await ctx.db.transaction(async (tx) => {
    const row = await loadAppointment(tx, ctx.siteId, key, true);
    if (effectiveStatus(row, now) !== 'confirmed') throw new ApiFailure('attendance_not_allowed', 'Only a confirmed booking can be answered.');
    if (toMs(row.from_at) <= now) throw new ApiFailure('attendance_not_allowed', 'This appointment has already started.');
    const iscoming = attendanceCode(answer);
    await tx.query('UPDATE appointments SET iscoming = $2 WHERE id = $1', [row.id, iscoming]);
    return { ...row, iscoming };
  });
  return toPlatformBooking(row, ctx.timeZone, now);
}

/** The engine refuses what the service does not allow (ext_can_cancel, min_cancel_period) even if a caller forgot to check. */
export async function cancel(ctx: ManageContext, key: PlatformKey): Promise<PlatformBooking> {
  const now = ctx.now();
  const row = await ctx.db.transaction(async (tx) => {
    const row = await loadAppointment(tx, ctx.siteId, key, true);
    const status = effectiveStatus(row, now);
    if (status === 'cancelled' || status === 'expired') throw new ApiFailure('cancel_not_allowed', 'This booking is no longer active.');
    if (!row.ext_can_cancel) throw new ApiFailure('cancel_not_allowed', 'This service cannot be cancelled online. Please call the business.');
    if (now > toMs(row.from_at) - row.min_cancel_period * 60_000) {
      throw new ApiFailure('cancel_not_allowed', 'It is too late to cancel this booking online. Please call the business.');
    }
    await tx.query("UPDATE appointments SET status = 'cancelled', cancelled_at = $2 WHERE id = $1", [row.id, new Date(now)]);
    return { ...row, status: 'cancelled' as const };
  });
  return toPlatformBooking(row, ctx.timeZone, now);
}

/** The business's answer to a booking waiting for approval. Repeating the same answer is not an error. */
export async function decide(ctx: ManageContext, key: PlatformKey, decision: 'approve' | 'decline'): Promise<PlatformBooking> {
  const now = ctx.now();
  const row = await ctx.db.transaction(async (tx) => {
    const row = await loadAppointment(tx, ctx.siteId, key, true);
    const wanted = decision === 'approve' ? 'confirmed' : 'cancelled';
    if (row.status === wanted) return row;
    if (row.status !== 'pending_approval') throw new ApiFailure('booking_not_pending', 'This booking is not waiting for approval.');
    if (decision === 'approve') await tx.query("UPDATE appointments SET status = 'confirmed' WHERE id = $1", [row.id]);
    else await tx.query("UPDATE appointments SET status = 'cancelled', cancelled_at = $2 WHERE id = $1", [row.id, new Date(now)]);
    return { ...row, status: wanted as 'confirmed' | 'cancelled' };
  });
  return toPlatformBooking(row, ctx.timeZone, now);
}

type ConfirmOutcome = { ok: AppointmentRow } | { failure: ApiFailure };

/** Wrong tries are counted in the database before the failure is thrown, so they survive the transaction. */
export async function confirmCode(ctx: ManageContext, key: PlatformKey, code: string): Promise<PlatformBooking> {
  const now = ctx.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<ConfirmOutcome> => {
    const row = await loadAppointment(tx, ctx.siteId, key, true);
    const status = effectiveStatus(row, now);
    if (status === 'expired')
      return { failure: new ApiFailure('code_expired', 'The code has expired and the time is no longer held. Please book again.') };
    // Confirmed already: the answer to the first try was lost on its way, and a retry must not read as a failure.
    if (status === 'confirmed') return { ok: row };
    if (status !== 'pending_code') return { failure: new ApiFailure('booking_not_pending', 'This booking is not waiting for a code.') };
    const stored = await lockedCode(tx, row.id);
    if (!stored || stored.locked) return { failure: new ApiFailure('code_locked', 'Too many wrong codes. Ask for a new code.') };
    if (toMs(stored.expires_at) <= now) return { failure: new ApiFailure('code_expired', 'The code has expired. Ask for a new code.') };
    if (!/^\d{6}$/.test(code) || !codeMatches(stored, code)) {
      const locked = await countWrongTry(tx, row.id);
      return locked
        ? { failure: new ApiFailure('code_locked', 'Too many wrong codes. Ask for a new code.') }
        : { failure: new ApiFailure('code_wrong', 'That code is not right. Please check it and try again.', { field: 'code' }) };
    }
    await tx.query("UPDATE appointments SET status = 'confirmed', expires_at = NULL WHERE id = $1", [row.id]);
    await tx.query('DELETE FROM confirmation_codes WHERE appointment_id = $1', [row.id]);
    return { ok: { ...row, status: 'confirmed', expires_at: null } };
  });
  if ('failure' in outcome) throw outcome.failure;
  return toPlatformBooking(outcome.ok, ctx.timeZone, now);
}

/**
 * Sends a NEW code (the old one stops working) at most every 60 s and 5 times in all.
 * The booking's hold is renewed with the code, so the customer gets the full 15 minutes to type it.
 */
export async function resendCode(ctx: ManageContext, key: PlatformKey): Promise<ResendResponse> {
  const now = ctx.now();
  const { row, code, siteName, lastSend } = await ctx.db.transaction(async (tx) => {
    const row = await loadAppointment(tx, ctx.siteId, key, true);
    const status = effectiveStatus(row, now);
    if (status === 'expired') throw new ApiFailure('booking_expired', 'The time is no longer held. Please book again.');
    if (status !== 'pending_code') throw new ApiFailure('booking_not_pending', 'This booking is not waiting for a code.');
    const stored = await lockedCode(tx, row.id);
    const wait = stored ? resendWait(stored, now, toMs(row.expires_at!)) : 0;
    if (wait > 0) throw new ApiFailure('code_resend_too_soon', 'Please wait a little before asking for another code.', { retryAfter: wait });
    const code = await issueCode(tx, row.id, now, ctx.newCode, stored);
    await tx.query('UPDATE appointments SET expires_at = $2 WHERE id = $1', [row.id, new Date(now + codeLifetimeMinutes * 60_000)]);
    const [site] = await tx.query<{ name: string }>('SELECT name FROM sites WHERE id = $1', [ctx.siteId]);
    return { row, code, siteName: site?.name ?? ctx.siteId, lastSend: (stored?.send_count ?? 0) + 1 >= maxSends };
  });
  try {
    await sendCode(ctx.notifier, ctx.siteId, ctx.country, siteName, row, code);
  } catch (error) {
    throw new ApiFailure('upstream_unavailable', 'The code could not be sent right now. Please try again shortly.', { cause: error });
  }
  // After the last allowed send, "send again" comes back only when the hold has run out, which is never useful.
  const next = lastSend ? now + codeLifetimeMinutes * 60_000 : now + resendIntervalSeconds * 1000;
  return { sentTo: maskRecipient(row), nextResendAt: formatInstant(ctx.timeZone, next) };
}

export async function sendCode(
  notifier: Notifier,
  siteId: string,
  country: Country,
  siteName: string,
  to: Pick<AppointmentRow, 'cell' | 'email' | 'lang'>,
  code: string,
): Promise<void> {
  const { subject, text } = codeMessage(to.lang, siteName, code, codeLifetimeMinutes);
  await notifier.send({
    site: siteId,
    kind: 'confirmation_code',
    lang: to.lang,
    to: { cell: to.cell ? internationalMobile(country, to.cell) : undefined, email: to.email ?? undefined },
    subject,
    text,
    secret: true,
  });
}

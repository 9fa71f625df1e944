import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/database.ts';
import type { Contact } from './records.ts';
import { ApiFailure } from '../errors.ts';

/** How much one customer may book on a site, so one party cannot reserve every free time. */
export interface BookingCaps {
  /** Bookings one mobile number may make in any 24 hours. */
  perCellPerDay: number;
  /** Bookings one e-mail address may make in any 24 hours. */
  perEmailPerDay: number;
  /** Bookings still to come and not cancelled that one mobile number or e-mail may hold. */
  openPerCustomer: number;
}

export const defaultCaps: BookingCaps = { perCellPerDay: 3, perEmailPerDay: 3, openPerCustomer: 5 };

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Checks the caps and writes this booking's record (not booked yet) in one statement (migration 207), under a lock
 * per mobile number and e-mail of the site (PostgreSQL advisory locks, shared by every instance): two parallel
 * bookings of one customer count each other. The caller drops the record when the platform refused the booking.
 */
export async function reserveWithinCaps(
  db: Queryable,
  clock: Clock,
  site: string,
  caps: BookingCaps,
  booking: { id: string; contact: Contact; start: string },
): Promise<void> {
  const { cell, email } = booking.contact;
  // Sorted, so two bookings sharing the number and the e-mail take them in one order.
  const locks = [`${site} cell ${cell}`, ...(email ? [`${site} email ${email.toLowerCase()}`] : [])].sort();
  const now = clock();
  const [row] = await db.query<{ over: 'cell_day' | 'email_day' | 'open' | null }>(
    'SELECT reserve_within_caps($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) AS over',
    [
      site,
      locks,
      booking.id,
      JSON.stringify(booking.contact),
      now.toISOString(),
      new Date(now.getTime() - dayMs).toISOString(),
      booking.start,
      caps.perCellPerDay,
      caps.perEmailPerDay,
      caps.openPerCustomer,
    ],
  );
  const over = row?.over ?? null;
  if (over === 'cell_day') refuse(`This mobile number has made ${caps.perCellPerDay} bookings today; please call us to book more.`);
  if (over === 'email_day') refuse(`This e-mail address has made ${caps.perEmailPerDay} bookings today; please call us to book more.`);
  if (over === 'open') refuse(`You already have ${caps.openPerCustomer} bookings to come; please call us to book more.`);
}

/** The platform refused (nothing was booked): the record written for the caps goes, freeing its place in them. */
export async function dropReservation(db: Queryable, bookingId: string): Promise<void> {
  await db.query('DELETE FROM booking_records WHERE id = $1 AND platform_key IS NULL', [bookingId]);
}

function refuse(message: string): never {
  throw new ApiFailure('booking_limit', message);
}

/** A booking cancelled here no longer counts as open. */
export async function markCancelled(db: Queryable, clock: Clock, bookingId: string): Promise<void> {
  await db.query('UPDATE booking_records SET cancelled_at = $2 WHERE id = $1 AND cancelled_at IS NULL', [bookingId, clock().toISOString()]);
}

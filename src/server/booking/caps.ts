import type { Clock } from '../clock.ts';
import type { Database, Queryable } from '../db/database.ts';
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
 * Checks the caps and writes this booking's record (not booked yet) in one transaction, under a lock per mobile
 * number and e-mail of the site (PostgreSQL advisory locks, shared by every instance): two parallel bookings of one
 * customer count each other. The caller drops the record when the platform refused the booking.
 */
export async function reserveWithinCaps(
  db: Database,
  clock: Clock,
  site: string,
  caps: BookingCaps,
  booking: { id: string; contact: Contact; start: string },
): Promise<void> {
  const who = { cell: booking.contact.cell, email: booking.contact.email };
  const locks = [`${site} cell ${who.cell}`, ...(who.email ? [`${site} email ${who.email.toLowerCase()}`] : [])].sort();
  await db.transaction(async (tx) => {
    // In one order, so two bookings sharing the number and the e-mail cannot deadlock; one statement takes them all.
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended(lock, 0)) FROM unnest($1::text[]) WITH ORDINALITY AS l(lock, n) ORDER BY n', [
      locks,
    ]);
    await checkCaps(tx, clock, site, caps, who, booking.id);
    await tx.query(
      'INSERT INTO booking_records (id, site_id, platform_key, contact, created_at, starts_at) VALUES ($1, $2, NULL, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
      [booking.id, site, JSON.stringify(booking.contact), clock().toISOString(), booking.start],
    );
  });
}

/** The platform refused (nothing was booked): the record written for the caps goes, freeing its place in them. */
export async function dropReservation(db: Queryable, bookingId: string): Promise<void> {
  await db.query('DELETE FROM booking_records WHERE id = $1 AND platform_key IS NULL', [bookingId]);
}

/** Refuses a new booking over a cap, counting the site's own records of bookings made or being made here (any platform). */
async function checkCaps(
  db: Queryable,
  clock: Clock,
  site: string,
  caps: BookingCaps,
  who: { cell: string; email?: string | undefined },
  own: string,
): Promise<void> {
  const now = clock();
  const since = new Date(now.getTime() - dayMs).toISOString();
  const email = who.email?.toLowerCase() ?? null;
  // Each count reads only this customer's records (indexes of 206_booking_caps_indexes.sql), never the site's history.
  const [row] = await db.query<{ cell_day: number; email_day: number; open: number }>(
    `SELECT
       (SELECT count(*) FROM booking_records
         WHERE site_id = $1 AND contact->>'cell' = $2 AND created_at > $4 AND id <> $6)::int AS cell_day,
       (SELECT count(*) FROM booking_records
         WHERE site_id = $1 AND lower(contact->>'email') = $3 AND created_at > $4 AND id <> $6)::int AS email_day,
       (SELECT count(*) FROM booking_records
         WHERE site_id = $1 AND (contact->>'cell' = $2 OR lower(contact->>'email') = $3)
           AND starts_at > $5 AND cancelled_at IS NULL AND id <> $6)::int AS open`,
    [site, who.cell, email, since, now.toISOString(), own],
  );
  const { cell_day = 0, email_day = 0, open = 0 } = row ?? {};
  if (cell_day >= caps.perCellPerDay) over(`This mobile number has made ${caps.perCellPerDay} bookings today; please call us to book more.`);
  if (email !== null && email_day >= caps.perEmailPerDay)
    over(`This e-mail address has made ${caps.perEmailPerDay} bookings today; please call us to book more.`);
  if (open >= caps.openPerCustomer) over(`You already have ${caps.openPerCustomer} bookings to come; please call us to book more.`);
}

function over(message: string): never {
  throw new ApiFailure('booking_limit', message);
}

/** A booking cancelled here no longer counts as open. */
export async function markCancelled(db: Queryable, clock: Clock, bookingId: string): Promise<void> {
  await db.query('UPDATE booking_records SET cancelled_at = $2 WHERE id = $1 AND cancelled_at IS NULL', [bookingId, clock().toISOString()]);
}

import { createHash } from 'node:crypto';
import type { Language } from '../../contract/common.ts';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/database.ts';
import type { PlatformKey } from '../providers/provider.ts';

/**
 * Our public booking id, derived from the site and the customer's random Idempotency-Key: it says nothing about
 * the platform's ids or how many bookings exist, and a retry that resumes a cut-off attempt lands on the same id.
 */
export function bookingIdFor(siteId: string, idempotencyKey: string): string {
  return 'bk_' + createHash('sha256').update(`${siteId}\0${idempotencyKey}`).digest('base64url').slice(0, 32);
}

/** Whom a booking's messages go to: the customer as they booked, cell in E.164. */
export interface Contact {
  firstName: string;
  lastName: string;
  cell: string;
  email?: string | undefined;
  lang: Language;
}

export interface BookingRecord {
  site: string;
  key: PlatformKey;
  contact: Contact | null;
}

export async function saveBookingRecord(
  db: Queryable,
  clock: Clock,
  record: { id: string; site: string; key: PlatformKey; contact?: Contact; start?: string },
): Promise<void> {
  await db.query(
    // The record written for the caps before the platform answered gets its platform key; a booked one is kept as it is.
    `INSERT INTO booking_records (id, site_id, platform_key, contact, created_at, starts_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET platform_key = EXCLUDED.platform_key, contact = EXCLUDED.contact, starts_at = EXCLUDED.starts_at
     WHERE booking_records.platform_key IS NULL`,
    [
      record.id,
      record.site,
      JSON.stringify(record.key),
      record.contact ? JSON.stringify(record.contact) : null,
      clock().toISOString(),
      record.start ?? null,
    ],
  );
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export async function findBookingRecord(db: Queryable, id: string): Promise<BookingRecord | null> {
  const [row] = await db.query<{ site_id: string; platform_key: unknown; contact: unknown }>(
    'SELECT site_id, platform_key, contact FROM booking_records WHERE id = $1 AND platform_key IS NOT NULL',
    [id],
  );
  if (!row) return null;
  return { site: row.site_id, key: json<PlatformKey>(row.platform_key), contact: row.contact ? json<Contact>(row.contact) : null };
}

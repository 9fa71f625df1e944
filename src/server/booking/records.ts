import { createHash } from 'node:crypto';
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

export async function saveBookingRecord(db: Queryable, clock: Clock, record: { id: string; site: string; key: PlatformKey }): Promise<void> {
  await db.query('INSERT INTO booking_records (id, site_id, platform_key, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
    record.id,
    record.site,
    JSON.stringify(record.key),
    clock().toISOString(),
  ]);
}

export async function findBookingRecord(db: Queryable, id: string): Promise<{ site: string; key: PlatformKey } | null> {
  const [row] = await db.query<{ site_id: string; platform_key: unknown }>('SELECT site_id, platform_key FROM booking_records WHERE id = $1', [id]);
  if (!row) return null;
  const key = (typeof row.platform_key === 'string' ? JSON.parse(row.platform_key) : row.platform_key) as PlatformKey;
  return { site: row.site_id, key };
}

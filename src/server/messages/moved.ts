import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/database.ts';
import { recheck } from '../notify/jobs.ts';

/**
 * A platform says one of its appointments changed, perhaps moved to another time: the reminders of our bookings of
 * it look at it again now (a job re-reads its booking and waits for the new reminder time, or is dropped if cancelled).
 * `key` is part of the platform key our booking records keep, e.g. {apptId} on Tor4You. Returns how many were found.
 */
export async function appointmentChanged(db: Queryable, clock: Clock, siteId: string, key: Record<string, string>): Promise<number> {
  const rows = await db.query<{ id: string }>('SELECT id FROM booking_records WHERE site_id = $1 AND platform_key @> $2::jsonb', [
    siteId,
    JSON.stringify(key),
  ]);
  for (const row of rows) await recheck(db, clock, row.id, ['reminder']);
  return rows.length;
}

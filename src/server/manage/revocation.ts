import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/database.ts';

/** Switches a booking's manage link off for good (a link is a bearer capability: the customer may end it early). */
export async function revokeManageLink(db: Queryable, clock: Clock, bookingId: string): Promise<void> {
  await db.query('UPDATE booking_records SET manage_revoked_at = $2 WHERE id = $1 AND manage_revoked_at IS NULL', [bookingId, clock().toISOString()]);
}

export async function manageLinkRevoked(db: Queryable, bookingId: string): Promise<boolean> {
  const [row] = await db.query<{ revoked: boolean }>('SELECT manage_revoked_at IS NOT NULL AS revoked FROM booking_records WHERE id = $1', [
    bookingId,
  ]);
  return row?.revoked ?? false;
}

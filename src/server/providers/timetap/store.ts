import { createHash } from 'node:crypto';
import type { Customer } from '../../../contract/customer.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/database.ts';

/** A customer as TimeTap would tell them apart, hashed: the table never holds a name, number or address. */
export function customerHash(site: string, customer: Customer): string {
  const parts = [site, customer.firstName, customer.lastName, customer.cell, customer.email ?? ''].map((p) => p.trim().toLowerCase());
  return createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex');
}

/** What this backend remembers of a TimeTap site: its clients and the customers' attendance answers. */
export function timeTapStore(db: Database, clock: Clock, site: string) {
  return {
    async clientOf(customer: Customer): Promise<string | null> {
      const rows = await db.query<{ client_id: string }>('SELECT client_id FROM timetap_clients WHERE site_id = $1 AND customer_hash = $2', [
        site,
        customerHash(site, customer),
      ]);
      return rows[0]?.client_id ?? null;
    },

    /** Keeps the first client id stored for this customer and returns it (a concurrent booking may have won). */
    async rememberClient(customer: Customer, clientId: string): Promise<string> {
      const hash = customerHash(site, customer);
      await db.query('INSERT INTO timetap_clients (site_id, customer_hash, client_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
        site,
        hash,
        clientId,
        clock().toISOString(),
      ]);
      const rows = await db.query<{ client_id: string }>('SELECT client_id FROM timetap_clients WHERE site_id = $1 AND customer_hash = $2', [
        site,
        hash,
      ]);
      return rows[0]?.client_id ?? clientId;
    },

    async attendance(calendarId: string): Promise<{ answer: 'yes' | 'no'; at: number } | null> {
      const rows = await db.query<{ answer: 'yes' | 'no'; answered_at: string | Date }>(
        'SELECT answer, answered_at FROM timetap_attendance WHERE site_id = $1 AND calendar_id = $2',
        [site, calendarId],
      );
      const row = rows[0];
      return row ? { answer: row.answer, at: new Date(row.answered_at).getTime() } : null;
    },

    async answer(calendarId: string, answer: 'yes' | 'no'): Promise<void> {
      await db.query(
        `INSERT INTO timetap_attendance (site_id, calendar_id, answer, answered_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (site_id, calendar_id) DO UPDATE SET answer = EXCLUDED.answer, answered_at = EXCLUDED.answered_at`,
        [site, calendarId, answer, clock().toISOString()],
      );
    },
  };
}
export type TimeTapStore = ReturnType<typeof timeTapStore>;

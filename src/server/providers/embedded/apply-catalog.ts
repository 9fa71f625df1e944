import type { Database, Queryable } from '../../db/database.ts';
import { insertRows } from '../../db/insert-rows.ts';
import type { CatalogFile } from './catalog-file.ts';
import { applySlots, wantedSlots, type SlotChanges } from './catalog-slots.ts';

const minuteOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Adds the site's rows of this table by key, or updates the ones there, in one statement; returns each key's id. */
async function upsertByKey(
  tx: Queryable,
  table: 'branches' | 'staff' | 'services',
  siteId: string,
  rows: { key: string; values: Record<string, unknown> }[],
): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const columns = Object.keys(rows[0]!.values);
  const written = await insertRows<{ id: number; key: string }>(
    tx,
    table,
    ['site_id', 'key', ...columns],
    rows.map((row) => [siteId, row.key, ...columns.map((c) => row.values[c])]),
    `ON CONFLICT (site_id, key) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')} RETURNING id, key`,
  );
  return new Map(written.map((row) => [row.key, row.id]));
}

/**
 * Makes the site's services, staff, branches, weekly hours, time off and slots to come what the catalog file
 * says, in one transaction. Rows are found by key, so their ids and every booking stay; what left the file is
 * hidden, never deleted (a service is no longer public, a staff member no longer offered), so its bookings stay
 * readable; slots follow the rules of applySlots.
 */
export async function applyCatalog(db: Database, site: { id: string; timeZone: string }, file: CatalogFile, now: number): Promise<SlotChanges> {
  const siteId = site.id;
  return db.transaction(async (tx) => {
    // The site's row first: its lock makes instances starting together on one PostgreSQL apply one after the other.
    await tx.query(
      `INSERT INTO sites (id, name, phone, address, calendar) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone, address = EXCLUDED.address, calendar = EXCLUDED.calendar`,
      [siteId, file.name, file.phone ?? null, file.address ?? null, file.calendar],
    );
    const branches = await upsertByKey(
      tx,
      'branches',
      siteId,
      file.branches.map((b) => ({ key: b.key, values: { name: b.name, address: b.address ?? null } })),
    );
    const services = await upsertByKey(
      tx,
      'services',
      siteId,
      file.services.map((s) => ({
        key: s.key,
        values: {
          name: s.name,
          duration: s.durationMinutes,
          price: s.price,
          grid: s.gridMinutes,
          can_ext: s.public,
          ext_can_cancel: s.customerCanCancel,
          min_cancel_period: s.cancelNoticeMinutes,
          min_create_period: s.minNoticeMinutes,
          max_create_period: s.maxDaysAhead,
          maxmembers: s.places,
        },
      })),
    );
    await tx.query('UPDATE services SET can_ext = false WHERE site_id = $1 AND NOT (id = ANY($2::int[]))', [siteId, [...services.values()]]);
    const staff = await upsertByKey(
      tx,
      'staff',
      siteId,
      file.staff.map((m) => ({ key: m.key, values: { name: m.name, showorder: m.order, branch_id: m.branch ? branches.get(m.branch)! : null } })),
    );
    await tx.query('UPDATE staff SET showorder = 0 WHERE site_id = $1 AND NOT (id = ANY($2::int[]))', [siteId, [...staff.values()]]);
    // Links, hours and time off belong to the file whole: replaced, never merged.
    const everyone = '(SELECT id FROM staff WHERE site_id = $1)';
    for (const table of ['staff_services', 'working_hours', 'time_off'])
      await tx.query(`DELETE FROM ${table} WHERE staff_id IN ${everyone}`, [siteId]);
    const links: unknown[][] = [];
    const hours: unknown[][] = [];
    const timeOff: unknown[][] = [];
    for (const m of file.staff) {
      const id = staff.get(m.key)!;
      for (const s of m.services) links.push([id, services.get(s)!]);
      for (const h of m.hours) {
        for (const day of new Set(h.days)) hours.push([id, day, h.branch ? branches.get(h.branch)! : null, minuteOf(h.from), minuteOf(h.to)]);
      }
      for (const off of m.timeOff) timeOff.push([id, new Date(off.from), new Date(off.to), off.reason ?? null]);
    }
    await insertRows(tx, 'staff_services', ['staff_id', 'service_id'], links);
    await insertRows(tx, 'working_hours', ['staff_id', 'weekday', 'branch_id', 'start_minute', 'end_minute'], hours);
    await insertRows(tx, 'time_off', ['staff_id', 'from_at', 'to_at', 'reason'], timeOff);
    return applySlots(tx, siteId, wantedSlots(file, site.timeZone, now), { staff, services, branches }, now);
  });
}

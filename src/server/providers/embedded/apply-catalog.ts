import type { Database, Queryable } from '../../db/database.ts';
import type { CatalogFile } from './catalog-file.ts';
import { applySlots, wantedSlots, type SlotChanges } from './catalog-slots.ts';

const minuteOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Updates the row with this key, or adds it; returns its id either way. */
async function upsert(
  tx: Queryable,
  table: 'branches' | 'staff' | 'services',
  siteId: string,
  key: string,
  values: Record<string, unknown>,
): Promise<number> {
  const columns = Object.keys(values);
  const params = [siteId, key, ...Object.values(values)];
  const set = columns.map((c, i) => `${c} = $${i + 3}`).join(', ');
  const [updated] = await tx.query<{ id: number }>(`UPDATE ${table} SET ${set} WHERE site_id = $1 AND key = $2 RETURNING id`, params);
  if (updated) return updated.id;
  const [added] = await tx.query<{ id: number }>(
    `INSERT INTO ${table} (site_id, key, ${columns.join(', ')}) VALUES ($1, $2, ${columns.map((_, i) => `$${i + 3}`).join(', ')}) RETURNING id`,
    params,
  );
  return added!.id;
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
    const branches = new Map<string, number>();
    for (const b of file.branches) branches.set(b.key, await upsert(tx, 'branches', siteId, b.key, { name: b.name, address: b.address ?? null }));
    const services = new Map<string, number>();
    for (const s of file.services) {
      services.set(
        s.key,
        await upsert(tx, 'services', siteId, s.key, {
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
        }),
      );
    }
    await tx.query('UPDATE services SET can_ext = false WHERE site_id = $1 AND NOT (id = ANY($2::int[]))', [siteId, [...services.values()]]);
    const staff = new Map<string, number>();
    for (const m of file.staff) {
      staff.set(
        m.key,
        await upsert(tx, 'staff', siteId, m.key, { name: m.name, showorder: m.order, branch_id: m.branch ? branches.get(m.branch)! : null }),
      );
    }
    await tx.query('UPDATE staff SET showorder = 0 WHERE site_id = $1 AND NOT (id = ANY($2::int[]))', [siteId, [...staff.values()]]);
    // Links, hours and time off belong to the file whole: replaced, never merged.
    const everyone = '(SELECT id FROM staff WHERE site_id = $1)';
    for (const table of ['staff_services', 'working_hours', 'time_off'])
      await tx.query(`DELETE FROM ${table} WHERE staff_id IN ${everyone}`, [siteId]);
    for (const m of file.staff) {
      const id = staff.get(m.key)!;
      for (const s of m.services) await tx.query('INSERT INTO staff_services (staff_id, service_id) VALUES ($1, $2)', [id, services.get(s)!]);
      for (const h of m.hours) {
        for (const day of new Set(h.days)) {
          await tx.query('INSERT INTO working_hours (staff_id, weekday, branch_id, start_minute, end_minute) VALUES ($1, $2, $3, $4, $5)', [
            id,
            day,
            h.branch ? branches.get(h.branch)! : null,
            minuteOf(h.from),
            minuteOf(h.to),
          ]);
        }
      }
      for (const off of m.timeOff) {
        await tx.query('INSERT INTO time_off (staff_id, from_at, to_at, reason) VALUES ($1, $2, $3, $4)', [
          id,
          new Date(off.from),
          new Date(off.to),
          off.reason ?? null,
        ]);
      }
    }
    return applySlots(tx, siteId, wantedSlots(file, site.timeZone, now), { staff, services, branches }, now);
  });
}

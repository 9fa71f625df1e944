import { addDays, eachDay, weekday } from '../../../contract/plain-date.ts';
import type { Queryable } from '../../db/database.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { zonedDate, zonedInstant } from '../../zoned.ts';
import type { CatalogFile } from './catalog-file.ts';
import { holdsPlace, newVfib, toMs } from './store.ts';

/** One slot the file asks for, on one date. */
export interface WantedSlot {
  staff: string;
  service: string | null;
  branch: string | null;
  from: number;
  to: number;
  places: number;
}

const minuteOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * The file's slots that start after `now`: weekly ones written out as far ahead as their service can be booked
 * (maxDaysAhead; an any-service slot as far as its staff member's furthest service), dated ones whenever they are
 * still to come. A slot overlapping its staff member's time off is not offered; one at a wall time the clocks skip
 * does not exist that day.
 */
export function wantedSlots(file: CatalogFile, timeZone: string, now: number): WantedSlot[] {
  const services = new Map(file.services.map((s) => [s.key, s]));
  const staff = new Map(file.staff.map((s) => [s.key, s]));
  const today = zonedDate(timeZone, now);
  const wanted: WantedSlot[] = [];
  for (const slot of file.slots) {
    const member = staff.get(slot.staff)!;
    const reach = Math.max(...(slot.service ? [slot.service] : member.services).map((k) => services.get(k)!.maxDaysAhead));
    const first = slot.firstDate && slot.firstDate > today ? slot.firstDate : today;
    const last = slot.lastDate && slot.lastDate < addDays(today, reach) ? slot.lastDate : addDays(today, reach);
    const dates = slot.date ? [slot.date] : first > last ? [] : eachDay(first, last).filter((d) => slot.days!.includes(weekday(d)));
    const off = member.timeOff.map((t) => ({ from: Date.parse(t.from), to: Date.parse(t.to) }));
    for (const date of dates) {
      const from = zonedInstant(timeZone, date, minuteOf(slot.from));
      if (from === null || from <= now) continue;
      // The length as written: a class of 18:30-19:25 lasts 55 minutes even on a night the clocks change.
      const to = from + (minuteOf(slot.to) - minuteOf(slot.from)) * 60_000;
      if (off.some((t) => t.from < to && from < t.to)) continue;
      const places = slot.places ?? (slot.service ? services.get(slot.service)!.places : 1);
      wanted.push({ staff: slot.staff, service: slot.service ?? null, branch: slot.branch ?? null, from, to, places });
    }
  }
  return wanted;
}

interface ExistingSlot {
  id: number;
  staff_id: number;
  service_id: number | null;
  branch_id: number | null;
  from_at: Date;
  to_at: Date;
  maxmembers: number;
  cancelled: boolean;
  /** Any appointment points at it (even a cancelled one): the row cannot go. */
  referenced: boolean;
  /** A booking or a lozamin holds a place on it: its time and service stay as they were booked. */
  held: boolean;
}

/** What applying the file's slots did; `clashes` are slots the file asks for where a booked slot of another shape stays. */
export interface SlotChanges {
  added: number;
  changed: number;
  closed: number;
  removed: number;
  clashes: string[];
}

/**
 * Makes the site's slots still to come what the file asks for, never losing a booking: a slot the file drops is
 * deleted when no appointment points at it, otherwise closed to new bookings (its bookings stay, readable and
 * cancellable); fewer places than are booked keeps every booking and offers the slot again only when it has room;
 * a booked slot the file reshapes (other end, service or branch) keeps its booked shape and is closed.
 */
export async function applySlots(
  tx: Queryable,
  siteId: string,
  wanted: WantedSlot[],
  ids: { staff: Map<string, number>; services: Map<string, number>; branches: Map<string, number> },
  now: number,
): Promise<SlotChanges> {
  const rows = await tx.query<ExistingSlot>(
    `SELECT sl.id, sl.staff_id, sl.service_id, sl.branch_id, sl.from_at, sl.to_at, sl.maxmembers, sl.cancelled,
            EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = sl.id) AS referenced,
            EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = sl.id AND ${holdsPlace('a', '$2')}) AS held
       FROM slots sl WHERE sl.site_id = $1 AND sl.from_at > $2`,
    [siteId, new Date(now)],
  );
  const existing = new Map(rows.map((r) => [`${Number(r.staff_id)}@${toMs(r.from_at)}`, r]));
  const changes: SlotChanges = { added: 0, changed: 0, closed: 0, removed: 0, clashes: [] };
  const added: unknown[][] = [];
  const close = async (row: ExistingSlot) => {
    if (row.cancelled) return;
    await tx.query('UPDATE slots SET cancelled = true WHERE id = $1', [row.id]);
    changes.closed++;
  };
  for (const w of wanted) {
    const staffId = ids.staff.get(w.staff)!;
    const shape = {
      service: w.service === null ? null : ids.services.get(w.service)!,
      branch: w.branch === null ? null : ids.branches.get(w.branch)!,
    };
    const row = existing.get(`${staffId}@${w.from}`);
    existing.delete(`${staffId}@${w.from}`);
    if (!row) {
      added.push([siteId, staffId, shape.service, shape.branch, new Date(w.from), new Date(w.to), w.places, newVfib()]);
      continue;
    }
    const sameShape = toMs(row.to_at) === w.to && nullableId(row.service_id) === shape.service && nullableId(row.branch_id) === shape.branch;
    if (sameShape) {
      if (row.maxmembers === w.places && !row.cancelled) continue;
      await tx.query('UPDATE slots SET maxmembers = $2, cancelled = false WHERE id = $1', [row.id, w.places]);
      changes.changed++;
    } else if (!row.held) {
      // A new vfib: a time offered in the old shape cannot be booked into the new one.
      await tx.query('UPDATE slots SET to_at = $2, service_id = $3, branch_id = $4, maxmembers = $5, cancelled = false, vfib = $6 WHERE id = $1', [
        row.id,
        new Date(w.to),
        shape.service,
        shape.branch,
        w.places,
        newVfib(),
      ]);
      changes.changed++;
    } else {
      await close(row);
      changes.clashes.push(`${w.staff} ${new Date(w.from).toISOString()}`);
    }
  }
  // The new slots in one statement: a first apply adds a couple of hundred.
  await insertRows(tx, 'slots', ['site_id', 'staff_id', 'service_id', 'branch_id', 'from_at', 'to_at', 'maxmembers', 'vfib'], added);
  changes.added = added.length;
  for (const row of existing.values()) {
    if (row.referenced) await close(row);
    else {
      await tx.query('DELETE FROM slots WHERE id = $1', [row.id]);
      changes.removed++;
    }
  }
  return changes;
}

const nullableId = (id: number | null) => (id === null ? null : Number(id));

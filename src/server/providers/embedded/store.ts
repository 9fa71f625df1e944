import { randomBytes } from 'node:crypto';
import { ApiFailure } from '../../errors.ts';
import type { Queryable } from '../../db/database.ts';
import type { Interval } from './open-hours.ts';

/**
 * An appointment still holds its time or places: confirmed, waiting for approval, a lozamin block,
 * or waiting for its code and not yet past expires_at (even before expirePending() has marked it).
 * `$now` is the parameter number holding the current instant.
 */
export function holdsPlace(alias: string, now: string): string {
  return `(${alias}.status IN ('confirmed', 'pending_approval') OR (${alias}.status = 'pending_code' AND ${alias}.expires_at > ${now}))`;
}

export interface ServiceRow {
  id: number;
  name: string;
  duration: number;
  price: string | number | null;
  can_ext: boolean;
  ext_can_cancel: boolean;
  min_cancel_period: number;
  min_create_period: number;
  max_create_period: number;
  grid: number;
  maxmembers: number;
}

export interface StaffRow {
  id: number;
  name: string;
  showorder: number;
  branch_id: number | null;
}

/** A slot's vfib: a random token a time's hold carries, so a hold names exactly this slot as it was offered. */
export const newVfib = (): string => randomBytes(8).toString('hex').toUpperCase();

export const toMs = (value: Date | string): number => new Date(value).getTime();

/** Our ids are integers; anything else names nothing. */
export function numericId(value: string | number | null | undefined): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : null;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

/** A service the public may book (can_ext); anything else is refused as if it did not exist. */
export async function externalService(db: Queryable, siteId: string, serviceId: string): Promise<ServiceRow> {
  const id = numericId(serviceId);
  const [row] = id === null ? [] : await db.query<ServiceRow>('SELECT * FROM services WHERE site_id = $1 AND id = $2', [siteId, id]);
  if (!row || !row.can_ext) throw new ApiFailure('invalid_field', 'This service cannot be booked online.', { field: 'service' });
  return row;
}

/**
 * The service providers (showorder > 0) linked to the service, most prominent first;
 * only the one asked for when staffId is given, refused when that one may not perform it.
 */
export async function providersOf(db: Queryable, siteId: string, serviceId: number, staffId: string | null | undefined): Promise<StaffRow[]> {
  const wanted = staffId == null ? null : numericId(staffId);
  if (staffId != null && wanted === null) throw new ApiFailure('invalid_field', 'No such staff member.', { field: 'staff' });
  const rows = await db.query<StaffRow>(
    `SELECT s.id, s.name, s.showorder, s.branch_id FROM staff s
       JOIN staff_services ss ON ss.staff_id = s.id AND ss.service_id = $2
      WHERE s.site_id = $1 AND s.showorder > 0 AND ($3::integer IS NULL OR s.id = $3::integer)
      ORDER BY s.showorder DESC, s.id`,
    [siteId, serviceId, wanted],
  );
  if (wanted !== null && rows.length === 0) {
    throw new ApiFailure('invalid_field', 'This staff member does not perform this service.', { field: 'staff' });
  }
  return rows;
}

export interface HoursRow {
  staff_id: number;
  weekday: number;
  branch_id: number | null;
  start_minute: number;
  end_minute: number;
}

/** Working hours of these staff, each row with its branch (the staff member's own when the row names none). */
export async function workingHours(db: Queryable, staffIds: number[]): Promise<HoursRow[]> {
  if (staffIds.length === 0) return [];
  return db.query<HoursRow>(
    `SELECT wh.staff_id, wh.weekday, COALESCE(wh.branch_id, s.branch_id) AS branch_id, wh.start_minute, wh.end_minute
       FROM working_hours wh JOIN staff s ON s.id = wh.staff_id
      WHERE wh.staff_id = ANY($1::integer[])`,
    [staffIds],
  );
}

/** Time off and appointments holding time, per staff member, overlapping [from, to). */
export async function busyTimes(db: Queryable, staffIds: number[], range: Interval, now: number): Promise<Map<number, Interval[]>> {
  const busy = new Map<number, Interval[]>(staffIds.map((id) => [id, []]));
  if (staffIds.length === 0) return busy;
  const rows = await db.query<{ staff_id: number; from_at: Date; to_at: Date }>(
    `SELECT staff_id, from_at, to_at FROM time_off
      WHERE staff_id = ANY($1::integer[]) AND to_at > $2 AND from_at < $3
     UNION ALL
     SELECT a.staff_id, a.from_at, a.to_at FROM appointments a
      WHERE a.staff_id = ANY($1::integer[]) AND a.to_at > $2 AND a.from_at < $3 AND ${holdsPlace('a', '$4')}`,
    [staffIds, new Date(range.start), new Date(range.end), new Date(now)],
  );
  for (const r of rows) busy.get(Number(r.staff_id))?.push({ start: toMs(r.from_at), end: toMs(r.to_at) });
  return busy;
}

export interface SlotRow {
  id: number;
  vfib: string;
  staff_id: number;
  staff_name: string;
  branch_id: number | null;
  from_at: Date;
  to_at: Date;
  maxmembers: number;
  taken: number | string;
  blocked: boolean;
}

/** Slot columns with the places taken and whether a lozamin blocks it; `$now` as in holdsPlace. */
export function slotLoadSql(now: string): string {
  return `sl.id, sl.vfib, sl.staff_id, st.name AS staff_name, COALESCE(sl.branch_id, st.branch_id) AS branch_id,
      sl.from_at, sl.to_at, sl.maxmembers, sl.service_id, sl.cancelled,
      COALESCE((SELECT SUM(a.participants) FROM appointments a
                 WHERE a.slot_id = sl.id AND NOT a.lozamin AND ${holdsPlace('a', now)}), 0) AS taken,
      EXISTS (SELECT 1 FROM appointments a
               WHERE a.lozamin AND ${holdsPlace('a', now)}
                 AND (a.slot_id = sl.id OR (a.slot_id IS NULL AND a.staff_id = sl.staff_id AND a.from_at < sl.to_at AND sl.from_at < a.to_at))) AS blocked`;
}

/** Slots starting in [from, to) that can take the service: slot service NULL means any service its staff member is linked to. */
export async function slotsFor(
  db: Queryable,
  siteId: string,
  serviceId: number,
  staffId: number | null,
  range: Interval,
  now: number,
): Promise<SlotRow[]> {
  return db.query<SlotRow>(
    `SELECT ${slotLoadSql('$6')}
       FROM slots sl JOIN staff st ON st.id = sl.staff_id
      WHERE sl.site_id = $1 AND NOT sl.cancelled AND sl.from_at >= $3 AND sl.from_at < $4
        AND st.showorder > 0 AND ($5::integer IS NULL OR sl.staff_id = $5::integer)
        AND (sl.service_id IS NULL OR sl.service_id = $2)
        AND EXISTS (SELECT 1 FROM staff_services ss WHERE ss.staff_id = sl.staff_id AND ss.service_id = $2)
      ORDER BY sl.from_at, st.showorder DESC, sl.id`,
    [siteId, serviceId, new Date(range.start), new Date(range.end), staffId, new Date(now)],
  );
}

import type { BookingStatus } from '../../../contract/bookings.ts';
import type { Language } from '../../../contract/common.ts';
import type { Queryable } from '../../db/database.ts';
import { ApiFailure } from '../../errors.ts';
import type { PlatformBooking, PlatformKey } from '../provider.ts';
import { attendanceOf } from '../shared/attendance.ts';
import { toMs } from './store.ts';
import { formatInstant } from '../../zoned.ts';

/** An appointment with the names a booking shows and the rules that govern it. */
export interface AppointmentRow {
  id: string;
  site_id: string;
  status: BookingStatus;
  from_at: Date;
  to_at: Date;
  expires_at: Date | null;
  participants: number;
  iscoming: number;
  lang: Language;
  slot_id: number | null;
  service_id: number;
  service_name: string;
  ext_can_cancel: boolean;
  min_cancel_period: number;
  staff_id: number;
  staff_name: string;
  branch_id: number | null;
  branch_name: string | null;
  customer_id: number | null;
  first_name: string | null;
  cell: string | null;
  /** The e-mail this booking was made with (never another booking's). */
  email: string | null;
}

/** A booking waiting for its code stops holding its place at expires_at, whether or not expirePending() has run. */
export function effectiveStatus(row: Pick<AppointmentRow, 'status' | 'expires_at'>, now: number): BookingStatus {
  if (row.status === 'pending_code' && row.expires_at && toMs(row.expires_at) <= now) return 'expired';
  return row.status;
}

/** An AppointmentRow's columns, over appointmentJoins. */
export const appointmentColumns = `a.id, a.site_id, a.status, a.from_at, a.to_at, a.expires_at, a.participants, a.iscoming, a.lang, a.slot_id,
       a.service_id, sv.name AS service_name, sv.ext_can_cancel, sv.min_cancel_period,
       a.staff_id, st.name AS staff_name, a.branch_id, b.name AS branch_name,
       a.customer_id, c.first_name, c.cell, a.email`;

/**
 * The tables an AppointmentRow is read from: `appointments` and `customers` name the tables, or the rows a statement
 * has just written (booking.ts reads the new appointment back from its own insert).
 */
export const appointmentJoins = (appointments: string, customers: string) =>
  `FROM ${appointments} a
   JOIN services sv ON sv.id = a.service_id
   JOIN staff st ON st.id = a.staff_id
   LEFT JOIN branches b ON b.id = a.branch_id
   LEFT JOIN ${customers} c ON c.id = a.customer_id`;

/** Reads one appointment of the site, locked for the rest of the transaction when `lock` is set. */
export async function loadAppointment(db: Queryable, siteId: string, key: PlatformKey, lock = false): Promise<AppointmentRow> {
  const id = key.appointmentId;
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) throw new ApiFailure('not_found', 'No such booking.');
  if (lock) await db.query('SELECT id FROM appointments WHERE id = $1 FOR UPDATE', [id]);
  const [row] = await db.query<AppointmentRow>(
    `SELECT ${appointmentColumns} ${appointmentJoins('appointments', 'customers')} WHERE a.id = $1 AND a.site_id = $2 AND NOT a.lozamin`,
    [id, siteId],
  );
  if (!row) throw new ApiFailure('not_found', 'No such booking.');
  return row;
}

export function toPlatformBooking(row: AppointmentRow, timeZone: string, now: number): PlatformBooking {
  const status = effectiveStatus(row, now);
  return {
    key: { appointmentId: row.id },
    status,
    start: formatInstant(timeZone, toMs(row.from_at)),
    end: formatInstant(timeZone, toMs(row.to_at)),
    service: { id: String(row.service_id), name: row.service_name },
    staff: { id: String(row.staff_id), name: row.staff_name },
    branch: row.branch_id === null ? null : { id: String(row.branch_id), name: row.branch_name ?? '' },
    participants: row.participants,
    attendance: attendanceOf(row.iscoming),
    expiresAt: status === 'pending_code' && row.expires_at ? formatInstant(timeZone, toMs(row.expires_at)) : undefined,
  };
}

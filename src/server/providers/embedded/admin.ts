import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Queryable } from '../../db/database.ts';
import type { OutboxEntry } from '../../notify/notifier.ts';
import { readOutbox } from '../../notify/outbox.ts';
import { placesLeft as placesLeftOf } from './slot-capacity.ts';
import { newVfib, slotLoadSql } from './store.ts';

type Id = string | number;
type When = Date | string;

/** 'HH:MM' as minutes from midnight; '24:00' is the end of the day. */
function minutesOf(time: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) throw new Error(`not a time of day: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export interface ServiceInput {
  name: string;
  duration: number;
  price?: number | null;
  canExt?: boolean;
  extCanCancel?: boolean;
  minCancelPeriod?: number;
  minCreatePeriod?: number;
  maxCreatePeriod?: number;
  grid?: number;
  maxmembers?: number;
  staffIds?: Id[];
}

export interface AppointmentSummary {
  id: string;
  status: string;
  from: string;
  to: string;
  serviceId: string | null;
  staffId: string;
  slotId: string | null;
  branchId: string | null;
  participants: number;
  iscoming: number;
  lozamin: boolean;
  customerId: string | null;
  /** The details this booking was made with. */
  lastName: string | null;
  email: string | null;
  expiresAt: string | null;
}

/** Setting up and inspecting the engine's data: for tests, demo data and the demo outbox page. */
export function createAdmin(db: Queryable, clock: Clock) {
  const one = async (sql: string, params: unknown[]): Promise<string> => {
    const [row] = await db.query<{ id: number }>(sql, params);
    return String(row!.id);
  };
  return {
    async addSite(site: { id: string; name: string; phone?: string | null; address?: string | null; calendar: 'open' | 'slots' }): Promise<void> {
      await db.query('INSERT INTO sites (id, name, phone, address, calendar) VALUES ($1, $2, $3, $4, $5)', [
        site.id,
        site.name,
        site.phone ?? null,
        site.address ?? null,
        site.calendar,
      ]);
    },
    addBranch: (siteId: string, branch: { name: string; address?: string | null }) =>
      one('INSERT INTO branches (site_id, name, address) VALUES ($1, $2, $3) RETURNING id', [siteId, branch.name, branch.address ?? null]),
    addStaff: (siteId: string, staff: { name: string; showorder?: number; branchId?: Id | null }) =>
      one('INSERT INTO staff (site_id, name, showorder, branch_id) VALUES ($1, $2, $3, $4) RETURNING id', [
        siteId,
        staff.name,
        staff.showorder ?? 1,
        staff.branchId ?? null,
      ]),
    async addService(siteId: string, s: ServiceInput): Promise<string> {
      const id = await one(
        `INSERT INTO services (site_id, name, duration, price, can_ext, ext_can_cancel, min_cancel_period, min_create_period, max_create_period, grid, maxmembers)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          siteId,
          s.name,
          s.duration,
          s.price ?? null,
          s.canExt ?? true,
          s.extCanCancel ?? true,
          s.minCancelPeriod ?? 0,
          s.minCreatePeriod ?? 0,
          s.maxCreatePeriod ?? 90,
          s.grid ?? 15,
          s.maxmembers ?? 1,
        ],
      );
      for (const staffId of s.staffIds ?? []) await this.link(staffId, id);
      return id;
    },
    async link(staffId: Id, serviceId: Id): Promise<void> {
      await db.query('INSERT INTO staff_services (staff_id, service_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [staffId, serviceId]);
    },
    /** Weekly hours: weekday 0 = Sunday, times as 'HH:MM' on the site's wall clock. */
    async addHours(staffId: Id, hours: { weekday: number; from: string; to: string; branchId?: Id | null }): Promise<void> {
      await db.query('INSERT INTO working_hours (staff_id, weekday, branch_id, start_minute, end_minute) VALUES ($1, $2, $3, $4, $5)', [
        staffId,
        hours.weekday,
        hours.branchId ?? null,
        minutesOf(hours.from),
        minutesOf(hours.to),
      ]);
    },
    addTimeOff: (staffId: Id, off: { from: When; to: When; reason?: string }) =>
      one('INSERT INTO time_off (staff_id, from_at, to_at, reason) VALUES ($1, $2, $3, $4) RETURNING id', [
        staffId,
        new Date(off.from),
        new Date(off.to),
        off.reason ?? null,
      ]),
    /** A slot; adding one that exists (same staff and start) changes nothing and returns null. */
    async addSlot(
      siteId: string,
      slot: { staffId: Id; serviceId?: Id | null; branchId?: Id | null; from: When; to: When; maxmembers?: number },
    ): Promise<{ id: string; vfib: string } | null> {
      const [row] = await db.query<{ id: number; vfib: string }>(
        `INSERT INTO slots (site_id, staff_id, service_id, branch_id, from_at, to_at, maxmembers, vfib)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (site_id, staff_id, from_at) DO NOTHING RETURNING id, vfib`,
        [
          siteId,
          slot.staffId,
          slot.serviceId ?? null,
          slot.branchId ?? null,
          new Date(slot.from),
          new Date(slot.to),
          slot.maxmembers ?? 1,
          newVfib(),
        ],
      );
      return row ? { id: String(row.id), vfib: row.vfib } : null;
    },
    /** Blocks a slot, or a stretch of a staff member's time, with a lozamin appointment (no customer). */
    addLozamin: (siteId: string, block: { staffId: Id; slotId?: Id | null; from: When; to: When }) =>
      one(
        `INSERT INTO appointments (id, site_id, staff_id, slot_id, from_at, to_at, participants, status, lozamin, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, 'confirmed', true, $7) RETURNING id`,
        [`L${randomBytes(11).toString('base64url')}`, siteId, block.staffId, block.slotId ?? null, new Date(block.from), new Date(block.to), clock()],
      ),
    /** The business approves a booking that waits for approval (sites with confirmation "approval"). */
    async approve(siteId: string, appointmentId: string): Promise<boolean> {
      const rows = await db.query(
        "UPDATE appointments SET status = 'confirmed' WHERE site_id = $1 AND id = $2 AND status = 'pending_approval' RETURNING id",
        [siteId, appointmentId],
      );
      return rows.length > 0;
    },
    async appointments(siteId: string): Promise<AppointmentSummary[]> {
      const rows = await db.query<Record<string, unknown>>('SELECT * FROM appointments WHERE site_id = $1 ORDER BY from_at, created_at, id', [
        siteId,
      ]);
      const opt = (v: unknown) => (v === null || v === undefined ? null : String(v));
      return rows.map((r) => ({
        id: String(r.id),
        status: String(r.status),
        from: new Date(r.from_at as Date).toISOString(),
        to: new Date(r.to_at as Date).toISOString(),
        serviceId: opt(r.service_id),
        staffId: String(r.staff_id),
        slotId: opt(r.slot_id),
        branchId: opt(r.branch_id),
        participants: Number(r.participants),
        iscoming: Number(r.iscoming),
        lozamin: r.lozamin === true,
        customerId: opt(r.customer_id),
        lastName: opt(r.last_name),
        email: opt(r.email),
        expiresAt: r.expires_at ? new Date(r.expires_at as Date).toISOString() : null,
      }));
    },
    async customers(siteId: string): Promise<{ id: string; firstName: string; lastName: string; cell: string; email: string | null }[]> {
      const rows = await db.query<{ id: number; first_name: string; last_name: string; cell: string; email: string | null }>(
        'SELECT id, first_name, last_name, cell, email FROM customers WHERE site_id = $1 ORDER BY id',
        [siteId],
      );
      return rows.map((r) => ({ id: String(r.id), firstName: r.first_name, lastName: r.last_name, cell: r.cell, email: r.email }));
    },
    /** Places left on a slot right now (0 when a lozamin blocks it). */
    async placesLeft(slotId: Id): Promise<number> {
      const [row] = await db.query<{ maxmembers: number; taken: string | number; blocked: boolean }>(
        `SELECT ${slotLoadSql('$2')} FROM slots sl JOIN staff st ON st.id = sl.staff_id WHERE sl.id = $1`,
        [slotId, clock()],
      );
      if (!row) throw new Error(`no slot ${slotId}`);
      return placesLeftOf({ maxmembers: row.maxmembers, taken: Number(row.taken), blocked: row.blocked });
    },
    outbox: (siteId: string, limit?: number): Promise<OutboxEntry[]> => readOutbox(db, siteId, limit),
  };
}

export type EngineAdmin = ReturnType<typeof createAdmin>;

import { randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../../db/database.ts';
import { ApiFailure, slotTaken as taken } from '../../errors.ts';
import type { BookInput } from '../provider.ts';
import type { SiteConfig } from '../../config/sites.ts';
import { bookingWindow, findTimes, type EngineSite } from './availability.ts';
import { appointmentColumns, appointmentJoins, type AppointmentRow } from './appointment.ts';
import { codeLifetimeMinutes, issueCode } from './codes.ts';
import { freshFixedData, type FixedData } from './fixed-data.ts';
import type { ContentionGate, Pass } from './contention.ts';
import { canOffer, placesLeft } from './slot-capacity.ts';
import { externalService, numericId, providersOf, slotLoadSql, toMs, type ServiceRow, type SlotRow } from './store.ts';
import { parseInstant, zonedDate } from '../../zoned.ts';

/** What book() decided, inside its transaction. */
export interface Placed {
  appointmentId: string;
  /** The appointment as written, with its names; null when the key had booked it before (read it then). */
  row: AppointmentRow | null;
  /** The code to send after the transaction commits (confirmation "code" only). */
  code: string | null;
}

interface Placement {
  staffId: number;
  branchId: number | null;
  slotId: number | null;
  start: number;
  end: number;
}

/**
 * Books in one transaction: lock the slot (timeslots) or the staff member (open calendar) with
 * SELECT … FOR UPDATE, re-check against what is committed, keep the customer, insert the appointment.
 * On PGlite transactions run one at a time; on PostgreSQL the row lock makes concurrent bookings queue, so the
 * gate first refuses at once an attempt on a time whose places other attempts already hold (see contention.ts).
 */
export async function book(
  db: Database,
  gate: ContentionGate,
  site: EngineSite & { confirmation: SiteConfig['confirmation'] },
  input: BookInput,
  now: number,
  random: () => number,
  newCode: () => string,
): Promise<Placed> {
  // A retry of a cut-off attempt may find its own booking: it never waits behind, or is refused by, the others.
  const pass = input.resumed ? null : await gate.enter(contentionKey(site, input), seatsOf(site, input), taken, input.idempotencyKey);
  let booked = false;
  try {
    const placed = await placeInTransaction(db, pass, site, input, now, random, newCode);
    booked = !placed.replayed;
    return placed;
  } finally {
    pass?.done(booked);
  }
}

/** Places a booking takes in the gate: its participants on a group slot, the staff member's time otherwise. */
export const seatsOf = (site: EngineSite, input: BookInput) => (site.calendar === 'slots' ? input.participants : 1);

/** Attempts on one time share a key: the slot, or the staff member (or "anyone") at that start. */
export function contentionKey(site: EngineSite, input: BookInput): string {
  const hold = input.hold;
  if (site.calendar === 'slots') return `${site.id}\0slot\0${String(hold.slotId)}\0${input.service}`;
  if (input.staff == null) return `${site.id}\0any\0${input.service}\0${input.branch ?? ''}\0${input.start}`;
  return `${site.id}\0staff\0${String(hold.staffId)}\0${input.service}\0${input.start}`;
}

/** The prefix of all of a site's contention keys. */
export const contentionPrefix = (siteId: string) => `${siteId}\0`;

async function placeInTransaction(
  db: Database,
  pass: Pass | null,
  site: EngineSite & { confirmation: SiteConfig['confirmation'] },
  input: BookInput,
  now: number,
  random: () => number,
  newCode: () => string,
): Promise<Placed & { replayed: boolean }> {
  return db.transaction(async (tx) => {
    const made = await madeWithKey(tx, site.id, input.idempotencyKey);
    // Booked already under this key (the first attempt's answer was lost): that booking is the answer.
    if (made) return { appointmentId: made, row: null, code: null, replayed: true };
    const service = await externalService(tx, site.id, input.service);
    const place =
      site.calendar === 'slots'
        ? await placeOnSlot(tx, pass, site, service, input, now)
        : await placeInOpenHours(tx, pass, site, service, input, now, random);
    const appointmentId = randomBytes(12).toString('base64url');
    const status = site.confirmation === 'code' ? 'pending_code' : site.confirmation === 'approval' ? 'pending_approval' : 'confirmed';
    const expiresAt = status === 'pending_code' ? new Date(now + codeLifetimeMinutes * 60_000) : null;
    const c = input.customer;
    // The customer kept and the appointment written in one statement: one round trip less while the lock is held.
    // Customers are one per first name + cell on a site. Anyone can type someone's first name and number, so a later
    // booking never changes the customer's details: it keeps its own (the appointment's last_name, email, id_number).
    // The no-op update makes RETURNING give the existing row. The appointment comes back with its names, as
    // loadAppointment reads it (a statement's own writes are seen only through RETURNING): one statement less again.
    const [row] = await tx.query<AppointmentRow>(
      `WITH customer AS (
         INSERT INTO customers (site_id, first_name, last_name, cell, email, id_number) VALUES ($2, $20, $16, $21, $17, $18)
         ON CONFLICT (site_id, first_name, cell) DO UPDATE SET first_name = customers.first_name
         RETURNING id, first_name, cell
       ), appointment AS (
         INSERT INTO appointments (id, site_id, service_id, staff_id, slot_id, branch_id, from_at, to_at, participants, status,
                                   customer_id, lang, notes, expires_at, created_at, idempotency_key, last_name, email, id_number, attribution)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, customer.id, $11, $12, $13, $14, $15, $16, $17, $18, $19 FROM customer
         RETURNING *
       )
       SELECT ${appointmentColumns} ${appointmentJoins('appointment', 'customer')}`,
      [
        appointmentId,
        site.id,
        service.id,
        place.staffId,
        place.slotId,
        place.branchId,
        new Date(place.start),
        new Date(place.end),
        input.participants,
        status,
        input.lang,
        c.notes?.trim() || null,
        expiresAt,
        new Date(now),
        input.idempotencyKey,
        c.lastName.trim(),
        c.email?.trim() || null,
        c.idNumber?.trim() || null,
        input.attribution && Object.keys(input.attribution).length > 0 ? JSON.stringify(input.attribution) : null,
        c.firstName.trim(),
        c.cell.trim(),
      ],
    );
    if (!row) throw new Error(`The appointment ${appointmentId} was written but not returned.`);
    pass?.placed();
    const code = status === 'pending_code' ? await issueCode(tx, appointmentId, now, newCode) : null;
    return { appointmentId, row, code, replayed: false };
  });
}

/** The appointment booked under this Idempotency-Key, if any (the key is stored with it). */
export async function madeWithKey(db: Queryable, siteId: string, idempotencyKey: string): Promise<string | null> {
  const [made] = await db.query<{ id: string }>('SELECT id FROM appointments WHERE site_id = $1 AND idempotency_key = $2', [siteId, idempotencyKey]);
  return made?.id ?? null;
}

async function placeOnSlot(
  tx: Queryable,
  pass: Pass | null,
  site: EngineSite,
  service: ServiceRow,
  input: BookInput,
  now: number,
): Promise<Placement> {
  const slotId = numericId(input.hold.slotId);
  if (slotId === null) throw taken();
  const [locked] = await tx.query<{ id: number }>('SELECT id FROM slots WHERE id = $1 AND site_id = $2 FOR UPDATE', [slotId, site.id]);
  if (!locked) throw taken();
  const [slot] = await tx.query<SlotRow & { service_id: number | null; cancelled: boolean }>(
    `SELECT ${slotLoadSql('$2')} FROM slots sl JOIN staff st ON st.id = sl.staff_id WHERE sl.id = $1`,
    [slotId, new Date(now)],
  );
  if (!slot || slot.cancelled) {
    pass?.read(0);
    throw taken();
  }
  const start = toMs(slot.from_at);
  const load = { maxmembers: slot.maxmembers, taken: Number(slot.taken), blocked: slot.blocked };
  const window = bookingWindow(service, now, site.timeZone);
  const fits =
    slot.vfib === String(input.hold.vfib) &&
    (slot.service_id === null || Number(slot.service_id) === service.id) &&
    parseInstant(input.start) === start &&
    canOffer({ ...load, start, ...window }, input.participants) &&
    (await providersOf(tx, site.id, service.id, String(slot.staff_id)).catch(() => [])).length > 0;
  // Read under the lock: what the gate may promise to the attempts still coming. An attempt that cannot place (a
  // family larger than the places left, a ref of the slot's old shape) holds none of them.
  pass?.read(canOffer({ ...load, start, ...window }, 1) ? placesLeft(load) : 0, fits);
  if (!fits) throw taken();
  return { staffId: Number(slot.staff_id), branchId: slot.branch_id === null ? null : Number(slot.branch_id), slotId, start, end: toMs(slot.to_at) };
}

async function placeInOpenHours(
  tx: Queryable,
  pass: Pass | null,
  site: EngineSite,
  service: ServiceRow,
  input: BookInput,
  now: number,
  random: () => number,
): Promise<Placement> {
  const staffId = numericId(input.hold.staffId);
  const start = parseInstant(input.start);
  if (staffId === null || Number.isNaN(start)) throw taken();
  const [locked] = await tx.query<{ id: number }>('SELECT id FROM staff WHERE id = $1 AND site_id = $2 FOR UPDATE', [staffId, site.id]);
  if (!locked) throw taken();
  const held = await freeAt(tx, site, service, input, staffId, start, now, random);
  // One staff member at one time takes one booking; for "any staff" only "nobody is free" is worth remembering.
  if (input.staff != null) pass?.read(held ? 1 : 0, held !== null);
  else if (held) pass?.read(null);
  if (held) return held;
  // "Any staff": someone else free at that time will do. Rows other bookings hold are skipped, never waited
  // for, so two bookings swapping staff cannot deadlock.
  if (input.staff != null) throw taken();
  const others = (await providersOf(tx, site.id, service.id, null)).map((s) => s.id).filter((id) => id !== staffId);
  const lockedOthers = await tx.query<{ id: number }>('SELECT id FROM staff WHERE id = ANY($1::integer[]) ORDER BY id FOR UPDATE SKIP LOCKED', [
    others,
  ]);
  // Skipped rows are staff other bookings hold now; they may yet be free, so "nobody is free" is not known.
  const sawEveryone = lockedOthers.length === others.length;
  const candidates = lockedOthers.map((r) => Number(r.id));
  while (candidates.length > 0) {
    const [pick] = candidates.splice(Math.min(candidates.length - 1, Math.floor(random() * candidates.length)), 1);
    const placed = await freeAt(tx, site, service, input, pick!, start, now, random);
    if (placed) {
      pass?.read(null);
      return placed;
    }
  }
  pass?.read(sawEveryone ? 0 : null);
  throw taken();
}

/** The placement when this staff member is free at start by every open-calendar rule, else null. */
async function freeAt(
  tx: Queryable,
  site: EngineSite,
  service: ServiceRow,
  input: BookInput,
  staffId: number,
  start: number,
  now: number,
  random: () => number,
): Promise<Placement | null> {
  const date = zonedDate(site.timeZone, start);
  const branch = input.hold.branchId == null ? input.branch : String(input.hold.branchId);
  // The same rules that offered the time decide, now against what is committed.
  const query = { service: input.service, staff: String(staffId), branch, participants: input.participants, from: date, to: date };
  // The service as this transaction read it; who performs it, their hours and what is booked are read here.
  const fixed: FixedData = { ...freshFixedData(tx), service: () => Promise.resolve(service) };
  const times = await findTimes(tx, site, query, now, random, fixed).catch((error: unknown) => {
    if (error instanceof ApiFailure && error.code === 'invalid_field') return [];
    throw error;
  });
  const time = times.find((t) => t.start === start);
  return time ? { staffId, branchId: time.branchId, slotId: null, start, end: time.end } : null;
}

import { newVfib, type FakeAppointment, type FakeService, type FakeSite, type FakeSlot } from './seed.ts';

/** A `status: 0` answer with the platform's message. */
export class Refusal extends Error {}

export type Params = Record<string, string>;

/** The site's wall clock as the fake sees it. */
export interface LocalNow {
  /** `YYYYMMDDhhmm` */
  dateTime: string;
}

// Wall-clock arithmetic: a local `YYYYMMDDhhmm` read as if it were UTC, in minutes.
export function minutesOf(value: string): number {
  const [y, m, d, h, mi] = [value.slice(0, 4), value.slice(4, 6), value.slice(6, 8), value.slice(8, 10) || '0', value.slice(10, 12) || '0'].map(
    Number,
  ) as [number, number, number, number, number];
  return Date.UTC(y, m - 1, d, h, mi) / 60_000;
}
const pad = (n: number) => String(n).padStart(2, '0');
export function dateTimeOf(minutes: number): string {
  const d = new Date(minutes * 60_000);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;
}

export function isRealDate(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  return dateTimeOf(minutesOf(value)).slice(0, 8) === value;
}
function isRealDateTime(value: string): boolean {
  return /^\d{12}$/.test(value) && dateTimeOf(minutesOf(value)) === value;
}

export function required(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw new Refusal(`Missing field: ${name}`);
  return value;
}
export function numeric(params: Params, name: string, options: { required: boolean }): string | undefined {
  const value = options.required ? required(params, name) : params[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new Refusal(`Invalid ${name}: must be numeric`);
  return value;
}
export function only(params: Params, allowed: string[]): void {
  const extra = /^(ax([1-9]|1\d|20)|cx([1-9]|10))$/;
  for (const name of Object.keys(params)) {
    if (!allowed.includes(name) && !extra.test(name)) throw new Refusal(`Unknown parameter: ${name}`);
  }
}

export const live = <T extends { status: string }>(items: T[]) => items.filter((i) => i.status === '1');

function findService(site: FakeSite, id: string): FakeService {
  const service = live(site.services).find((s) => s.id === id);
  if (!service) throw new Refusal('Unknown service');
  return service;
}
function linked(site: FakeSite, staff: string, service: string): boolean {
  return site.staffservice.some((l) => l.staff === staff && l.service === service);
}
export function takenPlaces(site: FakeSite, slot: FakeSlot): number {
  const onSlot = live(site.appointments).filter((a) => a.slotid === slot.id);
  if (onSlot.some((a) => a.islozamin)) return slot.maxmembers;
  return onSlot.reduce((sum, a) => sum + a.participants, 0);
}
function overlaps(site: FakeSite, staff: string, from: number, to: number): boolean {
  return live(site.appointments).some((a) => a.staff === staff && minutesOf(a.from) < to && from < minutesOf(a.to));
}

interface Choice {
  service: FakeService;
  staff: string | undefined;
  branch: string | undefined;
  participants: number;
}

/** Slots a customer may book: live, linked, matching service, enough places, inside the create window. */
function openSlots(site: FakeSite, choice: Choice, now: LocalNow, from: string, to: string): FakeSlot[] {
  const earliest = minutesOf(now.dateTime) + choice.service.minCreatePeriod;
  const latest = minutesOf(now.dateTime.slice(0, 8)) + (choice.service.maxCreatePeriod + 1) * 1440;
  return live(site.slots)
    .filter((slot) => slot.from.slice(0, 8) >= from && slot.from.slice(0, 8) <= to)
    .filter((slot) => !choice.staff || slot.staff === choice.staff)
    .filter((slot) => staffInBranch(site, slot.staff, choice.branch))
    .filter((slot) => live(site.staff).some((s) => s.id === slot.staff && s.showorder > 0))
    .filter((slot) => linked(site, slot.staff, choice.service.id))
    .filter((slot) => slot.services === '0' || slot.services === choice.service.id)
    .filter((slot) => slot.maxmembers - takenPlaces(site, slot) >= choice.participants)
    .filter((slot) => minutesOf(slot.from) >= earliest && minutesOf(slot.from) < latest)
    .sort((a, b) => a.from.localeCompare(b.from));
}

function staffInBranch(site: FakeSite, staff: string, branch: string | undefined): boolean {
  if (!branch) return true;
  const member = site.staff.find((s) => s.id === staff);
  return member?.branch === branch || member?.branch === '0';
}

/** Open calendars: every 30 minutes where the service fits; one free staff member drawn at random per time. */
function openTimes(site: FakeSite, choice: Choice, now: LocalNow, from: string, to: string): Array<{ staff: string; date: string }> {
  const earliest = minutesOf(now.dateTime) + choice.service.minCreatePeriod;
  const latest = minutesOf(now.dateTime.slice(0, 8)) + (choice.service.maxCreatePeriod + 1) * 1440;
  const candidates = live(site.staff).filter(
    (s) =>
      s.showorder > 0 &&
      (!choice.staff || s.id === choice.staff) &&
      staffInBranch(site, s.id, choice.branch) &&
      linked(site, s.id, choice.service.id),
  );
  const times: Array<{ staff: string; date: string }> = [];
  for (let day = minutesOf(from); day <= minutesOf(to); day += 1440) {
    const hours = site.hours[new Date(day * 60_000).getUTCDay()];
    if (!hours) continue;
    for (let start = day + hours.open; start + choice.service.duration <= day + hours.close; start += 30) {
      if (start < earliest || start >= latest) continue;
      const free = candidates.filter((s) => !overlaps(site, s.id, start, start + choice.service.duration));
      const chosen = free[Math.floor(Math.random() * free.length)];
      if (chosen) times.push({ staff: chosen.id, date: dateTimeOf(start) });
    }
  }
  return times;
}

export function availability(site: FakeSite, params: Params, now: LocalNow): object {
  only(params, ['from', 'to', 'service', 'staff', 'branch', 'participants', 'dateonly', 'internal']);
  const from = required(params, 'from');
  const to = required(params, 'to');
  if (!isRealDate(from)) throw new Refusal('Wrong date format: from must be YYYYMMDD');
  if (!isRealDate(to)) throw new Refusal('Wrong date format: to must be YYYYMMDD');
  if (to < from) throw new Refusal('to is before from');
  const maxDays = site.usetimeslots ? 60 : 31;
  if ((minutesOf(to) - minutesOf(from)) / 1440 + 1 > maxDays) throw new Refusal(`Date range is limited to ${maxDays} days`);
  const service = findService(site, numeric(params, 'service', { required: true })!);
  if (!service.canExt && params['internal'] !== '1') throw new Refusal('Service is not available for external booking');
  const staff = numeric(params, 'staff', { required: false });
  if (staff && !site.staff.some((s) => s.id === staff)) throw new Refusal('Unknown staff');
  const branch = numeric(params, 'branch', { required: false });
  if (branch && !site.branches.some((b) => b.id === branch)) throw new Refusal('Unknown branch');
  const participants = Number(numeric(params, 'participants', { required: false }) ?? '1');
  if (participants < 1) throw new Refusal('Invalid participants');
  const dateonly = params['dateonly'] ?? '0';
  if (dateonly !== '0' && dateonly !== '1') throw new Refusal('Invalid dateonly');
  const choice = { service, staff, branch, participants };

  if (site.usetimeslots) {
    const slots = openSlots(site, choice, now, from, to);
    if (dateonly === '1') return { status: 1, dates: [...new Set(slots.map((s) => s.from.slice(0, 8)))] };
    return { status: 1, slots: slots.map((s) => ({ id: s.id, vfib: s.vfib, from: s.from, to: s.to, staff: s.staff })) };
  }
  const times = openTimes(site, choice, now, from, to);
  if (dateonly === '1') return { status: 1, dates: [...new Set(times.map((t) => t.date.slice(0, 8)))] };
  return { status: 1, duration: service.duration, openhours: times };
}

const customerFields = ['tz', 'first', 'last', 'email', 'cell', 'street', 'city'];

export function addAppointment(site: FakeSite, params: Params, now: LocalNow): object {
  only(params, [
    'slotid',
    'vfib',
    'from',
    'to',
    'staff',
    'service',
    'islozamin',
    'participants',
    'color',
    'notes',
    'zoom',
    'sendnotice',
    ...customerFields,
  ]);
  const staffId = numeric(params, 'staff', { required: true })!;
  const service = findService(site, numeric(params, 'service', { required: true })!);
  const staff = live(site.staff).find((s) => s.id === staffId);
  if (!staff) throw new Refusal('Unknown staff');
  if (!linked(site, staffId, service.id)) throw new Refusal('Staff is not linked to this service');
  const first = required(params, 'first');
  const last = required(params, 'last');
  const cell = required(params, 'cell');
  if (!/^05\d{8}$/.test(cell)) throw new Refusal('Invalid cell: 10 digits starting with 05');
  const email = params['email'] ?? '';
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Refusal('Invalid email');
  const tz = params['tz'] ?? '';
  if (tz && !/^\d{5,9}$/.test(tz)) throw new Refusal('Invalid tz');
  const participants = Number(numeric(params, 'participants', { required: false }) ?? '1');
  if (participants < 1) throw new Refusal('Invalid participants');

  let slotid = '';
  let from: string;
  let to: string;
  if (site.usetimeslots) {
    slotid = numeric(params, 'slotid', { required: true })!;
    const vfib = required(params, 'vfib');
    const slot = live(site.slots).find((s) => s.id === slotid);
    if (!slot) throw new Refusal('Unknown slot');
    if (slot.vfib !== vfib) throw new Refusal('Wrong vfib');
    if (slot.staff !== staffId) throw new Refusal('Slot does not belong to this staff');
    if (slot.services !== '0' && slot.services !== service.id) throw new Refusal('Service does not match the slot');
    if (minutesOf(slot.from) <= minutesOf(now.dateTime)) throw new Refusal('Slot is in the past');
    if (slot.maxmembers - takenPlaces(site, slot) < participants) throw new Refusal('Slot is full');
    ({ from, to } = slot);
  } else {
    from = required(params, 'from');
    to = required(params, 'to');
    if (!isRealDateTime(from)) throw new Refusal('Wrong date format: from must be YYYYMMDDhhmm');
    if (!isRealDateTime(to)) throw new Refusal('Wrong date format: to must be YYYYMMDDhhmm');
    const start = minutesOf(from);
    const end = minutesOf(to);
    if (end <= start || end - start > service.duration) throw new Refusal('Wrong appointment length');
    if (start <= minutesOf(now.dateTime)) throw new Refusal('Time is in the past');
    const day = minutesOf(from.slice(0, 8));
    const hours = site.hours[new Date(day * 60_000).getUTCDay()];
    if (!hours || start < day + hours.open || end > day + hours.close) throw new Refusal('Time is outside working hours');
    if (overlaps(site, staffId, start, end)) throw new Refusal('Time is not available');
  }

  let customer = site.customers.find((c) => c.first === first && c.cell === cell);
  if (!customer) {
    customer = { id: String(3_000_000 + site.customers.length + 1), first, last, cell, email, tz };
    site.customers.push(customer);
  }
  const extra: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) if (/^(ax|cx)\d+$/.test(name)) extra[name] = value;
  const appointment: FakeAppointment = {
    id: String(4_000_000 + site.appointments.length + 1),
    vfib: newVfib(),
    status: '1',
    slotid,
    from,
    to,
    staff: staffId,
    service: service.id,
    customerId: customer.id,
    participants,
    notes: params['notes'] ?? '',
    islozamin: params['islozamin'] === '1',
    iscoming: 0,
    sendnotice: params['sendnotice'] === '1',
    extra,
  };
  site.appointments.push(appointment);
  recordHistory(site, appointment, 1, now);
  return { status: 1, appt: [appointmentView(site, appointment)] };
}

/** The apptinfo / addappt shape of the document (no participants, no iscoming: the document shows none). */
function appointmentView(site: FakeSite, a: FakeAppointment): object {
  const staff = site.staff.find((s) => s.id === a.staff);
  const service = site.services.find((s) => s.id === a.service);
  const customer = site.customers.find((c) => c.id === a.customerId);
  const ax = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`ax${i + 1}`, a.extra[`ax${i + 1}`] ?? '']));
  const cx = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`cx${i + 1}`, a.extra[`cx${i + 1}`] ?? '']));
  return {
    id: a.id,
    slotid: a.slotid,
    created: '20200131101000',
    cancelled: '',
    status: a.status,
    from: a.from,
    to: a.to,
    staff: a.staff,
    staffname: staff ? `${staff.first} ${staff.last}` : '',
    service: a.service,
    servicename: service?.name ?? '',
    ...ax,
    customertz: customer?.tz ?? '',
    customerid: a.customerId,
    customerfirst: customer?.first ?? '',
    customerlast: customer?.last ?? '',
    customeremail: customer?.email ?? '',
    customercell: customer?.cell ?? '',
    ...cx,
    vfib: a.vfib,
  };
}

function findAppointment(site: FakeSite, params: Params): FakeAppointment {
  const id = numeric(params, 'apptid', { required: true })!;
  const appointment = site.appointments.find((a) => a.id === id && !a.islozamin);
  if (!appointment) throw new Refusal('Appointment not found');
  return appointment;
}
function checkVfib(appointment: FakeAppointment, params: Params): void {
  if (required(params, 'vfib') !== appointment.vfib) throw new Refusal('Wrong vfib');
}

export function appointmentInfo(site: FakeSite, params: Params): object {
  only(params, ['apptid']);
  return { status: 1, appt: [appointmentView(site, findAppointment(site, params))] };
}

export function deleteAppointment(site: FakeSite, params: Params, now: LocalNow): object {
  only(params, ['apptid', 'vfib', 'sendnotice']);
  const appointment = findAppointment(site, params);
  checkVfib(appointment, params);
  if (appointment.status !== '1') throw new Refusal('Appointment already cancelled');
  appointment.status = '0';
  recordHistory(site, appointment, 3, now);
  return { status: 1 };
}

export function setIscoming(site: FakeSite, params: Params, now: LocalNow): object {
  only(params, ['apptid', 'vfib', 'iscoming']);
  const appointment = findAppointment(site, params);
  checkVfib(appointment, params);
  const answer = required(params, 'iscoming');
  if (!/^[012]$/.test(answer)) throw new Refusal('Invalid iscoming: 0, 1 or 2');
  if (appointment.status !== '1') throw new Refusal('Appointment is cancelled');
  appointment.iscoming = Number(answer) as 0 | 1 | 2;
  recordHistory(site, appointment, 2, now);
  return { status: '1' };
}

/** Each change's snapshot, newest first, as appthistory answers it: the only answer with iscoming and participants. */
const histories = new WeakMap<FakeAppointment, object[]>();
let nextHistoryId = 20_265_000;

/** `YYYYMMDDhhmm` as the history writes dates: `11/28/2023 4:55:24 PM`. */
function historyDate(value: string): string {
  const hour = Number(value.slice(8, 10));
  const clock = `${hour % 12 || 12}:${value.slice(10, 12)}:00 ${hour < 12 ? 'AM' : 'PM'}`;
  return `${Number(value.slice(4, 6))}/${Number(value.slice(6, 8))}/${value.slice(0, 4)} ${clock}`;
}

function recordHistory(site: FakeSite, a: FakeAppointment, updateaction: 1 | 2 | 3, now: LocalNow): void {
  const staff = site.staff.find((s) => s.id === a.staff);
  const service = site.services.find((s) => s.id === a.service);
  const customer = site.customers.find((c) => c.id === a.customerId);
  const when = historyDate(now.dateTime);
  nextHistoryId += 1;
  const entry = {
    id: String(nextHistoryId),
    recordupdatedate: when,
    updateaction: String(updateaction),
    updatedby: '12345',
    updateip: '127.0.0.1',
    apptid: a.id,
    siteapptid: '',
    status: a.status,
    From_date: historyDate(a.from),
    to_date: historyDate(a.to),
    customerid: a.customerId,
    tz: customer?.tz ?? '',
    custname: customer ? `${customer.first} ${customer.last}` : '',
    custemail: customer?.email ?? '',
    custcell: customer?.cell ?? '',
    serviceid: a.service,
    staffid: a.staff,
    createdate: histories.get(a) ? '' : when,
    canceldate: a.status === '0' ? when : '',
    Mt_notes: a.notes,
    created_by: '12345',
    servicename: service?.name ?? '',
    staffname: staff ? `${staff.first} ${staff.last}` : '',
    updatedbyname: '',
    showstatus: '0',
    color: '2',
    recurid: '',
    lastupdateby: '0',
    invoiceid: '',
    iscoming: String(a.iscoming),
    iscoming_updated: updateaction === 2 ? when : '',
    slotid: a.slotid,
    participants: String(a.participants),
    tmp_expire_date: '',
  };
  histories.set(a, [entry, ...(histories.get(a) ?? [])]);
}

export function appointmentHistory(site: FakeSite, params: Params): object {
  only(params, ['apptid']);
  const appointment = findAppointment(site, params);
  return { status: 1, history: histories.get(appointment) ?? [] };
}

import { randomInt } from 'node:crypto';
import { addDays, weekday } from '../../../src/contract/plain-date.ts';
import { zonedDate, zonedInstant } from '../../../src/server/zoned.ts';
import type { FakeAccount, FakeAppointment, FakeType } from './seed.ts';

/** A `<Status>failed</Status>` answer with the platform's (Dutch) message. */
export class Refusal extends Error {}

export const timeZone = 'Europe/Amsterdam';

/** The call's parameters; names are read case-insensitively, as the live server seems to. */
export class Params {
  readonly #values = new Map<string, string>();
  constructor(entries: Iterable<[string, string]>) {
    for (const [name, value] of entries) this.#values.set(name.toLowerCase(), value);
  }
  get(name: string): string | undefined {
    const value = this.#values.get(name.toLowerCase());
    return value === '' ? undefined : value;
  }
  required(name: string): string {
    const value = this.get(name);
    if (value === undefined) throw new Refusal(`Verplicht veld ontbreekt: ${name}`);
    return value;
  }
  id(name: string, options: { required: boolean }): string | undefined {
    const value = options.required ? this.required(name) : this.get(name);
    if (value !== undefined && !/^\d+$/.test(value)) throw new Refusal(`Ongeldige waarde voor ${name}`);
    return value;
  }
  date(name: string, options: { required: boolean }): string | undefined {
    const value = options.required ? this.required(name) : this.get(name);
    if (value !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(value) || addDays(value, 0) !== value)) throw new Refusal(`Ongeldige datum voor ${name}`);
    return value;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
export const clockOf = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
export const minuteOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
/** `yyyy-mm-dd hh:mm:ss` of the server's local time. */
export function wallNow(now: Date): string {
  const day = zonedDate(timeZone, now.getTime());
  const midnight = zonedInstant(timeZone, day, 0)!;
  const minutes = Math.floor((now.getTime() - midnight) / 60_000);
  return `${day} ${clockOf(minutes)}:${pad(now.getUTCSeconds())}`;
}

export function agendaOf(account: FakeAccount, params: Params, name = 'AgendaId'): string {
  const id = params.id(name, { required: true })!;
  if (!account.agendas.some((a) => a.Id === id)) throw new Refusal('Agenda niet gevonden.');
  return id;
}

export function bookableType(account: FakeAccount, id: string): FakeType {
  const type = account.types.find((t) => t.Id === id && t.Status === '1' && t.CanBeBookedByConsumer === '1');
  if (!type) throw new Refusal('Afspraaktype niet gevonden of niet boekbaar.');
  return type;
}

const live = (a: FakeAppointment) => a.Status === '1' && a.Label !== '4';

export interface Opening {
  date: string;
  startMinute: number;
  resource: string;
}

/** Times a customer may book for a type on a date: opening hours, notice and advance limits, capacity and booked times. */
export function openings(account: FakeAccount, agendaId: string, type: FakeType, date: string, now: Date, resource?: string): Opening[] {
  const hours = account.hours[weekday(date)];
  if (!hours) return [];
  const earliest = now.getTime() + type.MinTimeBeforeAppointment * 60_000;
  const latest = type.MaxTimeBeforeAppointment > 0 ? now.getTime() + type.MaxTimeBeforeAppointment * 60_000 : Number.POSITIVE_INFINITY;
  const enabled = account.resources.filter((r) => r.Status === '1' && type.ResourceId.includes(r.Id)).map((r) => r.Id);
  const resources = type.SchedulingType === 'capacity' ? ['0'] : resource ? enabled.filter((r) => r === resource) : enabled;
  const booked = account.appointments.filter((a) => live(a) && a.AgendaId === agendaId && a.date === date);
  const out: Opening[] = [];
  for (const res of resources) {
    for (let start = hours[0]; start + type.Duration + type.Buffer <= hours[1]; start += 30) {
      const instant = zonedInstant(timeZone, date, start);
      if (instant === null || instant < earliest || instant > latest) continue;
      const end = start + type.Duration + type.Buffer;
      const free =
        type.SchedulingType === 'capacity'
          ? booked.filter((a) => a.AppointmentTypeId === type.Id && a.startMinute === start).length < type.Capacity
          : !booked.some((a) => a.ResourceId === res && a.startMinute < end && start < a.blockedUntilMinute);
      if (free) out.push({ date, startMinute: start, resource: res });
    }
  }
  return out;
}

/** Date + time strictly as the API wants them: `yyyy-mm-dd` and `hh:mm`. */
export function timeParam(params: Params): number {
  const value = params.required('StartTime');
  if (!/^\d{2}:\d{2}$/.test(value) || minuteOf(value) >= 1440) throw new Refusal('Ongeldige starttijd.');
  return minuteOf(value);
}

export function newAppointment(
  account: FakeAccount,
  fields: {
    agendaId: string;
    type: FakeType;
    customerId: string;
    opening: Opening;
    description: string;
    extra: Record<string, string>;
    now: Date;
  },
): FakeAppointment {
  const id = String(90_000 + account.appointments.length + 1 + (account.key.length % 7) * 10_000);
  const pending = account.requiresConfirmation;
  const appt: FakeAppointment = {
    Id: id,
    AgendaId: fields.agendaId,
    AppointmentTypeId: fields.type.Id,
    CustomerId: fields.customerId,
    date: fields.opening.date,
    start: clockOf(fields.opening.startMinute),
    startMinute: fields.opening.startMinute,
    endMinute: fields.opening.startMinute + fields.type.Duration,
    blockedUntilMinute: fields.opening.startMinute + fields.type.Duration + fields.type.Buffer,
    ResourceId: fields.opening.resource,
    Description: fields.description,
    Status: '1',
    Label: pending ? '1' : '2',
    code: pending ? String(randomInt(100_000, 1_000_000)) : null,
    extra: fields.extra,
    createdAt: wallNow(fields.now),
  };
  account.appointments.push(appt);
  return appt;
}

/** The appointment as getAppointment(s) shows it, with live answers' quirks: Assigned* times and custom-field elements. */
export function appointmentXml(account: FakeAccount, a: FakeAppointment): Record<string, unknown> {
  const type = account.types.find((t) => t.Id === a.AppointmentTypeId);
  const customer = account.customers.find((c) => c.Id === a.CustomerId);
  const cancelled = a.Status === '2';
  const at = (minute: number) => `${minute >= 1440 ? addDays(a.date, 1) : a.date} ${clockOf(minute % 1440)}:00`;
  return {
    Id: a.Id,
    Name: cancelled ? '' : (type?.Name ?? ''),
    Description: a.Description,
    AgendaId: a.AgendaId,
    StartTime: at(a.startMinute),
    FinishTime: at(a.endMinute),
    BlockedTime: at(a.blockedUntilMinute),
    Capacity: '1',
    // A cancelled appointment can come back with its type and customer blank, as live ones do.
    AppointmentTypeId: a.AppointmentTypeId,
    CustomerId: cancelled ? '' : a.CustomerId,
    CustomerName: cancelled || !customer ? '' : `${customer.FirstName} ${customer.LastName}`,
    Status: a.Status,
    Label: a.Label,
    Resources: a.ResourceId === '0' ? '' : { ResourceId: a.ResourceId, AssignedStartTime: at(a.startMinute), AssignedFinishTime: at(a.endMinute) },
    CreateTime: a.createdAt,
    UpdateTime: a.createdAt,
    ...a.extra,
  };
}

export function findAppointment(account: FakeAccount, params: Params, name = 'Id'): FakeAppointment {
  const id = params.id(name, { required: true })!;
  const appt = account.appointments.find((a) => a.Id === id);
  if (!appt) throw new Refusal('Afspraak niet gevonden.');
  return appt;
}

export function cancelDeadlinePassed(account: FakeAccount, a: FakeAppointment, now: Date): boolean {
  const type = account.types.find((t) => t.Id === a.AppointmentTypeId);
  const start = zonedInstant(timeZone, a.date, a.startMinute) ?? 0;
  return now.getTime() > start - (type?.cancelMinutes ?? 0) * 60_000;
}

export function isLive(a: FakeAppointment): boolean {
  return live(a);
}

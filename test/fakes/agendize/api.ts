import { randomBytes } from 'node:crypto';
import type { FakeAppointment, FakeClient, FakeCompany, FakeService, NativeStatus } from './seed.ts';
import { instantOf, isDate, isZone, nextDate, wallOf, weekday } from './wall.ts';

/** An Agendize refusal: `{"error": {code, reason, message}}`, sent with `httpStatus` (some come with a 200). */
export class Refusal extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly httpStatus: number = code,
  ) {
    super(message);
  }
}

export const natives: NativeStatus[] = ['completed', 'noShow', 'accepted', 'pending', 'declined', 'cancelled', 'inProgress'];
const live = (a: FakeAppointment) => !a.deleted && a.status !== 'cancelled' && a.status !== 'declined';
const wallPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** What the Java library does to non-ASCII text: `&#NNN;`. The adapter must decode it. */
export function entities(value: string): string {
  return [...value].map((ch) => (ch.codePointAt(0)! > 127 ? `&#${ch.codePointAt(0)};` : ch)).join('');
}

export interface State {
  company: FakeCompany;
  appointments: FakeAppointment[];
  clients: FakeClient[];
  now: () => number;
}

/** Starts of the free times of one staff member for a service on one date (epoch ms). */
function freeStarts(state: State, service: FakeService, staffId: string, date: string): number[] {
  const { company } = state;
  const now = state.now();
  const starts: number[] = [];
  const step = service.duration + service.bufferDuration;
  for (const [open, close] of company.hours[weekday(date)] ?? []) {
    for (let minute = open; minute + service.duration <= close; minute += step) {
      const wall = `${date}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`;
      const start = instantOf(wall, company.timeZone);
      if (start === null) continue;
      if (start < now + service.minAppointmentDate * 60_000 || start > now + service.maxAppointmentDate * 60_000) continue;
      if (isFree(state, service, staffId, start)) starts.push(start);
    }
  }
  return starts;
}

/** Free when nobody is booked over it, or only others on this very time of this service, fewer than its capacity. */
function isFree(state: State, service: FakeService, staffId: string, start: number): boolean {
  const end = start + (service.duration + service.bufferDuration) * 60_000;
  const overlapping = state.appointments.filter((a) => live(a) && a.staff === staffId && a.start < end && start < a.end + bufferOf(state, a));
  if (overlapping.length === 0) return true;
  return overlapping.every((a) => a.service === service.id && a.start === start) && overlapping.length < service.capacity;
}

function bufferOf(state: State, a: FakeAppointment): number {
  return (state.company.services.find((s) => s.id === a.service)?.bufferDuration ?? 0) * 60_000;
}

function serviceOf(state: State, id: string | undefined): FakeService {
  const service = state.company.services.find((s) => s.id === id);
  if (!service) throw new Refusal(404, 'notFound', `Service not found: ${id ?? ''}`);
  return service;
}

function only(query: URLSearchParams, allowed: string[], httpStatus = 400): void {
  for (const name of query.keys()) {
    if (!allowed.includes(name) && name !== 'apiKey' && name !== 'token')
      throw new Refusal(400, 'invalidParameter', `Unknown parameter: ${name}`, httpStatus);
  }
}

/** GET .../widget/freeSlots. Its refusals come with HTTP 200, as the vendor's Node module expects of some calls. */
export function freeSlots(state: State, query: URLSearchParams): object {
  const bad = (message: string) => new Refusal(400, 'invalidParameter', message, 200);
  only(query, ['startDate', 'endDate', 'serviceId', 'staffId', 'resourceCount', 'timeZone'], 200);
  const startDate = query.get('startDate') ?? '';
  const endDate = query.get('endDate') ?? '';
  if (!isDate(startDate)) throw bad('startDate is required (yyyy-MM-dd)');
  if (!isDate(endDate)) throw bad('endDate is required (yyyy-MM-dd)');
  if (endDate < startDate) throw bad('endDate is before startDate');
  if ((Date.parse(endDate) - Date.parse(startDate)) / 86_400_000 > 31) throw bad('The period is limited to 31 days');
  if (!query.get('serviceId')) throw bad('serviceId is required');
  const service = serviceOf(state, query.get('serviceId')!);
  if (!service.visible) throw bad('This service cannot be booked online');
  const staffId = query.get('staffId');
  if (staffId !== null && !service.staff.includes(staffId)) throw bad(`Staff ${staffId} does not perform service ${service.id}`);
  const zone = query.get('timeZone') ?? state.company.timeZone;
  if (!isZone(zone)) throw bad(`Unknown timeZone: ${zone}`);
  const resourceCount = query.get('resourceCount');
  if (resourceCount !== null && !/^[1-9]\d*$/.test(resourceCount)) throw bad('resourceCount must be a positive number');

  const items: object[] = [];
  for (let date = startDate; date <= endDate; date = nextDate(date)) {
    const starts = new Set<number>();
    for (const member of staffId ? [staffId] : service.staff) for (const s of freeStarts(state, service, member, date)) starts.add(s);
    items.push({ day: date, slots: [...starts].sort((a, b) => a - b).map((s) => wallOf(s, zone)), timeZone: zone });
  }
  const member = staffId ? state.company.staff.find((s) => s.id === staffId) : undefined;
  return {
    items,
    service: { id: service.id, name: entities(service.name) },
    ...(member ? { staff: { id: member.id, firstName: entities(member.firstName), lastName: entities(member.lastName) } } : {}),
  };
}

function zonedField(body: Record<string, unknown>, name: 'start' | 'end', fallbackZone: string): { ms: number; zone: string } | null {
  const value = body[name];
  if (value === undefined) return null;
  if (typeof value !== 'object' || value === null) throw new Refusal(400, 'invalidParameter', `${name} must be an object`);
  const { dateTime, timeZone } = value as { dateTime?: unknown; timeZone?: unknown };
  if (typeof dateTime !== 'string' || !wallPattern.test(dateTime)) {
    throw new Refusal(400, 'invalidParameter', `${name}.dateTime must be a date-time without time zone information (yyyy-MM-ddTHH:mm:ss)`);
  }
  const zone = timeZone === undefined ? fallbackZone : timeZone;
  if (typeof zone !== 'string' || !isZone(zone)) throw new Refusal(400, 'invalidParameter', `Unknown ${name}.timeZone`);
  const ms = instantOf(dateTime, zone);
  if (ms === null) throw new Refusal(400, 'invalidParameter', `${name}.dateTime does not exist in ${zone}`);
  return { ms, zone };
}

function checkStatusFields(state: State, body: Record<string, unknown>): void {
  if (body['status'] !== undefined && body['customStatus'] !== undefined) {
    throw new Refusal(400, 'invalidParameter', '"status" and "customStatus" cannot be used in the same time');
  }
  if (body['status'] !== undefined && !natives.includes(body['status'] as NativeStatus)) throw new Refusal(400, 'invalidParameter', 'Unknown status');
  if (body['customStatus'] !== undefined) {
    const id = (body['customStatus'] as { id?: unknown } | null)?.id;
    if (!state.company.customStatuses.some((s) => s.id === id)) throw new Refusal(400, 'invalidParameter', 'Unknown custom status');
  }
}

const newId = () => String(4_000_000 + Math.floor(Math.random() * 5_000_000));
const newReference = () =>
  randomBytes(5)
    .toString('base64url')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '7')
    .slice(0, 6);

/** POST .../appointments */
export function insertAppointment(state: State, body: Record<string, unknown>, query: URLSearchParams): FakeAppointment {
  only(query, ['lang', 'force', 'personalAppointmentSync', 'silent']);
  const silent = query.get('silent');
  if (silent !== null && silent !== 'true' && silent !== 'false') throw new Refusal(400, 'invalidParameter', 'silent must be true or false');
  checkStatusFields(state, body);
  const service = serviceOf(state, (body['service'] as { id?: string } | undefined)?.id);
  if (!service.visible) throw new Refusal(400, 'invalidParameter', 'This service cannot be booked');
  const clientId = (body['client'] as { id?: unknown } | undefined)?.id;
  if (typeof clientId !== 'string') throw new Refusal(400, 'invalidParameter', 'client.id must be a string');
  if (!state.clients.some((c) => c.id === clientId)) throw new Refusal(404, 'notFound', 'Client not found');
  const start = zonedField(body, 'start', state.company.timeZone);
  if (!start) throw new Refusal(400, 'required', 'start is required');
  const end = zonedField(body, 'end', state.company.timeZone);
  if (end && end.ms !== start.ms + service.duration * 60_000) throw new Refusal(400, 'invalidParameter', 'end does not match the service duration');
  const notes = body['notes'];
  if (notes !== undefined && (typeof notes !== 'string' || notes.length > 65535)) throw new Refusal(400, 'invalidParameter', 'notes must be text');
  const form = ((body['form'] as { items?: Array<{ id?: unknown; value?: unknown }> } | undefined)?.items ?? []).map((i) => ({
    id: String(i.id),
    value: String(i.value ?? ''),
  }));
  for (const item of service.formItems) {
    if (item.mandatory && item.visible && !form.some((f) => f.id === item.id && f.value.trim() !== '')) {
      throw new Refusal(400, 'missingFormItem', `The form item "${item.title}" is mandatory`);
    }
  }

  const asked = (body['staff'] as { id?: unknown } | undefined)?.id;
  if (asked !== undefined && (typeof asked !== 'string' || !service.staff.includes(asked)))
    throw new Refusal(400, 'invalidParameter', 'This staff member does not perform this service');
  const wall = wallOf(start.ms, state.company.timeZone).slice(0, 10);
  const candidates = asked ? [asked as string] : service.staff;
  const staff = candidates.find((member) => freeStarts(state, service, member, wall).includes(start.ms));
  if (!staff) throw new Refusal(409, 'slotNotAvailable', 'Le créneau demandé n’est plus disponible');

  const now = state.now();
  const appointment: FakeAppointment = {
    id: newId(),
    reference: newReference(),
    companyId: state.company.id,
    service: service.id,
    staff,
    client: clientId,
    start: start.ms,
    end: start.ms + service.duration * 60_000,
    status: (body['status'] as NativeStatus | undefined) ?? 'accepted',
    customStatus: ((body['customStatus'] as { id?: string } | undefined)?.id as string | undefined) ?? null,
    notes: (notes as string | undefined) ?? '',
    form,
    silent: silent === 'true',
    extendedProperties: (body['extendedProperties'] as FakeAppointment['extendedProperties'] | undefined) ?? {},
    history: [{ text: 'created', at: now }],
    deleted: false,
    created: now,
  };
  state.appointments.push(appointment);
  return appointment;
}

export function findAppointment(state: State, idOrReference: string): FakeAppointment {
  const found = state.appointments.find((a) => !a.deleted && (a.id === idOrReference || a.reference === idOrReference));
  if (!found) throw new Refusal(404, 'notFound', 'Appointment not found');
  return found;
}

function checkCancellationDelay(state: State, a: FakeAppointment): void {
  const service = serviceOf(state, a.service);
  if (state.now() > a.start - service.maxCancellationDelay * 60_000) {
    throw new Refusal(400, 'cancellationDelayExceeded', 'The cancellation delay of this service has passed');
  }
}

/** PUT .../appointments/{id}: only what is sent changes. */
export function updateAppointment(state: State, a: FakeAppointment, body: Record<string, unknown>, query: URLSearchParams): FakeAppointment {
  only(query, ['lang', 'force', 'personalAppointmentSync', 'silent', 'calculateGeolocation']);
  checkStatusFields(state, body);
  const status = body['status'] as NativeStatus | undefined;
  if (status !== undefined && status !== a.status) {
    if (!state.company.allowsStatusUpdate) throw new Refusal(400, 'operationNotAllowed', 'Status changes are not allowed for this account');
    if (status === 'cancelled') checkCancellationDelay(state, a);
    a.status = status;
    a.customStatus = null;
    a.history.push({ text: status, at: state.now() });
  }
  if (body['customStatus'] !== undefined) {
    a.customStatus = (body['customStatus'] as { id: string }).id;
    a.history.push({ text: `customStatus ${a.customStatus}`, at: state.now() });
  }
  if (typeof body['notes'] === 'string') a.notes = body['notes'];
  return a;
}

export function deleteAppointment(state: State, a: FakeAppointment, query: URLSearchParams): void {
  only(query, ['silent']);
  checkCancellationDelay(state, a);
  a.deleted = true;
}

export function listAppointments(state: State, query: URLSearchParams): FakeAppointment[] {
  only(query, [
    'startDate',
    'endDate',
    'createdStartDate',
    'createdEndDate',
    'status',
    'clientId',
    'serviceId',
    'staffId',
    'resourceId',
    'q',
    'externalClientId',
    'syncToken',
    'fields',
    'personalAppointments',
    'showDeleted',
    'levelDetail',
  ]);
  const instant = (name: string, fallback: number) => {
    const value = query.get(name);
    if (value === null) return fallback;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value))
      throw new Refusal(400, 'invalidParameter', `${name} must be RFC 3339 with a time zone`);
    return Date.parse(value);
  };
  const month = 30 * 86_400_000;
  const from = instant('startDate', state.now() - month);
  const to = instant('endDate', state.now() + month);
  return state.appointments.filter(
    (a) =>
      (!a.deleted || query.get('showDeleted') === 'true') &&
      a.end > from &&
      a.start < to &&
      (query.get('clientId') === null || a.client === query.get('clientId')) &&
      (query.get('serviceId') === null || a.service === query.get('serviceId')) &&
      (query.get('staffId') === null || a.staff === query.get('staffId')) &&
      (query.get('status') === null || a.status === query.get('status')),
  );
}

/** The appointment resource as Agendize returns it (wall times with their zone, names escaped, ids as strings). */
export function appointmentResource(state: State, a: FakeAppointment, level: 'light' | 'full' = 'full'): object {
  const zone = state.company.timeZone;
  const service = serviceOf(state, a.service);
  const staff = state.company.staff.find((s) => s.id === a.staff)!;
  const client = state.clients.find((c) => c.id === a.client)!;
  const custom = a.customStatus ? state.company.customStatuses.find((s) => s.id === a.customStatus) : undefined;
  return {
    id: a.id,
    reference: a.reference,
    company: { id: state.company.id, name: entities(state.company.name) },
    service: { id: service.id, name: entities(service.name) },
    staff: { id: staff.id, firstName: entities(staff.firstName), lastName: entities(staff.lastName) },
    client: {
      id: client.id,
      firstName: entities(client.firstName),
      lastName: entities(client.lastName),
      email: client.emailAddresses[0]?.email ?? '',
    },
    start: { dateTime: wallOf(a.start, zone), timeZone: zone },
    end: { dateTime: wallOf(a.end, zone), timeZone: zone },
    created: { dateTime: wallOf(a.created, zone), timeZone: zone },
    status: a.status,
    ...(custom ? { customStatus: { id: custom.id, name: entities(custom.name) } } : {}),
    notes: a.notes,
    type: 'normal',
    ...(level === 'full'
      ? {
          form: { items: a.form },
          history: a.history.map((h) => ({ text: h.text, date: { dateTime: wallOf(h.at, zone), timeZone: zone } })),
          extendedProperties: a.extendedProperties,
        }
      : {}),
  };
}

/** POST /clients: first and last name, and an e-mail address or a phone number to reach them. */
export function insertClient(state: State, body: Record<string, unknown>): FakeClient {
  const name = (field: string) => {
    const v = body[field];
    if (typeof v !== 'string' || v.trim() === '' || v.length > 127)
      throw new Refusal(400, 'invalidParameter', `${field} is required (at most 127 characters)`);
    return v;
  };
  const emails = (body['emailAddresses'] as FakeClient['emailAddresses'] | undefined) ?? [];
  const phones = (body['phoneNumbers'] as FakeClient['phoneNumbers'] | undefined) ?? [];
  if (!Array.isArray(emails) || !Array.isArray(phones)) throw new Refusal(400, 'invalidParameter', 'emailAddresses and phoneNumbers are lists');
  if (emails.some((e) => typeof e.email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(e.email)))
    throw new Refusal(400, 'invalidParameter', 'Invalid e-mail address');
  if (phones.some((p) => typeof p.number !== 'string' || !/^\+?[\d\s.]{6,20}$/.test(p.number)))
    throw new Refusal(400, 'invalidParameter', 'Invalid phone number');
  if (emails.length === 0 && phones.length === 0) throw new Refusal(400, 'invalidParameter', 'An e-mail address or a phone number is required');
  const client: FakeClient = { id: newId(), firstName: name('firstName'), lastName: name('lastName'), emailAddresses: emails, phoneNumbers: phones };
  state.clients.push(client);
  return client;
}

export function searchClients(state: State, query: URLSearchParams): FakeClient[] {
  only(query, ['search', 'fields', 'pageToken', 'maxResults']);
  const term = (query.get('search') ?? '').toLowerCase();
  const digits = term.replace(/\D/g, '');
  return state.clients.filter(
    (c) =>
      term === '' ||
      c.emailAddresses.some((e) => e.email.toLowerCase().includes(term)) ||
      (digits.length >= 6 && c.phoneNumbers.some((p) => p.number.replace(/\D/g, '').includes(digits))) ||
      `${c.firstName} ${c.lastName}`.toLowerCase().includes(term),
  );
}

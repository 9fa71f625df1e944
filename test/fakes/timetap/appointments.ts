import { HttpError, findLocation, findService, findStaff, inWindow, isDate, live, overlapsAnother, zoneOf, type Query } from './availability.ts';
import { instantAt, minuteOf } from './clock.ts';
import type { FakeAppointment, FakeBusiness, FakeClient } from './seed.ts';

type Body = Record<string, unknown>;

function object(body: unknown): Body {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'The request body must be a JSON object');
  return body as Body;
}
function need(body: Body, name: string): unknown {
  if (!(name in body)) throw new HttpError(400, `${name} is required`);
  return body[name];
}
function number(body: Body, name: string): number {
  const value = need(body, name);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new HttpError(400, `${name} must be a number`);
  return value;
}
function bool(body: Body, name: string): boolean {
  const value = need(body, name);
  if (typeof value !== 'boolean') throw new HttpError(400, `${name} must be true or false`);
  return value;
}
function date(body: Body, name: string): string {
  const value = need(body, name);
  if (typeof value !== 'string' || !isDate(value)) throw new HttpError(400, `${name} must be YYYY-MM-DD`);
  return value;
}
/** Military time as an integer, unpadded: "0930" or 9.5 are refused. */
function time(body: Body, name: string): number {
  const value = need(body, name);
  if (minuteOf(value) === null) throw new HttpError(400, `${name} must be a military time such as 930`);
  return value as number;
}
function idOf(body: Body, name: string, field: string): number {
  const value = need(body, name);
  const id = value && typeof value === 'object' ? (value as Body)[field] : undefined;
  if (typeof id !== 'number' || !Number.isInteger(id)) throw new HttpError(400, `${name} must include ${field}`);
  return id;
}
/** The document spells the SMS reminder fields two ways; one of them is required and two must agree. */
function smsHours(body: Body, short: string, long: string): number {
  const values = [short, long].filter((n) => n in body).map((n) => number(body, n));
  if (values.length === 0) throw new HttpError(400, `${short} is required`);
  if (values.length === 2 && values[0] !== values[1]) throw new HttpError(400, `${short} and ${long} disagree`);
  return values[0]!;
}

export function createClient(business: FakeBusiness, body: unknown): FakeClient {
  const b = object(body);
  const text = (name: string) => (typeof b[name] === 'string' ? (b[name] as string).trim() : '');
  if (!text('firstName') || !text('lastName')) throw new HttpError(400, 'firstName and lastName are required');
  if (!text('emailAddress') && !text('cellPhone')) throw new HttpError(400, 'An email address or a cell phone is required');
  if (text('emailAddress') && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text('emailAddress'))) throw new HttpError(400, 'Invalid emailAddress');
  if ('businessId' in b && b['businessId'] !== business.businessId) throw new HttpError(403, 'Wrong businessId');
  const client: FakeClient = {
    clientId: 880_000 + business.clients.length + 1,
    firstName: text('firstName'),
    lastName: text('lastName'),
    emailAddress: text('emailAddress'),
    cellPhone: text('cellPhone'),
    status: text('status') || 'Active',
  };
  business.clients.push(client);
  return client;
}

export function clientJson(business: FakeBusiness, client: FakeClient): object {
  return { ...client, businessId: business.businessId, createdDate: 1764601552000, fields: [], emailReminder: true, smsReminder: false, notes: null };
}

/** POST /appointments: every field the document marks required, checked, and the time still free. */
export function createAppointment(business: FakeBusiness, body: unknown, now: number): FakeAppointment {
  const b = object(body);
  if (number(b, 'businessId') !== business.businessId) throw new HttpError(403, 'Wrong businessId');
  const location = findLocation(business, idOf(b, 'location', 'locationId'));
  const staff = findStaff(business, idOf(b, 'staff', 'professionalId'));
  const reason = findService(business, idOf(b, 'reason', 'reasonId'));
  if (reason.reasonType !== 'SERVICE') throw new HttpError(400, 'classScheduleId is required for a class');
  if (!(business.serviceStaff[reason.reasonId] ?? []).includes(staff.professionalId))
    throw new HttpError(400, 'The staff does not perform this reason');
  const clientId = 'client' in b && b['client'] !== null ? idOf(b, 'client', 'clientId') : null;
  if (clientId === null || !business.clients.some((c) => c.clientId === clientId)) throw new HttpError(400, 'Unknown client');
  const status = need(b, 'status');
  if (status !== 'OPEN' && status !== 'PENDING_CONFIRMATION') throw new HttpError(400, 'status must be OPEN or PENDING_CONFIRMATION');
  const appt: FakeAppointment = {
    calendarId: 17_300_000 + business.appointments.length + 1,
    clientId,
    locationId: location.locationId,
    professionalId: staff.professionalId,
    reasonId: reason.reasonId,
    clientStartDate: date(b, 'clientStartDate'),
    clientStartTime: time(b, 'clientStartTime'),
    clientEndDate: date(b, 'clientEndDate'),
    clientEndTime: time(b, 'clientEndTime'),
    startDate: date(b, 'startDate'),
    startTime: time(b, 'startTime'),
    endDate: date(b, 'endDate'),
    endTime: time(b, 'endTime'),
    status,
    subStatus: status,
    clientConfirmed: false,
    clientConfirmedDate: null,
    note: typeof b['note'] === 'string' ? b['note'] : '',
    sendConfirmationToClient: bool(b, 'sendConfirmationToClient'),
    sendConfirmationToStaff: bool(b, 'sendConfirmationToStaff'),
    clientReminderHours: number(b, 'clientReminderHours'),
    staffReminderHours: number(b, 'staffReminderHours'),
    remindClientSmsHrs: smsHours(b, 'remindClientSmsHrs', 'remindClientSmsHours'),
    remindStaffSmsHrs: smsHours(b, 'remindStaffSmsHrs', 'remindStaffSmsHours'),
    createdMs: now,
    cancelEmails: null,
  };
  // The times are the staff's wall clock: they must make the visit's length, with the reason's buffers around it.
  const zone = zoneOf(business, staff.timeZoneCode);
  const at = (d: string, t: number) => instantAt(zone, d, minuteOf(t)!);
  const [clientStart, clientEnd, from, to] = [
    at(appt.clientStartDate, appt.clientStartTime),
    at(appt.clientEndDate, appt.clientEndTime),
    at(appt.startDate, appt.startTime),
    at(appt.endDate, appt.endTime),
  ];
  if (clientStart === null || clientEnd === null || from === null || to === null)
    throw new HttpError(400, 'The time does not exist in the staff time zone');
  if (clientEnd - clientStart !== reason.visitMinutes * 60_000) throw new HttpError(400, 'The times do not match the reason visitMinutes');
  if (clientStart - from !== (reason.bufferBefore ?? 0) * 60_000 || to - clientEnd !== (reason.bufferAfter ?? 0) * 60_000) {
    throw new HttpError(400, 'startTime and endTime do not match the reason buffers');
  }
  const hours = staff.hours[location.locationId]?.[new Date(`${appt.startDate}T00:00:00Z`).getUTCDay()];
  const startMinute = minuteOf(appt.startTime)!;
  if (!hours || appt.startDate !== appt.endDate || startMinute < hours[0] || minuteOf(appt.endTime)! > hours[1]) {
    throw new HttpError(400, 'The staff does not work at this location at that time');
  }
  if (!inWindow(business, clientStart, now)) throw new HttpError(400, 'The time is outside the scheduling window');
  if (overlapsAnother(business, staff.professionalId, from, to)) throw new HttpError(409, 'The selected time slot is no longer available');
  business.appointments.push(appt);
  return appt;
}

export function findAppointment(business: FakeBusiness, id: string): FakeAppointment {
  const appt = /^\d+$/.test(id) ? business.appointments.find((a) => a.calendarId === Number(id)) : undefined;
  if (!appt) throw new HttpError(404, `Appointment ${id} not found`);
  return appt;
}

/** The appointment object of the document: nested client, location, staff and reason, nulls for the unset. */
export function appointmentJson(business: FakeBusiness, a: FakeAppointment): Body {
  const client = business.clients.find((c) => c.clientId === a.clientId)!;
  const location = business.locations.find((l) => l.locationId === a.locationId)!;
  const staff = business.staff.find((s) => s.professionalId === a.professionalId)!;
  const reason = business.reasons.find((r) => r.reasonId === a.reasonId)!;
  const { hours: _hours, ...staffJson } = staff;
  return {
    additionalStaffIdList: null,
    address: null,
    appointmentDateTimeClient: `${a.clientStartDate} ${a.clientStartTime}`,
    blockStaffIdList: [],
    businessId: business.businessId,
    calendarId: a.calendarId,
    cancelReason: null,
    cancelUser: a.status === 'CANCELLED' ? 'API' : null,
    changeReason: '',
    classScheduleId: null,
    client: clientJson(business, client),
    clientConfirmedDate: a.clientConfirmedDate,
    clientConfirmed: a.clientConfirmed,
    clientStartDate: a.clientStartDate,
    clientStartTime: a.clientStartTime,
    clientEndDate: a.clientEndDate,
    clientEndTime: a.clientEndTime,
    clientReminderHours: a.clientReminderHours,
    clientRescheduleCount: 0,
    color: '#668CD9',
    createddate: a.createdMs,
    createduser: 'API',
    customFieldDesc: '',
    date: a.clientStartDate,
    dateCheckedIn: null,
    dateCompleted: null,
    discount: null,
    startDate: a.startDate,
    startTime: a.startTime,
    endDate: a.endDate,
    endTime: a.endTime,
    fields: null,
    location: { ...location, businessId: business.businessId },
    locationGroup: null,
    modifieddate: null,
    noShowReason: null,
    note: a.note,
    price: reason.price,
    reason: { ...reason, businessId: business.businessId },
    reasonGroup: null,
    recurringAppointmentId: null,
    remindClientSmsHrs: a.remindClientSmsHrs,
    remindStaffSmsHours: a.remindStaffSmsHrs,
    resource: null,
    seats: 1,
    sendConfirmationToClient: a.sendConfirmationToClient,
    sendConfirmationToStaff: a.sendConfirmationToStaff,
    staff: { ...staffJson, fullName: `${staff.firstName} ${staff.lastName}`, businessId: business.businessId },
    staffReminderHours: a.staffReminderHours,
    status: a.status,
    subStatus: a.subStatus,
    transactionFee: null,
    waitlistId: null,
  };
}

/** PUT /appointments/{id}: the whole object back, with the writable fields changed (here: clientConfirmed, note). */
export function updateAppointment(business: FakeBusiness, id: string, body: unknown): FakeAppointment {
  const appt = findAppointment(business, id);
  const b = object(body);
  if (number(b, 'calendarId') !== appt.calendarId || number(b, 'businessId') !== business.businessId)
    throw new HttpError(400, 'calendarId does not match');
  // A partial object would blank what it leaves out: TimeTap wants the appointment whole.
  for (const field of ['location', 'staff', 'reason', 'client', 'clientStartDate', 'clientStartTime', 'startDate', 'startTime', 'status'])
    need(b, field);
  if (date(b, 'clientStartDate') !== appt.clientStartDate || time(b, 'clientStartTime') !== appt.clientStartTime)
    throw new HttpError(400, 'Rescheduling is not done here');
  appt.clientConfirmed = bool(b, 'clientConfirmed');
  const confirmedDate = need(b, 'clientConfirmedDate');
  if (confirmedDate !== null && typeof confirmedDate !== 'number') throw new HttpError(400, 'clientConfirmedDate is milliseconds since 1970');
  appt.clientConfirmedDate = confirmedDate as number | null;
  if (typeof b['note'] === 'string') appt.note = b['note'];
  return appt;
}

/** PUT /appointments/{id}/cancel/{sendStaffEmail}/{sendClientEmail}, with the appointment as its body. */
export function cancelAppointment(business: FakeBusiness, id: string, staffEmail: string, clientEmail: string, body: unknown): FakeAppointment {
  const appt = findAppointment(business, id);
  if (!/^(true|false)$/.test(staffEmail) || !/^(true|false)$/.test(clientEmail))
    throw new HttpError(400, 'sendStaffEmail and sendClientEmail are true or false');
  if (number(object(body), 'calendarId') !== appt.calendarId) throw new HttpError(400, 'calendarId does not match');
  if (!live(business, appt)) throw new HttpError(400, 'The appointment is already cancelled');
  appt.status = 'CANCELLED';
  appt.subStatus = 'CANCELLED';
  appt.cancelEmails = { staff: staffEmail === 'true', client: clientEmail === 'true' };
  return appt;
}

/** GET /appointments/report?startDate&endDate[&clientId][&staffIdList][&locationIdList][&statusList]. */
export function report(business: FakeBusiness, query: Query): object[] {
  const startDate = query.get('startDate');
  const endDate = query.get('endDate');
  if (!isDate(startDate) || !isDate(endDate)) throw new HttpError(400, 'startDate and endDate are required as YYYY-MM-DD');
  const list = (name: string) => (query.get(name) ?? '').split(',').filter(Boolean);
  for (const name of ['clientId', 'staffIdList', 'locationIdList', 'pageNumber', 'pageSize']) {
    if (list(name).some((v) => !/^\d+$/.test(v))) throw new HttpError(400, `${name} must be numeric`);
  }
  const [clientId, staff, locations, statuses] = [query.get('clientId'), list('staffIdList'), list('locationIdList'), list('statusList')];
  const pageSize = Number(query.get('pageSize') ?? 50);
  const pageNumber = Number(query.get('pageNumber') ?? 1);
  return business.appointments
    .filter((a) => a.clientStartDate >= startDate && a.clientStartDate <= endDate)
    .filter((a) => !clientId || a.clientId === Number(clientId))
    .filter((a) => staff.length === 0 || staff.includes(String(a.professionalId)))
    .filter((a) => locations.length === 0 || locations.includes(String(a.locationId)))
    .filter((a) => statuses.length === 0 || statuses.includes(a.status))
    .slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
    .map((a) => appointmentJson(business, a));
}

import type { DatesQuery, TimesQuery } from '../../../contract/availability.ts';
import type { Customer } from '../../../contract/customer.ts';
import type { Clock } from '../../clock.ts';
import { secretFromEnv } from '../../config/secrets.ts';
import type { Database } from '../../db/database.ts';
import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import type { PlatformSiteConfig } from '../platform.ts';
import type { BookInput, PlatformBooking, PlatformKey, PlatformSite, PlatformTime, Provider } from '../provider.ts';
import { TtlCache } from '../shared/ttl-cache.ts';
import { attendanceOf, holdOf, slotTimes, statusOf, timesOfHold, toBooking, type SlotTimes } from './mapping.ts';
import { buildCatalog, isIanaZone, staffName, zoneResolver, type TimeTapCatalog, type TimeTapService } from './catalog.ts';
import { TimeTapClient } from './client.ts';
import { baseUrlOf, isTimeTapSite, type TimeTapConfig } from './config.ts';
import { timeTapStore } from './store.ts';
import { addDays, datesTouching, instantOf, monthsBetween, siteTime, wallTimeExists, zonedDate } from './time.ts';
import * as wire from './wire.ts';

export interface TimeTapDeps {
  db: Database;
  clock: Clock;
  log: Logger;
  /** Where the secrets named in the config are read; process.env by default. */
  env?: NodeJS.ProcessEnv | undefined;
  fetch?: typeof fetch | undefined;
}

/** The business, its services and staff change rarely and no webhook tells of it: reloaded at most this often. */
const catalogMs = 5 * 60_000;
/**
 * Availability answers are reused this long (and dropped on any booking, cancel or webhook): the document
 * says its availability API is for booking, not for drawing calendars.
 */
const availabilityMs = 30_000;

/**
 * Bookwell's adapter for TimeTap (docs/timetap.md). The API key and private key are read once from the
 * environment variables the site config names and only ever leave in the session-token call.
 */
export function createTimeTapProvider(site: PlatformSiteConfig<{ type: string }>, deps: TimeTapDeps): Provider {
  if (!isTimeTapSite(site)) throw new Error(`site ${site.id} is not a TimeTap site`);
  const config: TimeTapConfig = site.provider;
  if (site.confirmation === 'code') throw new Error(`site ${site.id}: TimeTap sites confirm with "none" or "approval", not "code"`);
  const siteZone = site.timezone;
  const apiKey = secretFromEnv(config.apiKeyEnv, deps.env);
  const client = new TimeTapClient({
    baseUrl: baseUrlOf(config),
    apiKey,
    privateKey: secretFromEnv(config.privateKeyEnv, deps.env),
    timeoutMs: config.timeoutMs,
    clock: deps.clock,
    log: deps.log,
    site: site.id,
    fetch: deps.fetch,
  });
  const store = timeTapStore(deps.db, deps.clock, site.id);
  const now = () => deps.clock().getTime();
  const slow = new TtlCache({ ttlMs: catalogMs, now });
  const availability = new TtlCache({ ttlMs: availabilityMs, now, maxEntries: 5000 });

  function loadCatalog(): Promise<TimeTapCatalog> {
    return slow.get('catalog', async () => {
      // One after another on purpose: these are one page load, and the platform prefers few calls at once.
      const locations = await client.call({ method: 'GET', path: '/locations', name: 'GET /locations' }, wire.locationsAnswer);
      const reasons = await client.call({ method: 'GET', path: '/services', name: 'GET /services' }, wire.servicesAnswer);
      const staff = await client.call({ method: 'GET', path: '/staff', name: 'GET /staff' }, wire.staffAnswer);
      const serviceStaff = new Map<string, string[]>();
      for (const reason of reasons.filter((r) => r.active && !r.isPrivate && r.reasonType.toUpperCase() === 'SERVICE')) {
        const ids = await client.call(
          { method: 'GET', path: `/services/${reason.reasonId}/serviceStaff`, name: 'GET /services/{reasonId}/serviceStaff' },
          wire.serviceStaffAnswer,
        );
        serviceStaff.set(reason.reasonId, ids);
      }
      const zoneOf = await zones([...staff.map((s) => s.zone), ...locations.map((l) => l.zone)]);
      return buildCatalog({ locations, reasons, staff, serviceStaff, siteLocations: config.locations, cancel: config.cancel, zoneOf });
    });
  }

  /** GET /timezones only when some zone is named by a TimeTap code rather than an IANA name. */
  async function zones(codes: string[]): Promise<(code: string) => string> {
    if (codes.every((code) => code === '' || isIanaZone(code))) return zoneResolver([], siteZone);
    const entries = await client.call({ method: 'GET', path: '/timezones', name: 'GET /timezones' }, wire.timeZonesAnswer);
    return zoneResolver(entries, siteZone);
  }

  function loadSite(): Promise<PlatformSite> {
    return slow.get('site', async () => {
      const catalog = await loadCatalog();
      return { name: config.businessName ?? catalog.branches[0]?.name ?? site.id, calendar: 'open' as const };
    });
  }

  function serviceIn(catalog: TimeTapCatalog, id: string): TimeTapService | undefined {
    return catalog.services.find((s) => s.id === id);
  }

  /** The locations a question is about: the one chosen, or all of the site's. */
  function locationsFor(catalog: TimeTapCatalog, branch: string | undefined): string[] {
    const all = catalog.branches.map((b) => b.id);
    return branch === undefined ? all : all.filter((id) => id === branch);
  }

  function daySlots(staffId: string, locationId: string, service: TimeTapService, staffDate: string): Promise<wire.WireDaySlot[]> {
    const [y, m, d] = staffDate.split('-');
    return availability.get(`day|${staffId}|${locationId}|${service.id}|${staffDate}`, () =>
      client.call(
        {
          method: 'GET',
          path: `/availability/${y}/${m}/${d}/${staffId}/${locationId}/${service.id}`,
          name: 'GET /availability/{YYYY}/{MM}/{DD}/{staffId}/{locationId}/{reasonId}',
          query: { duration: service.durationMinutes },
        },
        wire.dayAnswer,
      ),
    );
  }

  /** Instants with at least one opening for the service at a location, from the range call (location's zone). */
  function openingsAt(locationId: string, service: TimeTapService, zone: string, from: string, to: string): Promise<number[]> {
    return availability.get(`range|${locationId}|${service.id}|${from}|${to}`, async () => {
      const days = await client.call(
        {
          method: 'GET',
          path: `/availability/location/${locationId}/service/${service.id}`,
          name: 'GET /availability/location/{locationId}/service/{reasonId}',
          query: { startDate: from, endDate: to, duration: service.durationMinutes },
        },
        wire.rangeAnswer,
      );
      return days.flatMap((day) =>
        day.timeSlots
          .filter((slot) => slot.clientStartTime !== null && slot.clientStartTime !== undefined)
          .map((slot) => instantOf(zone, slot.clientStartDate ?? day.date, slot.clientStartTime!)),
      );
    });
  }

  /** The month call: which days a staff member has availability. Only a hint; null when it cannot be read. */
  function hintedDays(staffId: string, locationId: string, service: TimeTapService, year: string, month: string): Promise<Set<string> | null> {
    return availability.get(`month|${staffId}|${locationId}|${service.id}|${year}-${month}`, async () => {
      const body = await client.raw({
        method: 'GET',
        path: `/availability/${year}/${month}/${staffId}/${locationId}/${service.id}`,
        name: 'GET /availability/{YYYY}/{MM}/{staffId}/{locationId}/{reasonId}',
        query: { duration: service.durationMinutes },
      });
      const days = wire.hintedDays(body, year, month);
      if (!days) deps.log.warn({ event: 'timetap_call', site: site.id, call: 'GET /availability/{YYYY}/{MM}/...', outcome: 'hint_unreadable' });
      return days;
    });
  }

  async function staffWorksOn(staffId: string, zone: string, locations: string[], service: TimeTapService, dates: string[]): Promise<Set<string>> {
    const staffDates = new Map(dates.map((d) => [d, datesTouching(siteZone, d, zone)]));
    const all = [...staffDates.values()].flat().sort();
    if (all.length === 0) return new Set();
    const hinted = new Set<string>();
    for (const locationId of locations) {
      for (const { year, month } of monthsBetween(all[0]!, all.at(-1)!)) {
        const days = await hintedDays(staffId, locationId, service, year, month);
        // An answer we cannot read narrows nothing: the range call and the day call still decide.
        if (days === null) return new Set(dates);
        for (const day of days) hinted.add(day);
      }
    }
    return new Set(dates.filter((d) => staffDates.get(d)!.some((s) => hinted.has(s))));
  }

  async function timesOf(query: TimesQuery): Promise<PlatformTime[]> {
    const catalog = await loadCatalog();
    const service = serviceIn(catalog, query.service);
    if (!service) return [];
    const staffIds = query.staff === undefined ? service.staffIds : service.staffIds.filter((id) => id === query.staff);
    const names = new Map(catalog.staff.map((s) => [s.id, s.name]));
    const earliest = now();
    const asks = staffIds.flatMap((staffId) =>
      locationsFor(catalog, query.branch).flatMap((locationId) => {
        const zone = catalog.staffZones.get(staffId) ?? siteZone;
        return datesTouching(siteZone, query.date, zone).map(async (staffDate) => {
          const slots = await daySlots(staffId, locationId, service, staffDate);
          return slots.flatMap((slot): PlatformTime[] => {
            const times = slotTimes(slot, staffDate, service);
            // A wall time the clocks skip is no time anyone can come at.
            if (!times || !wallTimeExists(zone, times.clientStartDate, times.clientStartTime)) return [];
            const start = instantOf(zone, times.clientStartDate, times.clientStartTime);
            if (start <= earliest || zonedDate(siteZone, start) !== query.date) return [];
            const end = instantOf(zone, times.clientEndDate, times.clientEndTime);
            return [{ start: siteTime(siteZone, start), end: siteTime(siteZone, end), staff: { id: staffId, name: names.get(staffId) ?? '' }, placesLeft: null, hold: holdOf(times, staffId, locationId) }];
          });
        });
      }),
    );
    const found = (await Promise.all(asks)).flat();
    if (query.staff !== undefined) return found.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    // Anyone free: one time per start, the staff member drawn at random among those free, as the engine does.
    const byStart = new Map<number, PlatformTime[]>();
    for (const time of found) byStart.set(Date.parse(time.start), [...(byStart.get(Date.parse(time.start)) ?? []), time]);
    return [...byStart.entries()].sort(([a], [b]) => a - b).map(([, options]) => options[Math.floor(Math.random() * options.length)]!);
  }

  async function findOrCreateClient(customer: Customer): Promise<string> {
    const known = await store.clientOf(customer);
    if (known) return known;
    const created = await client.call(
      {
        method: 'POST',
        path: '/clients',
        name: 'POST /clients',
        body: {
          businessId: Number(apiKey),
          firstName: customer.firstName,
          lastName: customer.lastName,
          cellPhone: customer.cell,
          emailAddress: customer.email ?? '',
          status: 'Active',
          fields: [],
        },
      },
      wire.clientAnswer,
    );
    return store.rememberClient(customer, created.clientId);
  }

  /** The appointment an earlier, cut-off attempt may have made: same client, start, staff and reason. */
  async function findLostBooking(clientId: string, times: SlotTimes, staffId: string, reasonId: string): Promise<wire.WireAppointment | null> {
    const found = await client.call(
      {
        method: 'GET',
        path: '/appointments/report',
        name: 'GET /appointments/report',
        query: { clientId, startDate: times.clientStartDate, endDate: times.clientStartDate, staffIdList: staffId, pageNumber: 1, pageSize: 100 },
      },
      wire.appointmentsAnswer,
    );
    return (
      found.find(
        (a) =>
          a.clientStartDate === times.clientStartDate &&
          a.clientStartTime === times.clientStartTime &&
          a.reason?.reasonId === reasonId &&
          statusOf(a.status, a.subStatus ?? '') !== 'cancelled',
      ) ?? null
    );
  }

  async function present(appt: wire.WireAppointment, attendanceAnswer?: 'yes' | 'no'): Promise<PlatformBooking> {
    const catalog = await loadCatalog();
    const staffId = appt.staff?.professionalId ?? '';
    const member = catalog.staff.find((s) => s.id === staffId);
    const ours = attendanceAnswer ? { answer: attendanceAnswer, at: Number.POSITIVE_INFINITY } : await store.attendance(appt.calendarId);
    return toBooking(appt, {
      siteZone,
      staffZone: catalog.staffZones.get(staffId) ?? siteZone,
      staffName: member?.name ?? (appt.staff ? staffName({ firstName: appt.staff.firstName ?? '', lastName: appt.staff.lastName ?? '', fullName: appt.staff.fullName ?? '' }) : ''),
      serviceName: serviceIn(catalog, appt.reason?.reasonId ?? '')?.name ?? '',
      branchName: catalog.branches.find((b) => b.id === appt.location?.locationId)?.name ?? null,
      attendance: attendanceOf(appt, ours),
    });
  }

  /** The appointment as TimeTap has it (raw, to send back whole on a PUT) and as we read it. */
  async function appointment(key: PlatformKey): Promise<{ raw: Record<string, unknown>; appt: wire.WireAppointment }> {
    const calendarId = key['calendarId'];
    if (!calendarId || !/^\d{1,18}$/.test(calendarId)) throw new ApiFailure('not_found', 'This booking could not be found.');
    const raw = await client.raw({ method: 'GET', path: `/appointments/${calendarId}`, name: 'GET /appointments/{calendarId}' });
    const parsed = wire.appointment.safeParse(raw);
    if (!parsed.success) {
      deps.log.error({ event: 'timetap_call', site: site.id, call: 'GET /appointments/{calendarId}', outcome: 'unexpected_shape' });
      throw new ApiFailure('upstream_error', 'The booking system sent an answer we cannot read.');
    }
    // The client is what proves the right to this appointment: an id alone must not open it.
    if (parsed.data.calendarId !== calendarId || (parsed.data.client?.clientId ?? '') !== (key['clientId'] ?? '')) {
      throw new ApiFailure('not_found', 'This booking could not be found.');
    }
    return { raw: raw as Record<string, unknown>, appt: parsed.data };
  }

  return {
    site: loadSite,

    async catalog() {
      const { services, staff, branches } = await loadCatalog();
      return { services, staff, branches };
    },

    async bookableDates(query: DatesQuery) {
      const catalog = await loadCatalog();
      const service = serviceIn(catalog, query.service);
      if (!service || (query.staff !== undefined && !service.staffIds.includes(query.staff))) return [];
      const today = zonedDate(siteZone, now());
      const from = query.from < today ? today : query.from;
      if (from > query.to) return [];
      const locations = locationsFor(catalog, query.branch);
      const earliest = now();
      const dates = new Set<string>();
      for (const locationId of locations) {
        const zone = catalog.locationZones.get(locationId) ?? siteZone;
        // A day either side: the location's calendar may be a day off the site's near midnight.
        for (const start of await openingsAt(locationId, service, zone, addDays(from, -1), addDays(query.to, 1))) {
          const date = zonedDate(siteZone, start);
          if (start > earliest && date >= from && date <= query.to) dates.add(date);
        }
      }
      if (query.staff === undefined) return [...dates].sort();
      // The range call is for everyone at the location: the month call narrows it to the chosen staff member.
      const zone = catalog.staffZones.get(query.staff) ?? siteZone;
      const works = await staffWorksOn(query.staff, zone, locations, service, [...dates]);
      return [...dates].filter((d) => works.has(d)).sort();
    },

    bookableTimes: timesOf,

    book: (input: BookInput) => changing(() => book(input)),

    async getBooking(key: PlatformKey) {
      return present((await appointment(key)).appt);
    },

    setAttendance,

    cancel: (key: PlatformKey) => changing(() => cancel(key)),

    invalidate() {
      availability.clear();
    },
  };

  /** Booked, refused or cut off, the times we read before are stale now. */
  async function changing<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } finally {
      availability.clear();
    }
  }

  async function book(input: BookInput): Promise<PlatformBooking> {
    const times = timesOfHold(input.hold);
    const staffId = String(input.hold['staffId'] ?? '');
    const locationId = String(input.hold['locationId'] ?? '');
    if (!times || !staffId || !locationId) throw new ApiFailure('invalid_field', 'This time cannot be booked any more. Please choose another.', { field: 'ref' });
    const clientId = await findOrCreateClient(input.customer);
    if (input.resumed) {
      // An earlier attempt was cut off before we heard back: it may have booked, and TimeTap knows no idempotency key.
      const made = await findLostBooking(clientId, times, staffId, input.service);
      if (made) return present(made);
    }
    const approval = site.confirmation === 'approval';
    const request = {
      businessId: Number(apiKey),
      client: { clientId: Number(clientId) },
      location: { locationId: Number(locationId) },
      staff: { professionalId: Number(staffId) },
      reason: { reasonId: Number(input.service) },
      ...times,
      note: input.customer.notes ?? '',
      clientReminderHours: config.reminders.clientEmail,
      staffReminderHours: config.reminders.staffEmail,
      // The document spells these two both ways (…SmsHrs in the field table, …SmsHours in its samples): both are sent.
      remindClientSmsHrs: config.reminders.clientSms,
      remindClientSmsHours: config.reminders.clientSms,
      remindStaffSmsHrs: config.reminders.staffSms,
      remindStaffSmsHours: config.reminders.staffSms,
      sendConfirmationToClient: config.sendConfirmationToClient,
      sendConfirmationToStaff: config.sendConfirmationToStaff,
      status: approval ? 'PENDING_CONFIRMATION' : 'OPEN',
      ...(approval ? { pendingConfirmation: true } : {}),
    };
    try {
      const made = await client.call({ method: 'POST', path: '/appointments', name: 'POST /appointments', body: request }, wire.appointment);
      return present(made);
    } catch (error) {
      if (!(error instanceof ApiFailure) || error.code !== 'upstream_unavailable') throw error;
      // The request may have reached TimeTap although its answer did not reach us: look before saying it failed.
      const lost = await findLostBooking(clientId, times, staffId, input.service).catch(() => null);
      if (!lost) throw error;
      deps.log.warn({ event: 'timetap_call', site: site.id, call: 'POST /appointments', outcome: 'recovered_after_timeout', appointment: lost.calendarId });
      return present(lost);
    }
  }

  async function setAttendance(key: PlatformKey, answer: 'yes' | 'no'): Promise<PlatformBooking> {
    const { raw, appt } = await appointment(key);
    // Only a yes has a place in TimeTap; a no un-confirms an earlier yes and is kept on our side.
    if (answer === 'yes' || appt.clientConfirmed) {
      const body = { ...raw, clientConfirmed: answer === 'yes', clientConfirmedDate: answer === 'yes' ? now() : null };
      await client.raw({ method: 'PUT', path: `/appointments/${appt.calendarId}`, name: 'PUT /appointments/{calendarId}', body });
    }
    await store.answer(appt.calendarId, answer);
    return present(appt, answer);
  }

  async function cancel(key: PlatformKey): Promise<PlatformBooking> {
    const { raw, appt } = await appointment(key);
    const { emailStaff, emailClient } = config.cancel;
    const cancelled = await client.call(
      {
        method: 'PUT',
        path: `/appointments/${appt.calendarId}/cancel/${emailStaff}/${emailClient}`,
        name: 'PUT /appointments/{calendarId}/cancel/{sendStaffEmail}/{sendClientEmail}',
        body: { ...raw, subStatus: 'CANCELLED' },
      },
      wire.appointment.nullable(),
    );
    const booking = await present(cancelled ?? appt);
    return { ...booking, status: 'cancelled' as const };
  }
}

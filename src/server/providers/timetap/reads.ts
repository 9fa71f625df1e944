import type { DatesQuery, TimesQuery } from '../../../contract/availability.ts';
import type { Logger } from '../../deps.ts';
import type { PlatformSite, PlatformTime } from '../provider.ts';
import { TtlCache } from '../shared/ttl-cache.ts';
import { buildCatalog, isIanaZone, zoneResolver, type TimeTapCatalog, type TimeTapService } from './catalog.ts';
import type { TimeTapClient } from './client.ts';
import type { TimeTapConfig } from './config.ts';
import { holdOf, slotTimes } from './mapping.ts';
import { addDays, datesTouching, instantOf, monthsBetween, siteTime, wallTimeExists, zonedDate } from './time.ts';
import * as wire from './wire.ts';

/** The business, its services and staff change rarely and no webhook tells of it: reloaded at most this often. */
const catalogMs = 5 * 60_000;
/**
 * Availability answers are reused this long (and dropped on any booking, cancel or webhook): the document
 * says its availability API is for booking, not for drawing calendars.
 */
const availabilityMs = 30_000;

export interface ReadsOptions {
  client: TimeTapClient;
  config: TimeTapConfig;
  site: { id: string; timezone: string };
  log: Logger;
  now: () => number;
}

/**
 * What a TimeTap site offers, read from TimeTap and kept a while: the catalog, bookable dates and times.
 * Identical questions asked at once share one call; `clear()` forgets the availability.
 */
export function timeTapReads({ client, config, site, log, now }: ReadsOptions) {
  const siteZone = site.timezone;
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
      if (!days) log.warn({ event: 'timetap_call', site: site.id, call: 'GET /availability/{YYYY}/{MM}/...', outcome: 'hint_unreadable' });
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
            return [
              {
                start: siteTime(siteZone, start),
                end: siteTime(siteZone, end),
                staff: { id: staffId, name: names.get(staffId) ?? '' },
                placesLeft: null,
                hold: holdOf(times, staffId, locationId),
              },
            ];
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

  async function bookableDates(query: DatesQuery): Promise<string[]> {
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
    const hinted = [...dates].filter((d) => works.has(d)).sort();
    // The month call knows days, not hours: today (and tomorrow, which a zone away may still be today) the chosen
    // person's times may all be past while someone else's are not. Their day call decides those dates.
    const soon = addDays(today, 1);
    const { service: asked, staff, branch, participants } = query;
    const hasTimes = async (date: string) => (await timesOf({ service: asked, staff, branch, participants, date })).length > 0;
    const confirmed: string[] = [];
    for (const date of hinted) if (date > soon || (await hasTimes(date))) confirmed.push(date);
    return confirmed;
  }

  return {
    catalog: loadCatalog,
    site: loadSite,
    serviceIn,
    bookableDates,
    bookableTimes: timesOf,
    clear: () => availability.clear(),
  };
}
export type TimeTapReads = ReturnType<typeof timeTapReads>;

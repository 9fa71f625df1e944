import type { DatesQuery, TimesQuery } from '../../../contract/availability.ts';
import type { Attendance, BookingStatus } from '../../../contract/bookings.ts';
import type { Clock } from '../../clock.ts';
import { secretFromEnv, type SiteConfig } from '../../config/sites.ts';
import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import type { BookInput, PlatformBooking, PlatformKey, PlatformSite, PlatformTime, Provider } from '../provider.ts';
import { buildCatalog, type Tor4YouCatalog } from './catalog.ts';
import { Tor4YouClient, type Params, type Tor4YouCredentials } from './client.ts';
import { findLostBooking } from './recover.ts';
import { addDays, fromTorDate, fromTorDateTime, splitRange, todayIn, toTorDate, toTorDateTime } from './time.ts';
import * as wire from './wire.ts';

export { signature } from './client.ts';

export interface Tor4YouDeps {
  clock: Clock;
  log: Logger;
  /** Where the secrets named in the config are read; process.env by default. */
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
}

type Tor4YouConfig = Extract<SiteConfig['provider'], { type: 'tor4you' }>;

/** The platform's own windows for one availability call. */
const maxDaysPerCall = { open: 31, slots: 60 } as const;
/**
 * The business, its services and staff change rarely and no webhook tells of it: reloaded at most this often
 * (4 calls), and not on every booking, which changes availability only.
 */
const memoMs = 60_000;

function credentialsFrom(config: Tor4YouConfig, env: NodeJS.ProcessEnv | undefined): Tor4YouCredentials {
  const auth = config.auth;
  if (auth.method === 'torkey') return { method: 'torkey', key: secretFromEnv(auth.keyEnv, env) };
  return {
    method: 'signed',
    siteId: secretFromEnv(auth.siteIdEnv, env),
    key: secretFromEnv(auth.keyEnv, env),
    secret: secretFromEnv(auth.secretEnv, env),
  };
}

const statusOf: Record<string, BookingStatus> = { '0': 'cancelled', '1': 'confirmed', '5': 'expired' };
const attendanceOf: Record<string, Attendance> = { '1': 'yes', '2': 'no' };

/**
 * Bookwell's adapter for Tor4You. Credentials are read once from the environment variables the
 * site config names (a missing one stops the start) and only ever leave in calls to Tor4You.
 */
export function createTor4YouProvider(site: SiteConfig, deps: Tor4YouDeps): Provider {
  const provider = site.provider;
  if (provider.type !== 'tor4you') throw new Error(`site ${site.id} is not a Tor4You site`);
  const config: Tor4YouConfig = provider;
  const timeZone = site.timezone;
  const client = new Tor4YouClient({
    baseUrl: config.baseUrl,
    credentials: credentialsFrom(config, deps.env),
    timeoutMs: config.timeoutMs,
    timeZone,
    clock: deps.clock,
    log: deps.log,
    site: site.id,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });

  let memo: { at: number; site?: Promise<PlatformSite>; catalog?: Promise<Tor4YouCatalog> } = { at: deps.clock().getTime() };
  function fresh() {
    if (deps.clock().getTime() - memo.at > memoMs) memo = { at: deps.clock().getTime() };
    return memo;
  }
  function remember<T>(promise: Promise<T>, drop: () => void): Promise<T> {
    promise.catch(drop);
    return promise;
  }

  function loadSite(): Promise<PlatformSite> {
    const m = fresh();
    m.site ??= remember(
      client.get('siteinfo', {}, wire.siteInfoAnswer).then((info) => ({
        name: info.busname,
        phone: info.phone || undefined,
        calendar: info.usetimeslots ? ('slots' as const) : ('open' as const),
      })),
      () => delete m.site,
    );
    return m.site;
  }

  function loadCatalog(): Promise<Tor4YouCatalog> {
    const m = fresh();
    m.catalog ??= remember(
      (async () => {
        // Sequential on purpose: the platform limits calls per minute, and these four are one page load.
        const services = await client.get('services', {}, wire.servicesAnswer);
        const staff = await client.get('staff', {}, wire.staffAnswer);
        const links = await client.get('staffservice', {}, wire.staffServiceAnswer);
        const branches = await client.get('branches', {}, wire.branchesAnswer);
        return buildCatalog({
          services: services.services,
          staff: staff.staff,
          links: links.staffservice,
          branches: branches.branches,
          groupServices: config.groupServices,
        });
      })(),
      () => delete m.catalog,
    );
    return m.catalog;
  }

  function choiceParams(query: { service: string; staff?: string | undefined; branch?: string | undefined; participants: number }): Params {
    return { service: query.service, staff: query.staff, branch: query.branch, participants: query.participants };
  }

  function toBooking(appt: wire.WireAppointment, attendance?: Attendance): PlatformBooking {
    return {
      key: { apptId: appt.id, vfib: appt.vfib },
      status: statusOf[appt.status] ?? 'confirmed',
      start: fromTorDateTime(appt.from, timeZone),
      end: fromTorDateTime(appt.to, timeZone),
      service: { id: appt.service, name: appt.servicename },
      staff: { id: appt.staff, name: appt.staffname },
      branch: null,
      participants: Math.max(1, appt.participants),
      attendance: attendance ?? attendanceOf[appt.iscoming] ?? 'unknown',
    };
  }

  /** What identifies the appointment an addappt with this input made, for when its answer never came. */
  function lostBookingOf(input: BookInput) {
    const staff = String(input.hold['staffId'] ?? input.staff ?? '');
    return { from: toTorDateTime(input.start, timeZone), staff, service: input.service, cell: input.customer.cell };
  }

  async function appointment(key: PlatformKey): Promise<wire.WireAppointment> {
    const apptId = key['apptId'];
    const vfib = key['vfib'];
    if (!apptId || !vfib) throw new ApiFailure('not_found', 'This booking could not be found.');
    const answer = await client.get('apptinfo', { apptid: apptId }, wire.appointmentAnswer);
    const appt = answer.appt[0]!;
    // The vfib is what proves the right to this appointment: an id alone must not open it.
    if (appt.vfib !== '' && appt.vfib !== vfib) throw new ApiFailure('not_found', 'This booking could not be found.');
    return appt;
  }

  /** Group slots only: availability does not say how many places are left, slotlist does (one more call). */
  async function placesLeftOn(query: TimesQuery): Promise<Map<string, number>> {
    const date = toTorDate(query.date);
    const answer = await client.get('slotlist', { from: date, to: date, staff: query.staff }, wire.slotListAnswer);
    return new Map(answer.slots.filter((s) => s.status).map((s) => [s.id, Math.max(0, s.maxmembers - s.participants)]));
  }

  function customerParams(input: BookInput): Params {
    const { customer } = input;
    const params: Params = {
      first: customer.firstName,
      last: customer.lastName,
      cell: customer.cell,
      email: customer.email || undefined,
      tz: customer.idNumber || undefined,
      notes: customer.notes || undefined,
    };
    for (const [field, target] of Object.entries(config.extraFields)) {
      const value = customer[field as keyof typeof customer];
      if (value) params[target] = value;
    }
    return params;
  }

  return {
    site: loadSite,

    async catalog() {
      const { services, staff, branches } = await loadCatalog();
      return { services, staff, branches };
    },

    async bookableDates(query: DatesQuery) {
      const [info, catalog] = await Promise.all([loadSite(), loadCatalog()]);
      const today = todayIn(deps.clock(), timeZone);
      const horizon = catalog.bookingHorizonDays.get(query.service) ?? 0;
      const from = query.from < today ? today : query.from;
      const last = horizon > 0 ? addDays(today, horizon) : query.to;
      const to = query.to < last ? query.to : last;
      const dates = new Set<string>();
      for (const range of splitRange(from, to, maxDaysPerCall[info.calendar])) {
        const answer = await client.get(
          'availability',
          { from: toTorDate(range.from), to: toTorDate(range.to), ...choiceParams(query), dateonly: 1 },
          wire.datesAnswer,
        );
        for (const date of answer.dates) dates.add(fromTorDate(date));
      }
      return [...dates].filter((d) => d >= from && d <= to).sort();
    },

    async bookableTimes(query: TimesQuery) {
      const [catalog, answer] = await Promise.all([
        loadCatalog(),
        client.get(
          'availability',
          { from: toTorDate(query.date), to: toTorDate(query.date), ...choiceParams(query), dateonly: 0 },
          wire.timesAnswer,
        ),
      ]);
      const service = catalog.services.find((s) => s.id === query.service);
      const places = service?.groupBooking && answer.slots.length > 0 ? await placesLeftOn(query) : new Map<string, number>();
      const names = new Map(catalog.staff.map((s) => [s.id, s.name]));
      const staffOf = (id: string) => ({ id, name: names.get(id) ?? '' });
      const times: PlatformTime[] = answer.slots.map((slot) => ({
        start: fromTorDateTime(slot.from, timeZone),
        end: fromTorDateTime(slot.to, timeZone),
        staff: staffOf(slot.staff),
        placesLeft: places.get(slot.id) ?? null,
        hold: { slotId: slot.id, vfib: slot.vfib, staffId: slot.staff },
      }));
      const minutes = answer.duration || catalog.services.find((s) => s.id === query.service)?.durationMinutes || 0;
      for (const open of answer.openhours) {
        const start = fromTorDateTime(open.date, timeZone);
        const endInstant = new Date(new Date(start).getTime() + minutes * 60_000);
        const to = toTorDateTime(endInstant, timeZone);
        times.push({
          start,
          end: fromTorDateTime(to, timeZone),
          staff: staffOf(open.staff),
          placesLeft: null,
          hold: { staffId: open.staff, from: open.date, to },
        });
      }
      return times.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    },

    async book(input: BookInput) {
      const hold = input.hold;
      const staff = String(hold['staffId'] ?? input.staff ?? '');
      if (!staff) throw new ApiFailure('invalid_request', 'This time cannot be booked any more. Please choose another.');
      const when: Params =
        hold['slotId'] !== undefined
          ? { slotid: hold['slotId'], vfib: hold['vfib'] }
          : {
              from: String(hold['from'] ?? toTorDateTime(input.start, timeZone)),
              to: String(hold['to'] ?? toTorDateTime(input.end, timeZone)),
            };
      const lookFor = lostBookingOf(input);
      if (input.resumed) {
        // An earlier attempt was cut off before we heard back: it may have booked, and Tor4You knows no idempotency key.
        const made = await findLostBooking(client, lookFor);
        if (made) return { ...toBooking(made), participants: input.participants };
      }
      try {
        const answer = await client.post(
          'addappt',
          {
            ...when,
            staff,
            service: input.service,
            ...customerParams(input),
            participants: input.participants,
            sendnotice: config.sendNotice ? 1 : 0,
          },
          wire.appointmentAnswer,
        );
        return toBooking(answer.appt[0]!);
      } catch (error) {
        if (!(error instanceof ApiFailure) || error.code !== 'upstream_unavailable') throw error;
        // The request may have reached Tor4You although its answer did not reach us: look before saying it failed.
        const lost = await findLostBooking(client, lookFor).catch(() => null);
        if (!lost) throw error;
        deps.log.warn({ event: 'tor4you_call', site: site.id, apicall: 'addappt', outcome: 'recovered_after_timeout', appointment: lost.id });
        return { ...toBooking(lost), participants: input.participants };
      }
    },

    async findBooking(input: BookInput) {
      const made = await findLostBooking(client, lostBookingOf(input));
      return made ? { ...toBooking(made), participants: input.participants } : null;
    },

    async getBooking(key: PlatformKey) {
      return toBooking(await appointment(key));
    },

    async setAttendance(key: PlatformKey, answer: 'yes' | 'no') {
      const appt = await appointment(key);
      await client.get('iscoming', { apptid: appt.id, vfib: key['vfib'], iscoming: answer === 'yes' ? 1 : 2 }, wire.doneAnswer);
      return toBooking(appt, answer);
    },

    async cancel(key: PlatformKey) {
      const appt = await appointment(key);
      await client.post('delappt', { apptid: appt.id, vfib: key['vfib'], sendnotice: config.sendNotice ? 1 : 0 }, wire.doneAnswer);
      return { ...toBooking(appt), status: 'cancelled' as const };
    },
  };
}

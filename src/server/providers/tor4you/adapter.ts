import type { DatesQuery, TimesQuery } from '../../../contract/availability.ts';
import { addDays, todayIn } from '../../../contract/plain-date.ts';
import type { Clock } from '../../clock.ts';
import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import type { PlatformSiteConfig } from '../platform.ts';
import type { BookInput, PlatformBooking, PlatformKey, Provider } from '../provider.ts';
import { attendanceCode } from '../shared/attendance.ts';
import { Tor4YouClient } from './client.ts';
import { credentialsFrom, isTor4YouSite } from './config.ts';
import { choiceParams, customerParams, toBooking, toTimes, whenParams } from './mapping.ts';
import { Tor4YouReads } from './reads.ts';
import { findLostBooking } from './recover.ts';
import { fromTorDate, splitRange, toTorDate, toTorDateTime } from './time.ts';
import * as wire from './wire.ts';

export interface Tor4YouDeps {
  clock: Clock;
  log: Logger;
  /** Where the secrets named in the config are read; process.env by default. */
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
}

/** The platform's own windows for one availability call. */
const maxDaysPerCall = { open: 31, slots: 60 } as const;

/**
 * Bookwell's adapter for Tor4You. Credentials are read once from the environment variables the
 * site config names (a missing one stops the start) and only ever leave in calls to Tor4You.
 */
export function createTor4YouProvider(site: PlatformSiteConfig<{ type: string }>, deps: Tor4YouDeps): Provider {
  if (!isTor4YouSite(site)) throw new Error(`site ${site.id} is not a Tor4You site`);
  const config = site.provider;
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
  const reads = new Tor4YouReads(client, { clock: deps.clock, groupServices: config.groupServices });

  async function bookableDates(query: DatesQuery): Promise<string[]> {
    const [info, catalog] = await Promise.all([reads.site(), reads.catalog()]);
    const today = todayIn(timeZone, deps.clock());
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
  }

  async function bookableTimes(query: TimesQuery) {
    const [catalog, answer] = await Promise.all([
      reads.catalog(),
      client.get('availability', { from: toTorDate(query.date), to: toTorDate(query.date), ...choiceParams(query), dateonly: 0 }, wire.timesAnswer),
    ]);
    const service = catalog.services.find((s) => s.id === query.service);
    const places = service?.groupBooking && answer.slots.length > 0 ? await reads.placesLeftOn(query) : new Map<string, number>();
    return toTimes(answer, { catalog, service: query.service, places, timeZone });
  }

  /** What identifies the appointment an addappt with this input made, for when its answer never came. */
  function lostBookingOf(input: BookInput) {
    const staff = String(input.hold['staffId'] ?? input.staff ?? '');
    return { from: toTorDateTime(input.start, timeZone), staff, service: input.service, cell: input.customer.cell };
  }

  async function findBooking(input: BookInput): Promise<PlatformBooking | null> {
    const made = await findLostBooking(client, lostBookingOf(input));
    return made ? { ...toBooking(made, timeZone), participants: input.participants } : null;
  }

  async function book(input: BookInput): Promise<PlatformBooking> {
    const staff = String(input.hold['staffId'] ?? input.staff ?? '');
    if (!staff) throw new ApiFailure('invalid_request', 'This time cannot be booked any more. Please choose another.');
    const lookFor = lostBookingOf(input);
    if (input.resumed) {
      // An earlier attempt was cut off before we heard back: it may have booked, and Tor4You knows no idempotency key.
      const made = await findBooking(input);
      if (made) return made;
    }
    try {
      const answer = await client.post(
        'addappt',
        {
          ...whenParams(input.hold, input, timeZone),
          staff,
          service: input.service,
          ...customerParams(input.customer, config.extraFields, input.attribution),
          participants: input.participants,
          sendnotice: config.sendNotice ? 1 : 0,
        },
        wire.appointmentAnswer,
      );
      // addappt's answer has no participants field: the places booked are the ones asked for.
      return { ...toBooking(answer.appt[0]!, timeZone), participants: input.participants };
    } catch (error) {
      if (!(error instanceof ApiFailure) || error.code !== 'upstream_unavailable') throw error;
      // The request may have reached Tor4You although its answer did not reach us: look before saying it failed.
      const lost = await findLostBooking(client, lookFor).catch(() => null);
      if (!lost) throw error;
      deps.log.warn({ event: 'tor4you_call', site: site.id, apicall: 'addappt', outcome: 'recovered_after_timeout', appointment: lost.id });
      return { ...toBooking(lost, timeZone), participants: input.participants };
    }
  }

  return {
    site: () => reads.site(),
    async catalog() {
      const { services, staff, branches } = await reads.catalog();
      return { services, staff, branches };
    },
    bookableDates,
    bookableTimes,
    book,
    findBooking,
    async getBooking(key: PlatformKey) {
      return toBooking(await reads.appointment(key), timeZone);
    },
    async setAttendance(key: PlatformKey, answer: 'yes' | 'no') {
      const appt = await reads.appointment(key);
      await client.get('iscoming', { apptid: appt.id, vfib: key['vfib'], iscoming: attendanceCode(answer) }, wire.doneAnswer);
      return toBooking(appt, timeZone, answer);
    },
    async cancel(key: PlatformKey) {
      const appt = await reads.appointment(key);
      await client.post('delappt', { apptid: appt.id, vfib: key['vfib'], sendnotice: config.sendNotice ? 1 : 0 }, wire.doneAnswer);
      return { ...toBooking(appt, timeZone), status: 'cancelled' as const };
    },
  };
}

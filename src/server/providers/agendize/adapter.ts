import type { DatesQuery, TimesQuery } from '../../../contract/availability.ts';
import type { Customer } from '../../../contract/customer.ts';
import type { Clock } from '../../clock.ts';
import { secretFromEnv } from '../../config/secrets.ts';
import { SitesConfigError } from '../../config/errors.ts';
import type { PlatformSiteConfig } from '../platform.ts';
import { TtlCache } from '../shared/ttl-cache.ts';
import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import { zonedDate } from '../../zoned.ts';
import type { BookInput, PlatformBooking, PlatformKey, PlatformSite, PlatformTime, Provider } from '../provider.ts';
import { AgendizeClient, refusalOf } from './client.ts';
import { agendizeHosts, type AgendizeConfig } from './config.ts';
import { findOrCreateClient } from './clients.ts';
import { buildCatalog, bookableDays, timesOn, toBooking, type AgendizeCatalog } from './mapping.ts';
import { monthOf, monthsBetween, toWall } from './time.ts';
import * as wire from './wire.ts';
import { notesWithAttribution } from '../shared/attribution.ts';
import { bookingNotFound } from '../shared/upstream.ts';

export interface AgendizeDeps {
  clock: Clock;
  log: Logger;
  /** Where the secrets named in the config are read; process.env by default. */
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
}

/** The company, its services and staff change rarely: reloaded at most this often (3 calls). */
const memoMs = 60_000;
/** One freeSlots answer serves a month of dates and the times of each of its days for this long. */
const monthMs = 20_000;

interface Company {
  name: string;
  phone: string;
  address: string;
  timeZone: string;
}

export type AgendizeSite = PlatformSiteConfig<AgendizeConfig>;

/** What the provider config alone cannot say: it must fit the site's settings. A misfit stops the start. */
function checkSiteFits(site: AgendizeSite): void {
  // Agendize has no confirmation code; a business approves a pending appointment instead.
  if (site.confirmation === 'code') throw new SitesConfigError(`site "${site.id}": Agendize sites confirm with "none" or "approval", not "code"`);
  for (const [item, field] of Object.entries(site.provider.formFields)) {
    const asked = ['firstName', 'lastName', 'cell'].includes(field) || site.customerFields.some((f) => f.name === field && f.required);
    if (!asked) {
      throw new SitesConfigError(
        `site "${site.id}", field "provider.formFields.${item}": "${field}" must be a customer field the site asks for as required`,
      );
    }
  }
}

/** The API client for a site's config; the key and token are read from the environment variables it names. */
export function clientFor(
  site: { id: string },
  config: AgendizeConfig,
  deps: { log: Logger; env?: NodeJS.ProcessEnv | undefined; fetch?: typeof fetch | undefined },
): AgendizeClient {
  const env = deps.env ?? process.env;
  return new AgendizeClient({
    origin: config.baseUrl ?? agendizeHosts[config.host],
    version: config.version,
    apiKey: secretFromEnv(config.auth.apiKeyEnv, env),
    token: secretFromEnv(config.auth.tokenEnv, env),
    timeoutMs: config.timeoutMs,
    log: deps.log,
    site: site.id,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
}

/**
 * Bookwell's adapter for Agendize. The API key and token are read once from the environment variables the site
 * config names (a missing one stops the start) and only ever leave in calls to Agendize.
 */
export function createAgendizeProvider(site: AgendizeSite, deps: AgendizeDeps): Provider {
  const config: AgendizeConfig = site.provider;
  checkSiteFits(site);
  const client = clientFor(site, config, deps);
  const company = `/scheduling/companies/${encodeURIComponent(config.companyId)}`;
  const siteZone = site.timezone;
  const silent = { silent: String(config.silent) };
  const now = () => deps.clock().getTime();
  const reads = new TtlCache({ ttlMs: memoMs, now });
  const months = new TtlCache({ ttlMs: monthMs, now, maxEntries: 500 });

  const loadCompany = () =>
    reads.get<Company>('company', async () => {
      const answer = await client.call('company', 'read', company, {}, wire.company);
      if (answer.timeZone !== siteZone) {
        deps.log.warn({ event: 'agendize_config', site: site.id, outcome: 'timezone_differs', company: answer.timeZone, configured: siteZone });
      }
      return { name: answer.name, phone: answer.phone, address: answer.address, timeZone: answer.timeZone };
    });

  const loadCatalog = () =>
    reads.get<AgendizeCatalog>('catalog', async () => {
      // One after the other: the account's call budget is shared by every page load.
      const services = await client.call('services', 'read', `${company}/services`, {}, wire.servicesAnswer);
      const staff = await client.call('staff', 'read', `${company}/staff`, {}, wire.staffAnswer);
      const catalog = buildCatalog({ services: services.items, staff: staff.items, locale: site.locale, formFields: config.formFields });
      for (const gap of catalog.unfillable) {
        deps.log.error({
          event: 'agendize_config',
          site: site.id,
          outcome: 'form_item_unmapped',
          service: gap.service,
          formItem: gap.item,
          title: gap.title,
          fix: 'map it in provider.formFields',
        });
      }
      return catalog;
    });

  /** freeSlots for the whole month of `date`: dates and times of that month come from this one answer. */
  const monthSlots = (query: { service: string; staff?: string | undefined }, date: string) => {
    const { first, last } = monthOf(date);
    return months.get<wire.WireFreeSlots>(`${query.service}|${query.staff ?? ''}|${first}`, async () => {
      const { timeZone } = await loadCompany();
      return client.call(
        'freeSlots',
        'read',
        `${company}/widget/freeSlots`,
        { version: config.freeSlotsVersion, query: { startDate: first, endDate: last, serviceId: query.service, staffId: query.staff, timeZone } },
        wire.freeSlotsAnswer,
      );
    });
  };

  const bookingOf = async (appt: wire.WireAppointment): Promise<PlatformBooking> => {
    const { timeZone } = await loadCompany();
    return toBooking(appt, { wireZone: timeZone, siteZone, attendance: config.attendanceStatuses });
  };

  const appointment = async (key: PlatformKey): Promise<wire.WireAppointment> => {
    const id = key['id'];
    if (!id) throw bookingNotFound();
    const appt = await client.call('appointment', 'appointment', `${company}/appointments/${encodeURIComponent(id)}`, {}, wire.appointment);
    // The reference was told to the customer with the id: both must still match.
    if (key['reference'] && appt.reference && appt.reference !== key['reference']) throw bookingNotFound();
    return appt;
  };

  /** The appointment an earlier, cut-off attempt with this Idempotency-Key made, if it did. */
  const findLost = async (clientId: string, input: BookInput): Promise<wire.WireAppointment | null> => {
    const day = 86_400_000;
    const answer = await client.call(
      'appointments',
      'read',
      `${company}/appointments`,
      {
        query: {
          clientId,
          serviceId: input.service,
          startDate: new Date(Date.parse(input.start) - day).toISOString(),
          endDate: new Date(Date.parse(input.end) + day).toISOString(),
          levelDetail: 'full',
        },
      },
      wire.appointmentsAnswer,
    );
    return answer.items.find((a) => a.extendedProperties?.private?.['bookwellKey'] === input.idempotencyKey) ?? null;
  };

  const formValues = (catalog: AgendizeCatalog, service: string, customer: Customer) => {
    const items = (catalog.rules.get(service)?.form ?? [])
      .map((item) => ({ id: item.id, value: customer[item.field] ?? '' }))
      .filter((item) => item.value !== '');
    return items.length > 0 ? { form: { items } } : {};
  };

  return {
    async site(): Promise<PlatformSite> {
      const info = await loadCompany();
      return {
        name: info.name,
        ...(info.phone ? { phone: info.phone } : {}),
        ...(info.address ? { address: info.address } : {}),
        calendar: 'slots',
        attendance: config.attendanceStatuses !== undefined,
      };
    },

    async catalog() {
      const { services, staff, branches } = await loadCatalog();
      return { services, staff, branches };
    },

    async bookableDates(query: DatesQuery) {
      const today = zonedDate(siteZone, deps.clock().getTime());
      const from = query.from < today ? today : query.from;
      if (from > query.to) return [];
      const answers = await Promise.all(monthsBetween(from, query.to).map((month) => monthSlots(query, month)));
      return answers
        .flatMap(bookableDays)
        .filter((d) => d >= from && d <= query.to)
        .sort();
    },

    async bookableTimes(query: TimesQuery): Promise<PlatformTime[]> {
      const [answer, catalog, info] = await Promise.all([monthSlots(query, query.date), loadCatalog(), loadCompany()]);
      const service = catalog.services.find((s) => s.id === query.service);
      if (!service) return [];
      const member = query.staff ? catalog.staff.find((s) => s.id === query.staff) : undefined;
      const now = deps.clock().getTime();
      return timesOn(answer, query.date, {
        wireZone: info.timeZone,
        siteZone,
        durationMinutes: service.durationMinutes,
        staff: member ? { id: member.id, name: member.name } : null,
      }).filter((t) => Date.parse(t.start) > now);
    },

    async book(input: BookInput) {
      const at = input.hold['at'];
      const zone = input.hold['zone'];
      if (typeof at !== 'string' || typeof zone !== 'string') {
        throw new ApiFailure('invalid_request', 'This time cannot be booked any more. Please choose another.');
      }
      const catalog = await loadCatalog();
      const customer = await findOrCreateClient(client, input.customer);
      if (input.resumed) {
        // An earlier attempt was cut off before we heard back: it may have booked. Look before booking again.
        const made = await findLost(customer.id, input);
        if (made) return bookingOf(made);
      }
      const staffId = input.hold['staffId'] ?? input.staff ?? undefined;
      const notes = notesWithAttribution(input.customer.notes, input.attribution);
      const body = {
        service: { id: input.service },
        ...(staffId ? { staff: { id: String(staffId) } } : {}),
        client: { id: customer.id },
        start: { dateTime: at, timeZone: zone },
        end: { dateTime: toWall(input.end, zone), timeZone: zone },
        status: site.confirmation === 'approval' ? 'pending' : 'accepted',
        // Agendize has no field for where the customer came from (`source` names the booking tool): it joins the notes.
        ...(notes ? { notes } : {}),
        ...formValues(catalog, input.service, input.customer),
        source: 'Bookwell',
        extendedProperties: { private: { bookwellKey: input.idempotencyKey } },
      };
      try {
        const made = await client.call('book', 'book', `${company}/appointments`, { method: 'POST', query: silent, body }, wire.appointment);
        return await bookingOf(made);
      } catch (error) {
        if (!(error instanceof ApiFailure) || error.code !== 'upstream_unavailable') throw error;
        // The request may have reached Agendize although its answer did not reach us: look before saying it failed.
        const lost = await findLost(customer.id, input).catch(() => null);
        if (!lost) throw error;
        deps.log.warn({ event: 'agendize_call', site: site.id, call: 'book', outcome: 'recovered_after_failure', appointment: lost.id });
        return bookingOf(lost);
      }
    },

    async getBooking(key: PlatformKey) {
      return bookingOf(await appointment(key));
    },

    async setAttendance(key: PlatformKey, answer: 'yes' | 'no') {
      const statuses = config.attendanceStatuses;
      if (!statuses) throw new ApiFailure('attendance_not_allowed', 'This business does not ask whether you are coming.');
      const appt = await appointment(key);
      // customStatus alone: Agendize refuses it together with status.
      const updated = await client.call(
        'attendance',
        'appointment',
        `${company}/appointments/${encodeURIComponent(appt.id)}`,
        { method: 'PUT', query: silent, body: { customStatus: { id: statuses[answer] } } },
        wire.appointment,
      );
      return bookingOf(updated);
    },

    async cancel(key: PlatformKey) {
      const appt = await appointment(key);
      const path = `${company}/appointments/${encodeURIComponent(appt.id)}`;
      try {
        if (config.cancelBy === 'status') {
          try {
            return await bookingOf(
              await client.call('cancel', 'appointment', path, { method: 'PUT', query: silent, body: { status: 'cancelled' } }, wire.appointment),
            );
          } catch (error) {
            if (!statusChangeRefused(error)) throw error;
            deps.log.warn({
              event: 'agendize_call',
              site: site.id,
              call: 'cancel',
              outcome: 'status_refused_deleting',
              fix: 'set provider.cancelBy to "delete"',
            });
          }
        }
        await client.call('delete', 'appointment', path, { method: 'DELETE', query: silent }, wire.emptyAnswer);
        return { ...(await bookingOf(appt)), status: 'cancelled' as const };
      } catch (error) {
        if (tooLateToCancel(error))
          throw new ApiFailure('cancel_not_allowed', 'It is too late to cancel this booking here. Please call the business.');
        throw error;
      }
    },

    invalidate() {
      months.clear();
    },
  };
}

/** The account does not let the API change an appointment's status: deleting is the way left. */
function statusChangeRefused(error: unknown): boolean {
  const refusal = refusalOf(error);
  if (!refusal || (error as ApiFailure).code !== 'upstream_error') return false;
  return (
    refusal.httpStatus === 405 ||
    /not ?allowed|invalidOperation|operationNotAllowed/i.test(`${refusal.error?.reason ?? ''} ${refusal.error?.message ?? ''}`)
  );
}

function tooLateToCancel(error: unknown): boolean {
  const refusal = refusalOf(error);
  if (!refusal || (error as ApiFailure).code !== 'upstream_error') return false;
  return /cancellation ?delay|too late|délai/i.test(`${refusal.error?.reason ?? ''} ${refusal.error?.message ?? ''}`);
}

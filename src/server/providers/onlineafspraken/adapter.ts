import type { DatesQuery, TimesQuery } from '../../../contract/availability.ts';
import type { Clock } from '../../clock.ts';
import { SitesConfigError } from '../../config/errors.ts';
import { secretFromEnv } from '../../config/secrets.ts';
import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import { addDays } from '../../../contract/plain-date.ts';
import { zonedDate } from '../../zoned.ts';
import type { BookInput, PlatformBooking, PlatformKey, PlatformSite, PlatformTime, Provider } from '../provider.ts';
import { OnlineAfsprakenClient } from './client.ts';
import type { PlatformSiteConfig } from '../platform.ts';
import { TtlCache } from '../shared/ttl-cache.ts';
import { isOnlineAfsprakenSite, type OnlineAfsprakenConfig } from './config.ts';
import { customerIdFor, extraFieldParams, findLostAppointment } from './customer.ts';
import { missingFields } from './fields.ts';
import * as mapping from './mapping.ts';
import * as wire from './wire.ts';
import { notesWithAttribution } from '../shared/attribution.ts';
import { bookingNotFound } from '../shared/upstream.ts';

export interface OnlineAfsprakenDeps {
  clock: Clock;
  log: Logger;
  /** Where the secrets named in the config are read; process.env by default. */
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
}

/** The agenda, its types, resources and fields change rarely and no webhook tells: reloaded at most this often. */
const memoMs = 60_000;

export function clientFor(site: { id: string }, config: OnlineAfsprakenConfig, deps: OnlineAfsprakenDeps): OnlineAfsprakenClient {
  return new OnlineAfsprakenClient({
    baseUrl: config.baseUrl,
    key: secretFromEnv(config.keyEnv, deps.env),
    secret: secretFromEnv(config.secretEnv, deps.env),
    algorithm: config.signature,
    timeoutMs: config.timeoutMs,
    clock: deps.clock,
    log: deps.log,
    site: site.id,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
}

/**
 * Bookwell's adapter for OnlineAfspraken (API 1.1). The key and secret are read once from the environment
 * variables the site config names and only ever leave inside signed calls to the platform.
 */
export function createOnlineAfsprakenProvider(site: PlatformSiteConfig<{ type: string }>, deps: OnlineAfsprakenDeps): Provider {
  if (!isOnlineAfsprakenSite(site)) throw new Error(`site ${site.id} is not an OnlineAfspraken site`);
  const config = site.provider;
  // setCustomer requires an e-mail address: a site that does not insist on one could never book.
  if (!site.customerFields.some((f) => f.name === 'email' && f.required)) {
    throw new SitesConfigError(
      `site "${site.id}": OnlineAfspraken needs every customer's e-mail address; add {"name": "email", "required": true} to customerFields`,
    );
  }
  const timeZone = site.timezone;
  const agendaId = config.agendaId;
  const client = clientFor(site, config, deps);
  const now = () => deps.clock().getTime();

  // The agenda, types, resources and fields; requiresConfirmation is one account-wide setting, read once.
  const reads = new TtlCache({ ttlMs: memoMs, now });
  const settings = new TtlCache({ ttlMs: Number.POSITIVE_INFINITY, now });

  const loadCatalog = () =>
    reads.get('catalog', async () => {
      // One after the other: a page load should not burst the platform.
      const types = await client.list('getAppointmentTypes', {}, 'AppointmentType', wire.appointmentType);
      const resources = await client.list('getResources', {}, 'Resource', wire.resource);
      return mapping.buildCatalog(types, resources);
    });

  const loadFields = () =>
    reads.get('fields', async () => {
      const fields = await client.list('getFields', { AgendaId: agendaId }, 'Field', wire.field);
      const missing = missingFields(site, config, fields);
      if (missing.length > 0) {
        deps.log.error({ event: 'onlineafspraken_config', site: site.id, outcome: 'fields_not_asked', problems: missing });
        throw new ApiFailure('upstream_error', 'This booking page is not set up completely. Please call the business.');
      }
      return fields;
    });

  const requiresCode = () =>
    settings.get('codes', () => client.one('requiresConfirmation', {}, 'Confirmation', wire.confirmation).then((c) => c.Required));

  async function toBooking(appt: wire.WireAppointment): Promise<PlatformBooking> {
    const [catalog, code] = await Promise.all([loadCatalog(), requiresCode()]);
    const resource = mapping.resourceOf(appt);
    const staff = resource ? catalog.staff.find((s) => s.id === resource) : undefined;
    const service = catalog.services.find((s) => s.id === appt.AppointmentTypeId);
    return {
      key: { id: appt.Id },
      status: mapping.statusOf(appt, code),
      start: mapping.instantOfWall(appt.StartTime, timeZone),
      end: mapping.instantOfWall(appt.FinishTime, timeZone),
      service: { id: appt.AppointmentTypeId, name: service?.name ?? appt.Name },
      staff: resource ? { id: resource, name: staff?.name ?? '' } : null,
      branch: null,
      participants: 1,
      attendance: 'unknown',
    };
  }

  async function appointment(key: PlatformKey): Promise<wire.WireAppointment> {
    const id = key['id'];
    if (!id || !/^\d+$/.test(id)) throw bookingNotFound();
    const appt = await client.one('getAppointment', { Id: id }, 'Appointment', wire.appointment);
    // A manage link of one agenda must not open another agenda's appointment on the same account.
    if (appt.AgendaId !== '' && appt.AgendaId !== agendaId) throw bookingNotFound();
    return appt;
  }

  /** The dates the type may be booked on today: from its minimum notice to its maximum advance. */
  async function bookableWindow(service: string): Promise<{ from: string; to: string | null }> {
    const rule = (await loadCatalog()).window.get(service);
    const today = zonedDate(timeZone, now());
    const from = zonedDate(timeZone, now() + (rule?.minMinutes ?? 0) * 60_000);
    const to = rule && rule.maxMinutes > 0 ? zonedDate(timeZone, now() + rule.maxMinutes * 60_000) : null;
    return { from: from < today ? today : from, to };
  }

  return {
    site: () =>
      reads.get('site', async (): Promise<PlatformSite> => {
        const agenda = await client.one('getAgenda', { Id: agendaId }, 'Agenda', wire.agenda);
        return { name: agenda.Name || config.name || site.id, calendar: 'slots', attendance: false };
      }),

    async catalog() {
      const { services, staff, branches } = await loadCatalog();
      return { services, staff, branches };
    },

    async bookableDates(query: DatesQuery) {
      const window = await bookableWindow(query.service);
      const from = query.from < window.from ? window.from : query.from;
      const to = window.to !== null && window.to < query.to ? window.to : query.to;
      if (from > to) return [];
      const days = await client.list(
        'getBookableDays',
        { AgendaId: agendaId, AppointmentTypeId: query.service, ResourceId: query.staff, StartDate: from, EndDate: to },
        'BookableDay',
        wire.bookableDay,
      );
      return [...new Set(days.map((d) => d.Date))].filter((d) => d >= from && d <= to).sort();
    },

    async bookableTimes(query: TimesQuery) {
      const [catalog, times] = await Promise.all([
        loadCatalog(),
        client.list(
          'getBookableTimes',
          { AgendaId: agendaId, AppointmentTypeId: query.service, Date: query.date, ResourceId: query.staff },
          'BookableTime',
          wire.bookableTime,
        ),
      ]);
      const names = new Map(catalog.staff.map((s) => [s.id, s.name]));
      const out = new Map<string, PlatformTime>();
      for (const time of times) {
        const start = mapping.instantOf(time.Date, time.StartTime, timeZone);
        // "Any": the platform answers per resource; one time per start (keyed below), it picks the resource when booking.
        const endDate = time.EndTime <= time.StartTime ? addDays(time.Date, 1) : time.Date;
        const resource = query.staff ? time.ResourceId : '';
        out.set(start, {
          start,
          end: mapping.instantOf(endDate, time.EndTime, timeZone),
          staff: resource && resource !== '0' ? { id: resource, name: names.get(resource) ?? '' } : null,
          placesLeft: null,
          hold: { date: time.Date, time: time.StartTime, resource },
        });
      }
      return [...out.values()].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    },

    async book(input: BookInput) {
      const fields = await loadFields();
      const date = String(input.hold['date'] ?? mapping.wallOf(input.start, timeZone).date);
      const time = String(input.hold['time'] ?? mapping.wallOf(input.start, timeZone).time);
      const resource = String(input.hold['resource'] ?? input.staff ?? '');
      const customerId = await customerIdFor(client, input.customer, extraFieldParams(input.customer, fields, config, 'Registration'));
      const lookFor = { agendaId, customerId, typeId: input.service, date, time };
      if (input.resumed) {
        // An earlier attempt was cut off before we heard back; the platform knows no idempotency key.
        const made = await findLostAppointment(client, lookFor);
        if (made) return toBooking(made);
      }
      const params = {
        AgendaId: agendaId,
        CustomerId: customerId,
        AppointmentTypeId: input.service,
        Date: date,
        StartTime: time,
        ResourceId: resource || undefined,
        // OnlineAfspraken has no field for where the customer came from: it joins the description.
        Description: notesWithAttribution(input.customer.notes, input.attribution),
        ...extraFieldParams(input.customer, fields, config, 'Appointment'),
      };
      try {
        const saved = await client.one('setAppointment', params, 'Appointment', wire.saved);
        return toBooking(await appointment({ id: saved.Id }));
      } catch (error) {
        if (!(error instanceof ApiFailure) || error.code !== 'upstream_unavailable') throw error;
        // The call may have reached the platform although its answer did not reach us: look before saying it failed.
        const lost = await findLostAppointment(client, lookFor).catch(() => null);
        if (!lost) throw error;
        deps.log.warn({
          event: 'onlineafspraken_call',
          site: site.id,
          method: 'setAppointment',
          outcome: 'recovered_after_timeout',
          appointment: lost.Id,
        });
        return toBooking(lost);
      }
    },

    async getBooking(key: PlatformKey) {
      return toBooking(await appointment(key));
    },

    async setAttendance() {
      throw new ApiFailure('attendance_not_allowed', 'This booking system does not ask "are you coming?".');
    },

    async cancelCheck(key: PlatformKey) {
      const appt = await appointment(key);
      try {
        await client.call('cancelAppointment', { Id: appt.Id, Mode: 'customer', DryRun: 1 });
        return true;
      } catch (error) {
        if (error instanceof ApiFailure && error.code === 'cancel_not_allowed') return false;
        throw error;
      }
    },

    async cancel(key: PlatformKey) {
      const appt = await appointment(key);
      // First the platform's conditions alone (its cancel deadline), so a refusal changes nothing.
      await client.call('cancelAppointment', { Id: appt.Id, Mode: 'customer', DryRun: 1 });
      await client.call('cancelAppointment', { Id: appt.Id, Mode: 'customer' });
      return { ...(await toBooking(appt)), status: 'cancelled' as const };
    },

    async confirmCode(key: PlatformKey, code: string) {
      const appt = await appointment(key);
      if (mapping.statusOf(appt, true) !== 'pending_code') throw new ApiFailure('booking_not_pending', 'This booking does not wait for a code.');
      await client.call('confirmAppointment', { id: appt.Id, ConfirmationCode: code });
      return toBooking(await appointment(key));
    },
  };
}

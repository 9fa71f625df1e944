import type { Customer } from '../../../contract/customer.ts';
import type { Clock } from '../../clock.ts';
import { secretFromEnv } from '../../config/secrets.ts';
import type { Database } from '../../db/database.ts';
import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import type { PlatformSiteConfig } from '../platform.ts';
import type { BookInput, PlatformBooking, PlatformKey, Provider } from '../provider.ts';
import { staffName } from './catalog.ts';
import { TimeTapClient } from './client.ts';
import { baseUrlOf, isTimeTapSite, type TimeTapConfig } from './config.ts';
import { attendanceOf, statusOf, timesOfHold, toBooking, type SlotTimes } from './mapping.ts';
import { timeTapReads } from './reads.ts';
import { timeTapStore } from './store.ts';
import * as wire from './wire.ts';
import { notesWithAttribution } from '../shared/attribution.ts';
import { bookingNotFound } from '../shared/upstream.ts';

export interface TimeTapDeps {
  db: Database;
  clock: Clock;
  log: Logger;
  /** Where the secrets named in the config are read; process.env by default. */
  env?: NodeJS.ProcessEnv | undefined;
  fetch?: typeof fetch | undefined;
}

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
  const reads = timeTapReads({ client, config, site, log: deps.log, now });
  const loadCatalog = reads.catalog;
  const serviceIn = reads.serviceIn;

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
      staffName:
        member?.name ??
        (appt.staff
          ? staffName({ firstName: appt.staff.firstName ?? '', lastName: appt.staff.lastName ?? '', fullName: appt.staff.fullName ?? '' })
          : ''),
      serviceName: serviceIn(catalog, appt.reason?.reasonId ?? '')?.name ?? '',
      branchName: catalog.branches.find((b) => b.id === appt.location?.locationId)?.name ?? null,
      attendance: attendanceOf(appt, ours),
    });
  }

  /** The appointment as TimeTap has it (raw, to send back whole on a PUT) and as we read it. */
  async function appointment(key: PlatformKey): Promise<{ raw: Record<string, unknown>; appt: wire.WireAppointment }> {
    const calendarId = key['calendarId'];
    if (!calendarId || !/^\d{1,18}$/.test(calendarId)) throw bookingNotFound();
    const raw = await client.raw({ method: 'GET', path: `/appointments/${calendarId}`, name: 'GET /appointments/{calendarId}' });
    const parsed = wire.appointment.safeParse(raw);
    if (!parsed.success) {
      deps.log.error({ event: 'timetap_call', site: site.id, call: 'GET /appointments/{calendarId}', outcome: 'unexpected_shape' });
      throw new ApiFailure('upstream_error', 'The booking system sent an answer we cannot read.');
    }
    // The client is what proves the right to this appointment: an id alone must not open it.
    if (parsed.data.calendarId !== calendarId || (parsed.data.client?.clientId ?? '') !== (key['clientId'] ?? '')) {
      throw bookingNotFound();
    }
    return { raw: raw as Record<string, unknown>, appt: parsed.data };
  }

  return {
    site: reads.site,

    async catalog() {
      const { services, staff, branches } = await loadCatalog();
      return { services, staff, branches };
    },

    bookableDates: reads.bookableDates,

    bookableTimes: reads.bookableTimes,

    book: (input: BookInput) => changing(() => book(input)),

    async getBooking(key: PlatformKey) {
      return present((await appointment(key)).appt);
    },

    setAttendance,

    cancel: (key: PlatformKey) => changing(() => cancel(key)),

    invalidate() {
      reads.clear();
    },
  };

  /** Booked, refused or cut off, the times we read before are stale now. */
  async function changing<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } finally {
      reads.clear();
    }
  }

  async function book(input: BookInput): Promise<PlatformBooking> {
    const times = timesOfHold(input.hold);
    const staffId = String(input.hold['staffId'] ?? '');
    const locationId = String(input.hold['locationId'] ?? '');
    if (!times || !staffId || !locationId)
      throw new ApiFailure('invalid_field', 'This time cannot be booked any more. Please choose another.', { field: 'ref' });
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
      // TimeTap has no field for where the customer came from: it joins the note.
      note: notesWithAttribution(input.customer.notes, input.attribution) ?? '',
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
      deps.log.warn({
        event: 'timetap_call',
        site: site.id,
        call: 'POST /appointments',
        outcome: 'recovered_after_timeout',
        appointment: lost.calendarId,
      });
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

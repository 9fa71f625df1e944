import { Hono } from 'hono';
import { bookingRequest, confirmRequest, idempotencyKey, type BookingResponse } from '../../contract/bookings.ts';
import { checkCustomer, internationalMobile, nationalMobile, type Country, type Customer } from '../../contract/customer.ts';
import { dropReservation, reserveWithinCaps } from '../booking/caps.ts';
import { confirmWithCode, sendCodeAgain } from '../booking/confirm.ts';
import { mayHaveBooked, once, refuseNewKey, requestHash } from '../booking/idempotency.ts';
import { presentBooking } from '../booking/present.ts';
import { maskCell, maskEmail } from '../booking/shown.ts';
import { sendsCustomerMessages, type SiteConfig } from '../config/sites.ts';
import { findBookingRecord, bookingIdFor, saveBookingRecord } from '../booking/records.ts';
import { ApiFailure, slotTaken } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { readJson } from '../http/validate.ts';
import { googleCalendarLink, icsCalendar, outlookCalendarLink } from '../manage/ics.ts';
import { sealManageToken } from '../manage/token.ts';
import { noTurn, type Arrival, type BookInput, type PlatformBooking } from '../providers/provider.ts';
import { openRef, type TimeRef } from '../tokens/ref.ts';
import { calendarEvent } from './manage.ts';
import type { Runtime } from './runtime.ts';

const problemText = {
  required: 'is required',
  too_long: 'is too long',
  invalid_cell: 'is not a mobile number',
  invalid_email: 'is not an e-mail address',
  invalid_id: 'is not a valid ID number',
} as const;

/** POST /v1/bookings, and the code confirmation of a booking made here. */
export function bookingsRouter(rt: Runtime) {
  const router = new Hono<AppEnv>();

  const answer = async (id: string, siteId: string, booking: PlatformBooking, contact: SentTo | null): Promise<BookingResponse> => {
    const manage = await sealManageToken(rt.keys.manage, { site: siteId, key: booking.key, bookingId: id, end: booking.end });
    const shown = presentBooking(id, siteId, booking, manage, rt.deps.publicUrl);
    const to = contact && sentTo(rt.site(siteId).config, booking, contact);
    return {
      booking: {
        ...shown,
        ...(to ? { sentTo: to } : {}),
        ...(booking.status === 'confirmed' ? { calendar: await calendarPages(id, siteId, booking) } : {}),
      },
    };
  };

  const calendarPages = async (id: string, siteId: string, booking: PlatformBooking) => {
    const [info, catalog] = await Promise.all([rt.siteInfo(siteId), rt.catalog(siteId)]);
    const event = calendarEvent(
      { site: siteId, key: booking.key, bookingId: id, end: booking.end },
      booking,
      info.name,
      catalog.branches,
      rt.deps.publicUrl,
    );
    // The file itself too: the result screen offers it at once, with no second call (and no address carries the token).
    return { file: icsCalendar(event, rt.deps.clock()), google: googleCalendarLink(event), outlook: outlookCalendarLink(event) };
  };

  router.post('/', async (c) => {
    const siteId = c.get('siteId');
    const site = c.get('site');
    const rawKey = c.req.header('idempotency-key');
    if (!rawKey) throw new ApiFailure('idempotency_key_missing', 'Send an Idempotency-Key header so a retry cannot book twice.');
    if (!idempotencyKey.safeParse(rawKey).success) {
      throw new ApiFailure('invalid_field', 'Idempotency-Key is 8 to 128 letters, digits, _ or -.', { field: 'Idempotency-Key' });
    }
    const request = await readJson(c, bookingRequest);
    // Refused, not faked: a pretend booking would leave a person whose browser autofilled the hidden field believing
    // they are booked; the refusal names no field, so it teaches a bot nothing about which field gave it away.
    if (request.website) throw new ApiFailure('invalid_request', 'This booking could not be made; please call us.');
    const provider = rt.site(siteId).provider;
    const claim = { site: siteId, key: rawKey, hash: requestHash(request) };
    const inputFor = (time: TimeRef, resumed: boolean): BookInput => ({
      service: time.service,
      staff: time.staff,
      branch: time.branch,
      start: time.start,
      end: time.end,
      hold: time.hold,
      participants: request.participants,
      customer: { ...trimmed(request.customer), cell: nationalMobile(site.country, request.customer.cell) },
      lang: request.lang ?? site.locale,
      attribution: request.attribution,
      idempotencyKey: rawKey,
      resumed,
    });
    /**
     * Many customers on one time: the attempt takes its turn before any work of its own (the platform may hold it back
     * while those ahead take the last places). When the places are held by others and this key was never used (so
     * this is no retry of a booking), slot_taken is stored as its answer and given at once.
     */
    const arrive = async (): Promise<Arrival> => {
      if (!provider.arrive) return noTurn;
      let time: TimeRef;
      try {
        time = openRef(rt.keys.ref, request.ref, rt.deps.clock());
      } catch {
        return noTurn;
      }
      return time.site === siteId ? provider.arrive(inputFor(time, false)) : noTurn;
    };
    /** Whom the booking's messages go to, and whom the caps count: the customer as they booked. */
    const contactOf = () => {
      const customer = trimmed(request.customer);
      return {
        firstName: customer.firstName,
        lastName: customer.lastName,
        cell: internationalMobile(site.country, customer.cell),
        email: customer.email,
        lang: request.lang ?? site.locale,
      };
    };
    const booked = async (booking: PlatformBooking) => {
      const id = bookingIdFor(siteId, rawKey);
      const contact = contactOf();
      await saveBookingRecord(rt.deps.db, rt.deps.clock, { id, site: siteId, key: booking.key, contact, start: booking.start });
      await rt.messages.booked(siteId, id, booking, contact);
      return { status: 201, body: await answer(id, siteId, booking, { ...contact, country: site.country }) };
    };
    const arrival = await arrive();
    try {
      if (arrival.taken && (await refuseNewKey(rt.deps.db, rt.deps.clock, claim, slotTaken()))) throw slotTaken();
      const result = await once(
        rt.deps.db,
        rt.deps.clock,
        claim,
        async (resumed) => {
          if (resumed && provider.findBooking) {
            // A cut-off attempt may have booked: that booking is the answer, however long ago its time was shown.
            const shown = openRef(rt.keys.ref, request.ref, null);
            const made = shown.site === siteId ? await provider.findBooking(inputFor(shown, true)) : null;
            if (made) return booked(made);
          }
          const time = openRef(rt.keys.ref, request.ref, rt.deps.clock());
          if (time.site !== siteId) throw new ApiFailure('invalid_field', 'This time belongs to another site.', { field: 'ref' });
          const problem = checkCustomer({ country: site.country, fields: site.customerFields }, request.customer);
          if (problem) {
            throw new ApiFailure('invalid_field', `${problem.field} ${problemText[problem.problem]}`, { field: `customer.${problem.field}` });
          }
          const service = (await rt.catalog(siteId)).services.find((s) => s.id === time.service);
          if (!service) throw new ApiFailure('invalid_field', 'This service can no longer be booked.', { field: 'ref' });
          if (request.participants > service.maxParticipants) {
            throw new ApiFailure('invalid_field', `At most ${service.maxParticipants} participants per booking.`, { field: 'participants' });
          }
          // Known taken by now (a rush on one time: the first attempts have read it meanwhile): refused before the caps'
          // transaction, which the platform's refusal would only undo.
          if (!resumed && provider.knownTaken?.(inputFor(time, false))) throw slotTaken();
          // Inside once(): a replay of a booking already made is answered before this and never counted against the caps.
          const id = bookingIdFor(siteId, rawKey);
          await reserveWithinCaps(rt.deps.db, rt.deps.clock, siteId, site.caps, { id, contact: contactOf(), start: time.start });
          try {
            return await booked(await provider.book(inputFor(time, resumed)));
          } catch (error) {
            // Refused by the platform: nothing booked, the caps count it no more. A lost answer keeps it (it may be booked).
            if (!mayHaveBooked(error)) await dropReservation(rt.deps.db, id);
            throw error;
          } finally {
            // Booked or refused (slot_taken), the availability we showed is stale now.
            rt.forget(siteId);
          }
        },
        rt.deps.idempotencyWaitMs,
      );
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body as object, result.status as 201);
    } finally {
      // Over, whatever the answer: attempts held back behind this one are decided now.
      arrival.leave();
    }
  });

  const ownBooking = async (siteId: string, id: string) => {
    const record = /^bk_[A-Za-z0-9_-]{10,64}$/.test(id) ? await findBookingRecord(rt.deps.db, id) : null;
    if (!record || record.site !== siteId) throw new ApiFailure('not_found', 'There is no such booking.');
    return record;
  };

  router.post('/:id/confirm', async (c) => {
    const siteId = c.get('siteId');
    const { code } = await readJson(c, confirmRequest);
    const record = await ownBooking(siteId, c.req.param('id'));
    const booking = await confirmWithCode(rt, siteId, c.req.param('id'), record.key, code);
    const contact = record.contact && { ...record.contact, country: c.get('site').country };
    return c.json(await answer(c.req.param('id'), siteId, booking, contact));
  });

  router.post('/:id/code', async (c) => {
    const siteId = c.get('siteId');
    const record = await ownBooking(siteId, c.req.param('id'));
    return c.json(await sendCodeAgain(rt, siteId, record.key));
  });

  return router;
}

interface SentTo {
  email?: string | undefined;
  /** E.164; shown in the national form the customer typed. */
  cell: string;
  country: Country;
}

/**
 * Where the customer's message went: a code goes to the e-mail when there is one, else by SMS (notify/outbox.ts,
 * and OnlineAfspraken e-mails its codes); Bookwell's own confirmation goes to both. Unsaid when the platform writes.
 */
function sentTo(site: SiteConfig, booking: PlatformBooking, to: SentTo): string[] | undefined {
  const cell = maskCell(nationalMobile(to.country, to.cell));
  if (booking.status === 'pending_code') return [to.email ? maskEmail(to.email) : cell];
  if (booking.status !== 'confirmed' && booking.status !== 'pending_approval') return undefined;
  if (!sendsCustomerMessages(site)) return undefined;
  return [...(to.email ? [maskEmail(to.email)] : []), cell];
}

function trimmed(customer: Customer): Customer {
  const out: Customer = { firstName: customer.firstName.trim(), lastName: customer.lastName.trim(), cell: customer.cell.trim() };
  for (const name of ['email', 'idNumber', 'notes'] as const) {
    const value = customer[name]?.trim();
    if (value) out[name] = value;
  }
  return out;
}

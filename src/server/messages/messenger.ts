import { markCancelled } from '../booking/caps.ts';
import { manageUrl } from '../booking/present.ts';
import { bookingReference } from '../booking/shown.ts';
import { findBookingRecord, type BookingRecord, type Contact } from '../booking/records.ts';
import { sendsCustomerMessages, type SiteConfig } from '../config/sites.ts';
import { ApiFailure } from '../errors.ts';
import { icsCalendar } from '../manage/ics.ts';
import { sealManageToken } from '../manage/token.ts';
import {
  claimDue,
  dropPending,
  enqueue,
  failAttempt,
  finish,
  recheck,
  type Audience,
  type Channel,
  type JobOutcome,
  type MessageJob,
  type NewJob,
} from '../notify/jobs.ts';
import type { OutgoingMessage } from '../notify/notifier.ts';
import { deliverOn, recordFailed } from '../notify/outbox.ts';
import { DeliveryError, type Transports } from '../notify/transports.ts';
import type { PlatformBooking } from '../providers/provider.ts';
import { calendarEvent } from '../routes/manage.ts';
import type { Runtime } from '../routes/runtime.ts';
import { composeMessage, writePrice, writeWhen } from './compose.ts';
import { issueDecisionLinks } from './decisions.ts';
import type { BookingMessageKind, MessageFacts } from './facts.ts';

/** What happened to a booking, told by the routes; each turns into jobs (migration 202). */
export interface Messenger {
  /**
   * A booking was made, or its code confirmed: tells the customer and the business, and schedules the reminder.
   * `customer`: whom it was booked for, when the caller has them at hand (else their record is read).
   */
  booked(siteId: string, bookingId: string, booking: PlatformBooking, customer?: Contact): Promise<void>;
  cancelled(siteId: string, bookingId: string): Promise<void>;
  answered(siteId: string, bookingId: string, answer: 'yes' | 'no'): Promise<void>;
  decided(siteId: string, bookingId: string, booking: PlatformBooking, decision: 'approve' | 'decline'): Promise<void>;
  /** The appointment may have moved: its reminder looks at it again now. */
  moved(bookingId: string): Promise<void>;
  /** Sends what is due now; returns how many jobs it handled. */
  runDue(): Promise<number>;
  /** Runs runDue every `everyMs` until the returned stop is called. */
  start(everyMs?: number): () => void;
}

const reminderKinds = ['reminder'];
/** A reminder found due within this much of its time is sent now, not re-timed. */
const reminderSlackMs = 60_000;

export function createMessenger(rt: Runtime, transports: Transports = {}): Messenger {
  const { db, clock, log } = rt.deps;
  const config = (siteId: string): SiteConfig | undefined => rt.deps.sites.get(siteId);

  const channelsOf = (to: { email?: string | undefined; cell?: string | undefined } | undefined): Channel[] => [
    ...(to?.email ? ['email' as const] : []),
    ...(to?.cell ? ['sms' as const] : []),
  ];

  /** A message an event calls for, before its channels are known. */
  const want = (kind: BookingMessageKind, audience: Audience, dueAt = clock()) => ({ kind, audience, dueAt });

  /**
   * Adds the jobs of one event: each wanted message on each channel its audience has. The customer's channels come
   * from `known`, or from their booking record, read once.
   */
  const add = async (siteId: string, bookingId: string, wanted: ReturnType<typeof want>[], known?: Contact) => {
    const site = config(siteId);
    if (!site || wanted.length === 0) return;
    const customer =
      wanted.some((w) => w.audience === 'customer') && sendsCustomerMessages(site)
        ? (known ?? (await findBookingRecord(db, bookingId))?.contact ?? undefined)
        : undefined;
    const jobs: NewJob[] = wanted.flatMap(({ kind, audience, dueAt }) =>
      channelsOf(audience === 'business' ? site.business : customer).map((channel) => ({ site: siteId, bookingId, kind, channel, audience, dueAt })),
    );
    await enqueue(db, clock, jobs);
  };

  const reminderAt = (siteId: string, booking: PlatformBooking) =>
    new Date(Date.parse(booking.start) - (config(siteId)?.reminderHours ?? 24) * 3_600_000);

  const confirmedJobs = (siteId: string, booking: PlatformBooking, customerKind: BookingMessageKind) => {
    const reminder = reminderAt(siteId, booking);
    return [
      want(customerKind, 'customer'),
      // Booked inside the reminder window: the booking message says it all.
      ...(reminder.getTime() > clock().getTime() && config(siteId)?.attendance !== false ? [want('reminder', 'customer', reminder)] : []),
    ];
  };

  async function facts(job: MessageJob, site: SiteConfig, record: BookingRecord, booking: PlatformBooking): Promise<MessageFacts> {
    const contact = record.contact!;
    const lang = job.audience === 'customer' ? contact.lang : site.locale;
    const [info, catalog] = await Promise.all([rt.siteInfo(site.id), rt.catalog(site.id)]);
    const branch = booking.branch ? catalog.branches.find((b) => b.id === booking.branch?.id) : undefined;
    const service = catalog.services.find((s) => s.id === booking.service.id);
    const f: MessageFacts = {
      kind: job.kind as BookingMessageKind,
      lang,
      siteName: info.name,
      sitePhone: info.phone,
      address: branch ? [branch.name, branch.address].filter(Boolean).join(', ') : info.address,
      customerName: job.audience === 'business' ? `${contact.firstName} ${contact.lastName}` : contact.firstName,
      customerCell: job.audience === 'business' ? contact.cell : undefined,
      customerEmail: job.audience === 'business' ? contact.email : undefined,
      service: booking.service.name,
      staff: booking.staff?.name,
      when: writeWhen(lang, site.timezone, booking.start),
      participants: booking.participants,
      price: writePrice(lang, site.currency, service?.price === null || service?.price === undefined ? null : service.price * booking.participants),
      reference: booking.reference || bookingReference(job.bookingId),
    };
    if (job.audience === 'customer') {
      const token = await sealManageToken(rt.keys.manage, { site: site.id, key: record.key, bookingId: job.bookingId, end: booking.end });
      f.manageUrl = manageUrl(rt.deps.publicUrl, site.id, token);
      // The answer rides in the fragment next to the token: the manage view opens with it ready to confirm.
      f.comingUrl = `${f.manageUrl}&bookwell-answer=yes`;
      f.notComingUrl = `${f.manageUrl}&bookwell-answer=no`;
    }
    if (job.kind === 'business_approval') {
      const tokens = await issueDecisionLinks(db, clock, { site: site.id, bookingId: job.bookingId, start: booking.start });
      const base = rt.deps.publicUrl.replace(/\/$/, '');
      f.approveUrl = `${base}/decide/${tokens.approve}`;
      f.declineUrl = `${base}/decide/${tokens.decline}`;
    }
    return f;
  }

  async function message(job: MessageJob, site: SiteConfig, record: BookingRecord, booking: PlatformBooking): Promise<OutgoingMessage> {
    const f = await facts(job, site, record, booking);
    const composed = composeMessage(f);
    const contact = record.contact!;
    const to =
      job.audience === 'business' ? { email: site.business?.email, cell: site.business?.cell } : { email: contact.email, cell: contact.cell };
    const withCalendar = job.audience === 'customer' && job.channel === 'email' && f.kind !== 'declined';
    let attachments: OutgoingMessage['attachments'];
    if (withCalendar) {
      const [info, catalog] = await Promise.all([rt.siteInfo(site.id), rt.catalog(site.id)]);
      // The .ics is shared and synced: it carries no manage link (routes/manage.ts).
      const event = calendarEvent(
        { site: site.id, key: record.key, bookingId: job.bookingId, end: booking.end },
        booking,
        info.name,
        catalog.branches,
        rt.deps.publicUrl,
      );
      attachments = [
        { filename: 'appointment.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: icsCalendar(event, clock()) },
      ];
    }
    return {
      site: site.id,
      kind: f.kind,
      lang: f.lang,
      to,
      subject: composed.subject,
      text: composed.text,
      html: composed.html,
      sms: composed.sms,
      attachments,
      bookingId: job.bookingId,
    };
  }

  /** One job: looks at the booking as it is now, then writes and sends. Throws to be retried. */
  async function deliver(job: MessageJob, written: { message?: OutgoingMessage }): Promise<JobOutcome> {
    const site = config(job.site);
    const record = await findBookingRecord(db, job.bookingId);
    if (!site || !record?.contact) return { outcome: 'dropped' };
    const booking = await rt.site(site.id).provider.getBooking(record.key);
    // Cancelled on the platform, not through us: it no longer counts against the customer's open bookings (caps.ts).
    if (booking.status === 'cancelled') await markCancelled(db, clock, job.bookingId);
    if (job.kind === 'reminder') {
      const now = clock().getTime();
      if (booking.status !== 'confirmed' || booking.attendance === 'no' || Date.parse(booking.start) <= now) return { outcome: 'dropped' };
      const due = reminderAt(site.id, booking);
      // Moved later: wait for the new time (moved earlier: `moved` made it due now, and it goes now).
      if (due.getTime() > now + reminderSlackMs) return { outcome: 'later', at: due };
    }
    written.message = await message(job, site, record, booking);
    await deliverOn(db, transports, job.channel, written.message, clock);
    return { outcome: 'sent' };
  }

  async function runDue(): Promise<number> {
    const due = await claimDue(db, clock);
    for (const job of due) {
      const written: { message?: OutgoingMessage } = {};
      try {
        await finish(db, clock, job, await deliver(job, written));
      } catch (error) {
        const code = error instanceof DeliveryError || error instanceof ApiFailure ? error.code : 'internal';
        const final = await failAttempt(db, clock, job, code, error instanceof DeliveryError && error.permanent);
        if (final) {
          const failed = written.message ?? placeholder(job);
          await recordFailed(db, transports, job.channel, failed, clock);
        }
        log.warn({ msg: 'message not sent', kind: job.kind, channel: job.channel, site: job.site, code, final });
      }
    }
    return due.length;
  }

  return {
    async booked(siteId, bookingId, booking, customer) {
      if (booking.status === 'confirmed') {
        await add(siteId, bookingId, [...confirmedJobs(siteId, booking, 'booked'), want('business_booked', 'business')], customer);
      } else if (booking.status === 'pending_approval') {
        await add(siteId, bookingId, [want('awaiting_approval', 'customer'), want('business_approval', 'business')], customer);
      }
    },
    async cancelled(siteId, bookingId) {
      await dropPending(db, bookingId, reminderKinds);
      await add(siteId, bookingId, [want('cancelled', 'customer'), want('business_cancelled', 'business')]);
    },
    async answered(siteId, bookingId, answer) {
      if (answer === 'yes') return;
      await dropPending(db, bookingId, reminderKinds);
      await add(siteId, bookingId, [want('business_not_coming', 'business')]);
    },
    async decided(siteId, bookingId, booking, decision) {
      if (decision === 'approve') return add(siteId, bookingId, confirmedJobs(siteId, booking, 'approved'));
      await dropPending(db, bookingId, reminderKinds);
      await add(siteId, bookingId, [want('declined', 'customer')]);
    },
    moved: (bookingId) => recheck(db, clock, bookingId, reminderKinds),
    runDue,
    start(everyMs = 5000) {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        runDue()
          .catch((error: unknown) => log.warn({ msg: 'sending messages failed', error: (error as Error).name }))
          .finally(() => (running = false));
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

/** A job that failed before its message could be written (the platform never answered) still shows in the outbox. */
function placeholder(job: MessageJob): OutgoingMessage {
  return {
    site: job.site,
    kind: job.kind as BookingMessageKind,
    lang: 'en',
    to: {},
    subject: `(${job.kind} for ${job.bookingId} could not be written)`,
    text: '',
    bookingId: job.bookingId,
  };
}

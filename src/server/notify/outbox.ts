import { systemClock, type Clock } from '../clock.ts';
import type { Queryable } from '../db/database.ts';
import type { Channel } from './jobs.ts';
import type { Notifier, OutboxEntry, OutgoingMessage } from './notifier.ts';
import { DeliveryError, type Transports } from './transports.ts';

const deliveredSecret = '(sent; the text held a code and is not kept)';

/** Writes one message on one channel to the outbox table (migrations 201, 202). */
export async function recordMessage(
  db: Queryable,
  message: OutgoingMessage,
  delivery: { channel: Channel; transport: OutboxEntry['transport']; status: OutboxEntry['status']; at: Date },
): Promise<void> {
  // A delivered code reached its owner, so the copy keeps that it went, not what it said.
  const hide = message.secret && delivery.status === 'sent';
  const email = delivery.channel === 'email';
  await db.query(
    `INSERT INTO outbox (site_id, kind, lang, to_cell, to_email, subject, body, html, booking_id, transport, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      message.site,
      message.kind,
      message.lang,
      email ? null : (message.to.cell ?? null),
      email ? (message.to.email ?? null) : null,
      message.subject,
      hide ? deliveredSecret : email ? message.text : (message.sms ?? message.text),
      email && !hide ? (message.html ?? null) : null,
      message.bookingId ?? null,
      delivery.transport,
      delivery.status,
      delivery.at.toISOString(),
    ],
  );
}

/** The channels a message has an address for. */
export function channelsOf(message: Pick<OutgoingMessage, 'to'>): Channel[] {
  return [...(message.to.email ? ['email' as const] : []), ...(message.to.cell ? ['sms' as const] : [])];
}

/**
 * Sends a message on one channel and records it: sent by its transport, or stored in the outbox when the channel
 * has none (the demo never texts a real person). Throws DeliveryError without recording: the caller decides
 * whether that was the last try.
 */
export async function deliverOn(db: Queryable, transports: Transports, channel: Channel, message: OutgoingMessage, clock: Clock): Promise<void> {
  const at = () => clock();
  if (channel === 'email') {
    const email = message.to.email;
    if (!email) throw new DeliveryError('no_address', true);
    if (!transports.email) return recordMessage(db, message, { channel, transport: 'outbox', status: 'stored', at: at() });
    await transports.email.send({ to: email, subject: message.subject, text: message.text, html: message.html, attachments: message.attachments });
    return recordMessage(db, message, { channel, transport: transports.email.name, status: 'sent', at: at() });
  }
  const cell = message.to.cell;
  if (!cell) throw new DeliveryError('no_address', true);
  if (!transports.sms) return recordMessage(db, message, { channel, transport: 'outbox', status: 'stored', at: at() });
  await transports.sms.send({ to: cell, body: message.sms ?? message.text });
  return recordMessage(db, message, { channel, transport: transports.sms.name, status: 'sent', at: at() });
}

/** Records a message that will not be sent: its last try failed. */
export function recordFailed(db: Queryable, transports: Transports, channel: Channel, message: OutgoingMessage, clock: Clock): Promise<void> {
  const transport = (channel === 'email' ? transports.email?.name : transports.sms?.name) ?? 'outbox';
  return recordMessage(db, message, { channel, transport, status: 'failed', at: clock() });
}

interface OutboxRow {
  id: number;
  site_id: string;
  kind: string;
  lang: string;
  to_cell: string | null;
  to_email: string | null;
  subject: string;
  body: string;
  html: string | null;
  booking_id: string | null;
  transport: OutboxEntry['transport'];
  status: OutboxEntry['status'];
  created_at: Date | string;
}

/** The newest messages of one site first. */
export async function readOutbox(db: Queryable, siteId: string, limit = 50): Promise<OutboxEntry[]> {
  const rows = await db.query<OutboxRow>('SELECT * FROM outbox WHERE site_id = $1 ORDER BY id DESC LIMIT $2', [siteId, limit]);
  return rows.map((r) => ({
    id: Number(r.id),
    site: r.site_id,
    kind: r.kind,
    lang: r.lang,
    to: { cell: r.to_cell, email: r.to_email },
    subject: r.subject,
    text: r.body,
    html: r.html,
    bookingId: r.booking_id,
    transport: r.transport,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/**
 * Sends at once, on the one channel the customer is told about: e-mail when they gave one, else SMS (a code
 * the customer waits for). A failure is recorded as failed and thrown.
 */
export class ChannelNotifier implements Notifier {
  constructor(
    private readonly db: Queryable,
    private readonly transports: Transports = {},
    private readonly clock: Clock = systemClock,
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    const [channel] = channelsOf(message);
    if (!channel) throw new DeliveryError('no_address', true);
    try {
      await deliverOn(this.db, this.transports, channel, message, this.clock);
    } catch (error) {
      await recordFailed(this.db, this.transports, channel, message, this.clock);
      throw error instanceof DeliveryError ? error : new DeliveryError('unknown');
    }
  }
}

/** The embedded default with no transports: messages go to the outbox table only. */
export class OutboxNotifier extends ChannelNotifier {
  constructor(db: Queryable, clock: Clock = systemClock) {
    super(db, {}, clock);
  }
}

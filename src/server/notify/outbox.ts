import { systemClock, type Clock } from '../clock.ts';
import type { Queryable } from '../db/database.ts';
import type { Notifier, OutboxEntry, OutgoingMessage } from './notifier.ts';

/** Writes one message to the outbox table (migration 201_outbox.sql). */
export async function recordMessage(
  db: Queryable,
  message: OutgoingMessage,
  delivery: { transport: OutboxEntry['transport']; status: OutboxEntry['status']; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO outbox (site_id, kind, lang, to_cell, to_email, subject, body, transport, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      message.site,
      message.kind,
      message.lang,
      message.to.cell ?? null,
      message.to.email ?? null,
      message.subject,
      message.text,
      delivery.transport,
      delivery.status,
      delivery.at.toISOString(),
    ],
  );
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
    transport: r.transport,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/**
 * The embedded default: messages go to the outbox table only, where the demo outbox page shows them.
 * Nothing leaves the machine, so a demo never texts a real person.
 */
export class OutboxNotifier implements Notifier {
  constructor(
    private readonly db: Queryable,
    private readonly clock: Clock = systemClock,
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    await recordMessage(this.db, message, { transport: 'outbox', status: 'stored', at: this.clock() });
  }
}

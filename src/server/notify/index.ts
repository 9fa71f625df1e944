import nodemailer from 'nodemailer';
import { systemClock, type Clock } from '../clock.ts';
import type { Queryable } from '../db/database.ts';
import type { Notifier } from './notifier.ts';
import { OutboxNotifier } from './outbox.ts';
import { SmtpNotifier } from './smtp.ts';

export type { Notifier, OutgoingMessage, OutboxEntry } from './notifier.ts';
export { OutboxNotifier, readOutbox, recordMessage } from './outbox.ts';
export { SmtpNotifier } from './smtp.ts';

/** SMTP when SMTP_URL is set (SMTP_FROM names the sender), otherwise the outbox only. */
export function notifierFromEnv(db: Queryable, env: NodeJS.ProcessEnv = process.env, clock: Clock = systemClock): Notifier {
  const url = env.SMTP_URL;
  if (!url) return new OutboxNotifier(db, clock);
  const from = env.SMTP_FROM || 'Bookwell <no-reply@localhost>';
  return new SmtpNotifier(db, nodemailer.createTransport(url), from, clock);
}

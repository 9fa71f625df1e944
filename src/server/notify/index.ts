import nodemailer from 'nodemailer';
import { systemClock, type Clock } from '../clock.ts';
import type { Queryable } from '../db/database.ts';
import { ChannelNotifier } from './outbox.ts';
import { SitesConfigError } from '../config/errors.ts';
import { SmtpTransport } from './smtp.ts';
import type { Transports } from './transports.ts';
import { TwilioTransport, twilioConfigFromEnv } from './twilio.ts';

export type { Notifier, OutgoingMessage, OutboxEntry, MessageKind } from './notifier.ts';
export { ChannelNotifier, OutboxNotifier, readOutbox, recordMessage } from './outbox.ts';
export { SmtpTransport } from './smtp.ts';
export { TwilioTransport } from './twilio.ts';
export type { Transports } from './transports.ts';

/** E-mail by SMTP when SMTP_URL is set (SMTP_FROM names the sender), SMS by Twilio when TWILIO_* are; else the outbox. */
export function transportsFromEnv(env: NodeJS.ProcessEnv = process.env): Transports {
  const url = env['SMTP_URL'];
  let email: SmtpTransport | undefined;
  if (url) {
    try {
      email = new SmtpTransport(nodemailer.createTransport(url), env['SMTP_FROM'] || 'Bookwell <no-reply@localhost>');
    } catch {
      throw new SitesConfigError('SMTP_URL is not a valid SMTP URL');
    }
  }
  const twilio = twilioConfigFromEnv(env);
  return { email, sms: twilio ? new TwilioTransport(twilio) : undefined };
}

/** The notifier for messages sent at once (confirmation codes), on the transports the environment configures. */
export function notifierFromEnv(db: Queryable, env: NodeJS.ProcessEnv = process.env, clock: Clock = systemClock): ChannelNotifier {
  return new ChannelNotifier(db, transportsFromEnv(env), clock);
}

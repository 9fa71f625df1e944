import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { fixedClock } from '../../src/server/clock.ts';
import type { Database } from '../../src/server/db/database.ts';
import {
  ChannelNotifier,
  OutboxNotifier,
  readOutbox,
  SmtpTransport,
  transportsFromEnv,
  type OutgoingMessage,
} from '../../src/server/notify/index.ts';
import { openTestDatabase } from './helpers/engine.ts';

const clock = fixedClock('2026-11-30T06:00:00Z');
let db: Database;
before(async () => {
  db = await openTestDatabase();
});
after(() => db.close());

let n = 0;
const message = (to: OutgoingMessage['to']): OutgoingMessage => ({
  site: `notify-${++n}-${Math.random().toString(36).slice(2, 6)}`,
  kind: 'confirmation_code',
  lang: 'nl',
  to,
  subject: 'Je bevestigingscode',
  text: 'Je code: 123456',
  secret: true,
});

describe('notifications', () => {
  it('the outbox notifier keeps every message for the demo outbox page, newest first', async () => {
    const notifier = new OutboxNotifier(db, clock);
    const first = message({ cell: '0612345678' });
    await notifier.send(first);
    await notifier.send({ ...first, text: 'Je code: 654321' });
    const entries = await readOutbox(db, first.site);
    assert.deepEqual(
      entries.map((e) => [e.text, e.to, e.transport, e.status, e.lang, e.createdAt]),
      [
        ['Je code: 654321', { cell: '0612345678', email: null }, 'outbox', 'stored', 'nl', '2026-11-30T06:00:00.000Z'],
        ['Je code: 123456', { cell: '0612345678', email: null }, 'outbox', 'stored', 'nl', '2026-11-30T06:00:00.000Z'],
      ],
    );
  });

  it('the SMTP notifier sends the e-mail and keeps a record marked sent, without the code', async () => {
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const sent: string[] = [];
    const recording = {
      sendMail: async (mail: SendMailOptions) => {
        const info = await transport.sendMail(mail);
        sent.push(JSON.parse(String(info.message)).to[0].address);
        return info;
      },
    } as Pick<Transporter, 'sendMail'>;
    const m = message({ email: 'anna@example.nl', cell: '0612345678' });
    const smtp = new ChannelNotifier(db, { email: new SmtpTransport(recording, 'Studio <no-reply@example.nl>') }, clock);
    await smtp.send(m);
    assert.deepEqual(sent, ['anna@example.nl']);
    const [entry] = await readOutbox(db, m.site);
    assert.equal(entry!.transport, 'smtp');
    assert.equal(entry!.status, 'sent');
    assert.ok(!entry!.text.includes('123456'), 'a delivered code is not kept in clear');
    // No e-mail address: the code goes by SMS, and with no SMS gateway it is kept in the outbox.
    const cellOnly = message({ cell: '+31612345678' });
    await smtp.send(cellOnly);
    assert.equal(sent.length, 1);
    assert.equal((await readOutbox(db, cellOnly.site))[0]!.status, 'stored');
  });

  it('an unreachable SMTP server fails the send without naming the recipient, and the outbox says failed', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const transports = transportsFromEnv({ SMTP_URL: `smtp://127.0.0.1:${closed}`, SMTP_FROM: 'x@example.nl' });
    assert.ok(transports.email instanceof SmtpTransport);
    const notifier = new ChannelNotifier(db, transports, clock);
    const m = message({ email: 'secret-person@example.nl' });
    await assert.rejects(notifier.send(m), (error: Error) => !error.message.includes('secret-person') && !error.message.includes('123456'));
    const [entry] = await readOutbox(db, m.site);
    assert.equal(entry!.status, 'failed');
  });

  it('without SMTP_URL or TWILIO_* messages go to the outbox only', async () => {
    assert.deepEqual(transportsFromEnv({}), { email: undefined, sms: undefined });
    assert.ok(new OutboxNotifier(db, clock) instanceof ChannelNotifier);
  });
});

import type { Transporter } from 'nodemailer';
import { systemClock, type Clock } from '../clock.ts';
import type { Queryable } from '../db/database.ts';
import type { Notifier, OutgoingMessage } from './notifier.ts';
import { recordMessage } from './outbox.ts';

const deliveredText = '(sent by e-mail; the text is not kept)';

/**
 * Sends e-mail through an SMTP server and keeps a record in the outbox, marked sent (without the text, which
 * holds a live code) or failed.
 * A message with no e-mail address (cell only) is kept in the outbox: we have no SMS gateway.
 */
export class SmtpNotifier implements Notifier {
  constructor(
    private readonly db: Queryable,
    private readonly transport: Pick<Transporter, 'sendMail'>,
    private readonly from: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    if (!message.to.email) {
      await recordMessage(this.db, message, { transport: 'outbox', status: 'stored', at: this.clock() });
      return;
    }
    try {
      await this.transport.sendMail({ from: this.from, to: message.to.email, subject: message.subject, text: message.text });
    } catch (error) {
      await recordMessage(this.db, message, { transport: 'smtp', status: 'failed', at: this.clock() });
      // The SMTP error may quote the recipient; only its code travels on.
      const code = (error as { code?: unknown }).code;
      throw new Error(`smtp send failed${typeof code === 'string' ? ` (${code})` : ''}`);
    }
    // Delivered: the code reached its owner, so the copy keeps that it went, not what it said.
    await recordMessage(this.db, { ...message, text: deliveredText }, { transport: 'smtp', status: 'sent', at: this.clock() });
  }
}

import type { Attachment } from './notifier.ts';

/** A failure a transport reports. `permanent`: trying again cannot help (an invalid number), so no retry. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    /** A short code for logs and the job row; never the recipient or the text. */
    readonly code: string,
    readonly permanent = false,
  ) {
    super(`delivery failed (${code})`);
  }
}

export interface EmailTransport {
  readonly name: 'smtp';
  send(mail: { to: string; subject: string; text: string; html?: string | undefined; attachments?: Attachment[] | undefined }): Promise<void>;
}

export interface SmsTransport {
  readonly name: 'twilio';
  /** `to` in E.164. */
  send(sms: { to: string; body: string }): Promise<void>;
}

/** The transports configured; a channel without one keeps its messages in the outbox. */
export interface Transports {
  email?: EmailTransport | undefined;
  sms?: SmsTransport | undefined;
}

import type { Language } from '../../contract/common.ts';

/** Everything the backend tells a customer or a business. */
export const messageKinds = [
  'confirmation_code',
  'booked',
  'awaiting_approval',
  'reminder',
  'approved',
  'declined',
  'cancelled',
  'business_booked',
  'business_cancelled',
  'business_not_coming',
  'business_approval',
] as const;
export type MessageKind = (typeof messageKinds)[number];

/** A file sent with an e-mail (the appointment's .ics). */
export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

/** One message. Its text and recipient are personal: never log them. */
export interface OutgoingMessage {
  /** The site id the message is sent for. */
  site: string;
  kind: MessageKind;
  lang: Language;
  /** cell in E.164 (+972501234567): what an SMS gateway takes. */
  to: { cell?: string | undefined; email?: string | undefined };
  subject: string;
  /** The e-mail's plain text. */
  text: string;
  /** The e-mail's HTML, every untrusted text in it escaped. */
  html?: string | undefined;
  /** The SMS, short; the e-mail text when absent. */
  sms?: string | undefined;
  attachments?: Attachment[] | undefined;
  /** The text holds a secret (a live code): a copy of a delivered message does not keep it. */
  secret?: boolean | undefined;
  bookingId?: string | undefined;
}

/** Sends a message now; throws when it could not leave. Confirmation codes go this way: the customer is waiting. */
export interface Notifier {
  send(message: OutgoingMessage): Promise<void>;
}

/** A message as the outbox keeps it (the demo outbox page shows these). */
export interface OutboxEntry {
  id: number;
  site: string;
  kind: string;
  lang: string;
  to: { cell: string | null; email: string | null };
  subject: string;
  text: string;
  html: string | null;
  bookingId: string | null;
  transport: 'outbox' | 'smtp' | 'twilio';
  status: 'stored' | 'sent' | 'failed';
  createdAt: string;
}

import type { Language } from '../../contract/common.ts';

/** One message to a customer. Its text and recipient are personal: never log them. */
export interface OutgoingMessage {
  /** The site id the message is sent for. */
  site: string;
  kind: 'confirmation_code';
  lang: Language;
  to: { cell?: string | undefined; email?: string | undefined };
  subject: string;
  text: string;
}

/** Sends messages to customers; throws when the message could not leave. */
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
  transport: 'outbox' | 'smtp';
  status: 'stored' | 'sent' | 'failed';
  createdAt: string;
}

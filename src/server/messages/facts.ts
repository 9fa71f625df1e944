import type { Language } from '../../contract/common.ts';
import type { MessageKind } from '../notify/notifier.ts';

/** The kinds this module writes; confirmation codes are written by the engine (code-messages.ts). */
export type BookingMessageKind = Exclude<MessageKind, 'confirmation_code'>;

/** What one message says, already in the reader's language and the site's timezone. */
export interface MessageFacts {
  kind: BookingMessageKind;
  lang: Language;
  siteName: string;
  sitePhone?: string | undefined;
  address?: string | undefined;
  /** The customer's name as they gave it. */
  customerName: string;
  customerCell?: string | undefined;
  customerEmail?: string | undefined;
  service: string;
  staff?: string | undefined;
  /** The appointment's start, written out in the language ("Tuesday 1 December, 10:00"). */
  when: string;
  participants: number;
  price?: string | undefined;
  reference: string;
  manageUrl?: string | undefined;
  comingUrl?: string | undefined;
  notComingUrl?: string | undefined;
  approveUrl?: string | undefined;
  declineUrl?: string | undefined;
}

/** One language's words for every message. */
export interface MessageTexts {
  dir: 'ltr' | 'rtl';
  subject: Record<BookingMessageKind, (f: MessageFacts) => string>;
  /** The first paragraph of the e-mail. */
  lead: Record<BookingMessageKind, (f: MessageFacts) => string>;
  /** The SMS without links; compose.ts adds them. */
  sms: Record<BookingMessageKind, (f: MessageFacts) => string>;
  labels: {
    when: string;
    service: string;
    staff: string;
    where: string;
    phone: string;
    price: string;
    participants: string;
    reference: string;
    customer: string;
    manage: string;
    coming: string;
    notComing: string;
    approve: string;
    decline: string;
    calendar: string;
  };
}

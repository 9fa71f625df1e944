import type { Attendance, BookingStatus, ErrorCode } from '../contract/index.ts';
import type { Step } from './steps/machine.ts';

/** Every event of the widget bubbles out of its shadow root so the host page can listen on any ancestor. */
const init = { bubbles: true, composed: true } as const;

/** The customer moved to another step. */
export class BookwellStepEvent extends Event {
  static readonly eventName = 'bookwell-step';
  constructor(readonly step: Step) {
    super(BookwellStepEvent.eventName, init);
  }
}

/** The customer chose a date (YYYY-MM-DD, on the site's calendar). */
export class BookwellDateEvent extends Event {
  static readonly eventName = 'bookwell-date';
  constructor(readonly date: string) {
    super(BookwellDateEvent.eventName, init);
  }
}

/** The customer chose a time (RFC 3339 start and end). */
export class BookwellTimeEvent extends Event {
  static readonly eventName = 'bookwell-time';
  constructor(
    readonly start: string,
    readonly end: string,
  ) {
    super(BookwellTimeEvent.eventName, init);
  }
}

/** What the host page may learn of a booking: never the customer's personal data. */
export interface BookedDetail {
  id: string;
  status: BookingStatus;
  start: string;
  service: { id: string; name: string };
}

/** The customer pressed Book: the booking is on its way (`start` of the chosen time, the service). */
export class BookwellSubmitEvent extends Event {
  static readonly eventName = 'bookwell-submit';
  constructor(
    readonly start: string,
    readonly service: { id: string; name: string },
  ) {
    super(BookwellSubmitEvent.eventName, init);
  }
}

/** A booking was made (its status may still wait for a code or for the business). */
export class BookwellBookedEvent extends Event {
  static readonly eventName = 'bookwell-booked';
  constructor(readonly booking: BookedDetail) {
    super(BookwellBookedEvent.eventName, init);
  }
}

/** A booking could not be made; `code` is the API's stable error code or `network`. */
export class BookwellFailedEvent extends Event {
  static readonly eventName = 'bookwell-failed';
  constructor(readonly code: ErrorCode | 'network' | 'invalid_response') {
    super(BookwellFailedEvent.eventName, init);
  }
}

/** The customer entered the right code: the booking is confirmed. */
export class BookwellConfirmedEvent extends Event {
  static readonly eventName = 'bookwell-confirmed';
  constructor(readonly booking: BookedDetail) {
    super(BookwellConfirmedEvent.eventName, init);
  }
}

/** The customer answered "are you coming?". */
export class BookwellAttendanceEvent extends Event {
  static readonly eventName = 'bookwell-attendance';
  constructor(
    readonly bookingId: string,
    readonly attendance: Attendance,
  ) {
    super(BookwellAttendanceEvent.eventName, init);
  }
}

/** The customer cancelled their appointment. */
export class BookwellCancelledEvent extends Event {
  static readonly eventName = 'bookwell-cancelled';
  constructor(readonly bookingId: string) {
    super(BookwellCancelledEvent.eventName, init);
  }
}

export interface BookwellEventMap {
  'bookwell-step': BookwellStepEvent;
  'bookwell-date': BookwellDateEvent;
  'bookwell-time': BookwellTimeEvent;
  'bookwell-submit': BookwellSubmitEvent;
  'bookwell-booked': BookwellBookedEvent;
  'bookwell-failed': BookwellFailedEvent;
  'bookwell-confirmed': BookwellConfirmedEvent;
  'bookwell-attendance': BookwellAttendanceEvent;
  'bookwell-cancelled': BookwellCancelledEvent;
}

declare global {
  interface GlobalEventHandlersEventMap extends BookwellEventMap {}
}

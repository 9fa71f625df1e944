import type { DatesQuery, TimesQuery } from '../../contract/availability.ts';
import type { Attendance, Attribution, BookingStatus } from '../../contract/bookings.ts';
import type { Branch, Service, StaffMember } from '../../contract/catalog.ts';
import type { Named, Language } from '../../contract/common.ts';
import type { Customer } from '../../contract/customer.ts';
import type { ResendResponse } from '../../contract/bookings.ts';

/**
 * One adapter per booking platform (and the embedded engine) stands behind this interface.
 * Adapters throw ApiFailure (src/server/errors.ts) with our stable codes: `slot_taken`,
 * `upstream_unavailable`, `upstream_auth`, `upstream_error`, `code_wrong`, `cancel_not_allowed`, …
 * Dates are `YYYY-MM-DD` and instants RFC 3339 with the site's offset, in the site's timezone.
 */
export interface Provider {
  /** What the platform says about the business. */
  site(): Promise<PlatformSite>;
  /** Only what the public may book: external services, service providers, in display order. */
  catalog(): Promise<PlatformCatalog>;
  /** Dates in [from, to] with at least one bookable time. The caller has checked the range length. */
  bookableDates(query: DatesQuery): Promise<string[]>;
  /** The bookable times of one date, each with the platform data needed to book it (`hold`). */
  bookableTimes(query: TimesQuery): Promise<PlatformTime[]>;
  /** Books a time named by a hold from bookableTimes. Must re-check capacity atomically. Never retried blindly. */
  book(input: BookInput): Promise<PlatformBooking>;
  /**
   * The booking an attempt cut off with this Idempotency-Key (and this time and customer) made, or null. Asked
   * first when a claim is resumed, before anything that may have changed since (the ref's age, the catalog).
   */
  findBooking?(input: BookInput): Promise<PlatformBooking | null>;
  /**
   * True when this process already knows, without asking anyone, that this time has no place left for the booking
   * (other attempts hold them): many customers on one time are then told at once instead of after a queue.
   */
  knownTaken?(input: BookInput): boolean;
  /**
   * Asked before any work on a new booking attempt (before its Idempotency-Key is claimed): `taken` as knownTaken,
   * else it may hold the attempt back while attempts ahead of it may take the last places; `leave()` when it is over.
   */
  arrive?(input: BookInput): Promise<Arrival>;
  getBooking(key: PlatformKey): Promise<PlatformBooking>;
  /** "Are you coming?": yes = iscoming 1, no = iscoming 2. */
  setAttendance(key: PlatformKey, answer: 'yes' | 'no'): Promise<PlatformBooking>;
  /** Cancels for the customer. The caller has checked the cancel rules with the booking's service. */
  cancel(key: PlatformKey): Promise<PlatformBooking>;
  /** Code confirmation, for platforms (and the engine) that have it. */
  confirmCode?(key: PlatformKey, code: string): Promise<PlatformBooking>;
  resendCode?(key: PlatformKey): Promise<ResendResponse>;
  /** The business approves or declines a booking waiting for approval; declined is cancelled. */
  decide?(key: PlatformKey, decision: 'approve' | 'decline'): Promise<PlatformBooking>;
  /**
   * For platforms that keep the cancel deadline to themselves: would a customer cancel be accepted now?
   * Asked after our own rules allow it; when present, the manage view names no deadline of its own.
   */
  cancelCheck?(key: PlatformKey): Promise<boolean>;
  /** Drops anything cached for this site (after a booking, a cancel or a webhook). */
  invalidate?(): void;
  close?(): Promise<void>;
}

/**
 * A Provider with every member named, the optional ones too (undefined where the inner provider lacks them): a
 * wrapper typed so can neither drop a member nor change what one returns (knownTaken answering through a promise).
 */
export type EveryMember<T> = { [K in keyof Required<T>]: T[K] };

export interface PlatformSite {
  name: string;
  phone?: string | undefined;
  /** The business's address as the platform has it; undefined where the platform does not say. */
  address?: string | undefined;
  calendar: 'slots' | 'open';
  /** False when the platform has no "are you coming?": the manage view does not offer it, whatever the site says. */
  attendance?: boolean;
}

/** A service as the public sees it plus the rules only the backend applies. */
export interface PlatformService extends Service {
  /** ext_can_cancel: may the customer cancel it themselves. */
  customerCanCancel: boolean;
  /** min_cancel_period: no customer cancel within this many minutes of the start. */
  cancelNoticeMinutes: number;
}

export interface PlatformCatalog {
  services: PlatformService[];
  staff: StaffMember[];
  branches: Branch[];
}

/** What a platform needs to book one time again: {slotId, vfib} on slots, {staffId} on open calendars. */
export type Hold = Record<string, string | number>;

export interface PlatformTime {
  start: string;
  end: string;
  staff: Named | null;
  placesLeft: number | null;
  /** Travels inside the signed `ref`, never readable or changeable by the browser. */
  hold: Hold;
}

/** A booking attempt's turn (Provider.arrive): `taken` when other attempts hold its places; `leave()` when it is over. */
export interface Arrival {
  taken: boolean;
  leave(): void;
}

/** The turn of an attempt nothing holds back: a platform without `arrive`, or one that knows nothing yet. */
export const noTurn: Arrival = { taken: false, leave: () => undefined };

export interface BookInput {
  service: string;
  staff: string | null;
  branch: string | null;
  start: string;
  end: string;
  hold: Hold;
  participants: number;
  /** Already validated against the site's rules; cell in national form. */
  customer: Customer;
  lang: Language;
  /** The host page's utm_* / gclid / fbclid: stored where the platform has a field, else added to the notes. */
  attribution?: Attribution | undefined;
  /**
   * The customer's Idempotency-Key. The server answers a repeated key itself; this reaches the platform for
   * the one case it cannot: a first attempt cut off by a crash. A provider that can store it (the engine)
   * returns the booking it already made for this key.
   */
  idempotencyKey: string;
  /** True when an earlier attempt with this key was cut off: the booking may exist already, look first. */
  resumed: boolean;
}

/** Identifies a booking on the platform (ids, vfib/conf). Server-side only: it travels encrypted. */
export type PlatformKey = Record<string, string>;

export interface PlatformBooking {
  key: PlatformKey;
  status: BookingStatus;
  start: string;
  end: string;
  service: Named;
  staff: Named | null;
  branch: Named | null;
  participants: number;
  attendance: Attendance;
  /** For a pending_code booking: when its hold runs out (tmp_expire_date). */
  expiresAt?: string | undefined;
  /** The platform's own booking code, shown to the customer to quote to the business. */
  reference?: string | undefined;
}

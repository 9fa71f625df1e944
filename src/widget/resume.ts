import * as z from 'zod/mini';
import { booking, type Booking } from '../contract/index.ts';

/**
 * A booking that waits for its code survives a reload of the page (the customer went to read the SMS and came back):
 * it is kept in this tab's sessionStorage, never across tabs, and dropped once confirmed or abandoned. Only a later
 * page load picks it up: another widget on the same page starts fresh.
 */
const thisPage = Math.random().toString(36).slice(2);
const kept = z.object({ page: z.string(), booking });
const key = (api: string, site: string) => `bookwell:${api}:${site}:awaiting-code`;

export function keepAwaitingCode(api: string, site: string, awaiting: Booking | undefined): void {
  try {
    if (awaiting?.status === 'pending_code') sessionStorage.setItem(key(api, site), JSON.stringify({ page: thisPage, booking: awaiting }));
    else sessionStorage.removeItem(key(api, site));
  } catch {
    // Storage may be disabled (privacy settings, sandboxed frames): then a reload starts over, as it would anyway.
  }
}

export function awaitingCode(api: string, site: string): Booking | undefined {
  try {
    const parsed = z.safeParse(kept, JSON.parse(sessionStorage.getItem(key(api, site)) ?? 'null'));
    return parsed.success && parsed.data.page !== thisPage && parsed.data.booking.status === 'pending_code' ? parsed.data.booking : undefined;
  } catch {
    return undefined;
  }
}

import * as z from 'zod/mini';
import { booking, type Booking } from '../contract/index.ts';

/**
 * A booking that waits for its code survives a reload of the page (the customer went to read the SMS and came back):
 * it is kept in this tab's sessionStorage, never across tabs, and dropped once confirmed or abandoned.
 */
const key = (site: string) => `bookwell:${site}:awaiting-code`;

export function keepAwaitingCode(site: string, awaiting: Booking | undefined): void {
  try {
    if (awaiting?.status === 'pending_code') sessionStorage.setItem(key(site), JSON.stringify(awaiting));
    else sessionStorage.removeItem(key(site));
  } catch {
    // Storage may be disabled (privacy settings, sandboxed frames): then a reload starts over, as it would anyway.
  }
}

export function awaitingCode(site: string): Booking | undefined {
  try {
    const parsed = z.safeParse(booking, JSON.parse(sessionStorage.getItem(key(site)) ?? 'null'));
    return parsed.success && parsed.data.status === 'pending_code' ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

import { ApiFailure } from '../errors.ts';
import type { PlatformBooking, PlatformKey } from '../providers/provider.ts';
import type { ResendResponse } from '../../contract/bookings.ts';
import type { Runtime } from '../routes/runtime.ts';

const notPending = () => new ApiFailure('booking_not_pending', 'This booking does not wait for a code.');

/**
 * A pending_code booking confirmed with its code: from the booking flow (session) or from its manage link. One
 * place, so both ways free the same availability and send the same messages.
 */
export async function confirmWithCode(rt: Runtime, siteId: string, bookingId: string, key: PlatformKey, code: string): Promise<PlatformBooking> {
  const provider = rt.site(siteId).provider;
  if (!provider.confirmCode) throw notPending();
  const booking = await provider.confirmCode(key, code);
  rt.forget(siteId);
  await rt.messages.booked(siteId, bookingId, booking);
  return booking;
}

/** A new code for a pending_code booking, by whichever way the customer asks. */
export async function sendCodeAgain(rt: Runtime, siteId: string, key: PlatformKey): Promise<ResendResponse> {
  const provider = rt.site(siteId).provider;
  if (!provider.resendCode) throw notPending();
  return provider.resendCode(key);
}

import type { Booking } from '../../contract/bookings.ts';
import type { PlatformBooking } from '../providers/provider.ts';
import { bookingReference } from './shown.ts';

/**
 * The manage page lives on the backend; the token rides in the fragment, which browsers never send to a server.
 * The site id (public anyway) lets the page start the widget for the right business.
 */
export function manageUrl(publicUrl: string, siteId: string, manage: string): string {
  return `${publicUrl.replace(/\/$/, '')}/manage/?site=${encodeURIComponent(siteId)}#bookwell-manage=${manage}`;
}

/** A platform booking as the customer sees it. */
export function presentBooking(id: string, siteId: string, booking: PlatformBooking, manage: string, publicUrl: string): Booking {
  return {
    id,
    status: booking.status,
    start: booking.start,
    end: booking.end,
    service: booking.service,
    staff: booking.staff,
    branch: booking.branch,
    participants: booking.participants,
    attendance: booking.attendance,
    reference: booking.reference || bookingReference(id),
    manage,
    manageUrl: manageUrl(publicUrl, siteId, manage),
  };
}

import type { RefusalReason } from '../../contract/manage.ts';
import type { PlatformBooking, PlatformService } from '../providers/provider.ts';

export interface Permission {
  allowed: boolean;
  reason?: RefusalReason;
}

const no = (reason: RefusalReason): Permission => ({ allowed: false, reason });
const yes: Permission = { allowed: true };

function closed(booking: PlatformBooking): RefusalReason | null {
  if (booking.status === 'cancelled' || booking.status === 'expired') return 'cancelled';
  if (booking.status === 'pending_code' || booking.status === 'pending_approval') return 'pending';
  return null;
}

/** The platform's cancel rules: ext_can_cancel, then min_cancel_period before the start. */
export function cancelPermission(booking: PlatformBooking, service: PlatformService | undefined, now: Date): Permission {
  const reason = closed(booking);
  if (reason) return no(reason);
  if (now.getTime() >= Date.parse(booking.start)) return no('past');
  if (!service?.customerCanCancel) return no('service_not_cancellable');
  const until = cancelUntil(booking, service);
  if (until && now.getTime() > Date.parse(until)) return no('too_late');
  return yes;
}

/** The last moment the customer may cancel, when the service lets them cancel at all. */
export function cancelUntil(booking: PlatformBooking, service: PlatformService | undefined): string | null {
  if (!service?.customerCanCancel) return null;
  return new Date(Date.parse(booking.start) - service.cancelNoticeMinutes * 60_000).toISOString();
}

/** "Are you coming?" is asked only by businesses that use it, before the appointment. */
export function attendancePermission(booking: PlatformBooking, siteAsks: boolean, now: Date): Permission {
  if (!siteAsks) return no('not_asked');
  const reason = closed(booking);
  if (reason) return no(reason);
  if (now.getTime() >= Date.parse(booking.start)) return no('past');
  return yes;
}

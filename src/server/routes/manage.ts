import { markCancelled } from '../booking/caps.ts';
import { Hono, type Context } from 'hono';
import { attendanceRequest, manageAuthScheme, type ManageView, type RevokedResponse } from '../../contract/manage.ts';
import { confirmRequest } from '../../contract/bookings.ts';
import { confirmWithCode, sendCodeAgain } from '../booking/confirm.ts';
import { presentBooking } from '../booking/present.ts';
import { ApiFailure } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { readJson } from '../http/validate.ts';
import { googleCalendarLink, icsCalendar, outlookCalendarLink, type CalendarEvent } from '../manage/ics.ts';
import { attendancePermission, cancelPermission, cancelUntil, type Permission } from '../manage/rules.ts';
import { manageLinkRevoked, revokeManageLink } from '../manage/revocation.ts';
import { openManageToken, type ManageClaims } from '../manage/token.ts';
import type { PlatformBooking, PlatformKey, Provider } from '../providers/provider.ts';
import type { Runtime } from './runtime.ts';

const authorization = new RegExp(`^${manageAuthScheme}\\s+(\\S+)$`, 'i');

/** The token from `Authorization: Bookwell-Manage <token>`; the path and query never carry it (they reach logs). */
function manageToken(c: Context<AppEnv>): string {
  const token = authorization.exec(c.req.header('authorization') ?? '')?.[1];
  if (!token) throw new ApiFailure('manage_token_invalid', `Send the manage link's token as "Authorization: ${manageAuthScheme} <token>".`);
  return token;
}

/** A cancelled appointment's link still shows it, and changes nothing more. */
function stillOpen(booking: PlatformBooking): void {
  if (booking.status === 'cancelled') throw new ApiFailure('booking_cancelled', 'This appointment was cancelled; its link can no longer change it.');
}

/**
 * /v1/manage: the link is the capability, so no session token. Calls from a browser must
 * still come from one of the site's pages or the backend's own manage page.
 */
export function manageRouter(rt: Runtime) {
  const router = new Hono<AppEnv>();

  const open = async (c: Context<AppEnv>) => {
    rt.limiter.hit(`manage:${rt.clientIp(c)}`, rt.limits.managePerIp);
    const token = manageToken(c);
    const claims = await openManageToken(rt.keys.manage, token, rt.deps.clock());
    const { config, provider } = rt.site(claims.site);
    c.set('siteId', claims.site);
    const origin = c.req.header('origin');
    if (origin && origin !== rt.ownOrigin && !config.origins.includes(origin)) {
      throw new ApiFailure('origin_not_allowed', 'This page may not manage bookings of this site.');
    }
    rt.limiter.hit(`site:${claims.site}`, rt.limits.perSite);
    if (await manageLinkRevoked(rt.deps.db, claims.bookingId)) {
      throw new ApiFailure('manage_link_revoked', 'This manage link was switched off; it no longer works.');
    }
    return { token, claims, config, provider };
  };

  const view = async (token: string, claims: ManageClaims, booking: PlatformBooking): Promise<ManageView> => {
    const [info, catalog] = await Promise.all([rt.siteInfo(claims.site), rt.catalog(claims.site)]);
    const service = catalog.services.find((s) => s.id === booking.service.id);
    const now = rt.deps.clock();
    const { provider } = rt.site(claims.site);
    const event = calendarEvent(claims, booking, info.name, catalog.branches, rt.deps.publicUrl);
    return {
      booking: presentBooking(claims.bookingId, claims.site, booking, token, rt.deps.publicUrl),
      site: {
        name: info.name,
        ...(info.phone ? { phone: info.phone } : {}),
        ...placeOf(booking, catalog.branches, info),
        timezone: info.timezone,
        locale: info.locale,
      },
      cancel: await platformCancelPermission(provider, claims.key, cancelPermission(booking, service, now)),
      attendance: attendancePermission(booking, info.attendance, now),
      cancelUntil: provider.cancelCheck ? null : cancelUntil(booking, service),
      calendar: { file: icsCalendar(event, now), google: googleCalendarLink(event), outlook: outlookCalendarLink(event) },
    };
  };

  router.get('/', async (c) => {
    const { token, claims, provider } = await open(c);
    return c.json(await view(token, claims, await provider.getBooking(claims.key)));
  });

  router.post('/', async (c) => {
    const { token, claims, provider } = await open(c);
    const { attendance } = await readJson(c, attendanceRequest);
    const [booking, info] = await Promise.all([provider.getBooking(claims.key), rt.siteInfo(claims.site)]);
    stillOpen(booking);
    const permission = attendancePermission(booking, info.attendance, rt.deps.clock());
    if (!permission.allowed) throw new ApiFailure('attendance_not_allowed', `Attendance cannot be answered (${permission.reason}).`);
    const answered = await provider.setAttendance(claims.key, attendance);
    await rt.messages.answered(claims.site, claims.bookingId, attendance);
    return c.json(await view(token, claims, answered));
  });

  router.delete('/', async (c) => {
    const { token, claims, provider } = await open(c);
    const booking = await provider.getBooking(claims.key);
    stillOpen(booking);
    const service = (await rt.catalog(claims.site)).services.find((s) => s.id === booking.service.id);
    const permission = await platformCancelPermission(provider, claims.key, cancelPermission(booking, service, rt.deps.clock()));
    if (!permission.allowed) throw new ApiFailure('cancel_not_allowed', `This booking cannot be cancelled here (${permission.reason}).`);
    const cancelled = await provider.cancel(claims.key);
    await markCancelled(rt.deps.db, rt.deps.clock, claims.bookingId);
    rt.forget(claims.site);
    await rt.messages.cancelled(claims.site, claims.bookingId);
    return c.json(await view(token, claims, cancelled));
  });

  // A booking waiting for its code, opened from its link: the link names the booking, the code proves the customer.
  router.post('/confirm', async (c) => {
    const { token, claims } = await open(c);
    const { code } = await readJson(c, confirmRequest);
    return c.json(await view(token, claims, await confirmWithCode(rt, claims.site, claims.bookingId, claims.key, code)));
  });

  router.post('/code', async (c) => {
    const { claims } = await open(c);
    return c.json(await sendCodeAgain(rt, claims.site, claims.key));
  });

  router.delete('/link', async (c) => {
    const { claims } = await open(c);
    await revokeManageLink(rt.deps.db, rt.deps.clock, claims.bookingId);
    return c.json({ revoked: true } satisfies RevokedResponse);
  });

  return router;
}

/** Where the appointment takes place: its branch's address, else the business's. */
export function placeOf(
  booking: PlatformBooking,
  branches: { id: string; address: string | null }[],
  site: { address?: string | undefined },
): { address?: string } {
  const address = branches.find((b) => b.id === booking.branch?.id)?.address || site.address;
  return address ? { address } : {};
}

/** Our rules first; then, for a platform that keeps its cancel deadline to itself, the platform's own answer. */
async function platformCancelPermission(provider: Provider, key: PlatformKey, ours: Permission): Promise<Permission> {
  if (!ours.allowed || !provider.cancelCheck) return ours;
  return (await provider.cancelCheck(key)) ? ours : { allowed: false, reason: 'too_late' };
}

/** The appointment as a calendar event; the messages attach it as .ics too. */
export function calendarEvent(
  claims: ManageClaims,
  booking: PlatformBooking,
  siteName: string,
  branches: { id: string; name: string; address: string | null }[],
  publicUrl: string,
): CalendarEvent {
  const branch = booking.branch ? branches.find((b) => b.id === booking.branch?.id) : undefined;
  const location = branch ? [branch.name, branch.address].filter(Boolean).join(', ') : (booking.branch?.name ?? siteName);
  const host = new URL(publicUrl).hostname;
  return {
    uid: `${claims.bookingId}@${host}`,
    start: booking.start,
    end: booking.end,
    summary: `${booking.service.name} – ${siteName}`,
    location,
    // No manage link: the Google link is opened on a third party's site and a calendar is shared and synced, and the
    // link is the capability to cancel. The customer's own confirmation message carries it.
    description: `${booking.staff ? `With ${booking.staff.name}. ` : ''}To change or cancel, use the link in your booking confirmation.`,
    cancelled: booking.status === 'cancelled',
  };
}

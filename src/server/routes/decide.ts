import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { findBookingRecord } from '../booking/records.ts';
import { ApiFailure } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { labelsFor, writeWhen } from '../messages/compose.ts';
import { askPage, decidePageStyle, donePage, refusedPage } from '../messages/decide-page.ts';
import { readDecisionLink, useDecisionLink, type DecisionRefusal } from '../messages/decisions.ts';
import type { Runtime } from './runtime.ts';

const styleHash = `'sha256-${createHash('sha256').update(decidePageStyle).digest('base64')}'`;

/**
 * /decide/{token}: the Approve / Decline links in the business's mail. GET shows what the link would do (mail
 * scanners open links); only the page's POST acts, once.
 */
export function decideRouter(rt: Runtime) {
  const router = new Hono<AppEnv>();
  const { db, clock } = rt.deps;

  const send = (c: Context<AppEnv>, status: 200 | 400 | 409 | 410, body: string) => {
    c.header('Content-Security-Policy', `default-src 'none'; style-src ${styleHash}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`);
    c.header('X-Frame-Options', 'DENY');
    c.header('Cache-Control', 'no-store');
    return c.html(body, status);
  };
  const refusal = (c: Context<AppEnv>, lang: Parameters<typeof refusedPage>[0], why: DecisionRefusal) =>
    send(c, why === 'invalid' ? 400 : 410, refusedPage(lang, why));
  const langOf = (site: string | undefined) => (site ? rt.deps.sites.get(site)?.locale : undefined) ?? 'en';

  router.get('/:token', async (c) => {
    rt.limiter.hit(`manage:${rt.clientIp(c)}`, rt.limits.managePerIp);
    const link = await readDecisionLink(db, clock, c.req.param('token'));
    if (typeof link === 'string') return refusal(c, 'en', link);
    const lang = langOf(link.site);
    const record = await findBookingRecord(db, link.bookingId);
    const booking = record ? await rt.site(link.site).provider.getBooking(record.key) : null;
    if (!record || !booking) return refusal(c, lang, 'invalid');
    if (booking.status !== 'pending_approval') return send(c, 409, refusedPage(lang, 'not_pending'));
    const site = rt.site(link.site).config;
    const who = record.contact ? [`${record.contact.firstName} ${record.contact.lastName}`, record.contact.cell].join(', ') : '';
    const l = labelsFor(lang);
    const details: [string, string][] = [
      [l.service, booking.service.name],
      [l.when, writeWhen(lang, site.timezone, booking.start)],
      ...(booking.staff ? [[l.staff, booking.staff.name] as [string, string]] : []),
      ...(who ? [[l.customer, who] as [string, string]] : []),
    ];
    return send(c, 200, askPage(lang, link.action, details, `${rt.deps.publicUrl.replace(/\/$/, '')}/decide/${c.req.param('token')}`));
  });

  router.post('/:token', async (c) => {
    rt.limiter.hit(`manage:${rt.clientIp(c)}`, rt.limits.managePerIp);
    let lang = 'en' as ReturnType<typeof langOf>;
    try {
      const result = await useDecisionLink(db, clock, c.req.param('token'), async (link) => {
        lang = langOf(link.site);
        const record = await findBookingRecord(db, link.bookingId);
        const { provider } = rt.site(link.site);
        if (!record || !provider.decide) throw new ApiFailure('booking_not_pending', 'This booking cannot be decided here.');
        const booking = await provider.decide(record.key, link.action);
        rt.forget(link.site);
        await rt.messages.decided(link.site, link.bookingId, booking, link.action);
        return link.action;
      });
      if (result === 'approve' || result === 'decline') return send(c, 200, donePage(lang, result));
      return refusal(c, lang, result);
    } catch (error) {
      if (error instanceof ApiFailure && error.code === 'booking_not_pending') return send(c, 409, refusedPage(lang, 'not_pending'));
      throw error;
    }
  });

  return router;
}

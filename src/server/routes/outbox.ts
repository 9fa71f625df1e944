import { Hono } from 'hono';
import { escapeHtml } from '../../embed/pages.ts';
import type { OutboxMessage } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import type { Runtime } from './runtime.ts';

/** What each kind of message is, in the words of someone trying the demo. */
const kindNames: Record<string, string> = {
  confirmation_code: 'Confirmation code',
  booked: 'Booked (to the customer)',
  awaiting_approval: 'Waiting for approval (to the customer)',
  reminder: 'Reminder: are you coming?',
  approved: 'Approved (to the customer)',
  declined: 'Declined (to the customer)',
  cancelled: 'Cancelled (to the customer)',
  business_booked: 'New booking (to the business)',
  business_cancelled: 'Cancellation (to the business)',
  business_not_coming: 'Not coming (to the business)',
  business_approval: 'To approve or decline (to the business)',
};

const style =
  'body{font:16px/1.45 system-ui,sans-serif;margin:0;padding:1rem;color:#111;background:#f6f6f8}main{max-width:46rem;margin:0 auto}' +
  'article{background:#fff;border:1px solid #ddd;border-radius:8px;padding:.75rem 1rem;margin:0 0 .75rem}' +
  'header{display:flex;flex-wrap:wrap;gap:.25rem .75rem;font-size:.9rem;color:#444}.kind{font-weight:600;color:#111}' +
  'h3{font-size:1rem;margin:.4rem 0}pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:inherit}' +
  'a{color:#1d4ed8;overflow-wrap:anywhere}.failed{color:#b91c1c;font-weight:600}';

/** Escapes the text, then makes each http(s) address in it a link (the manage, reminder and decide links). */
function withLinks(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}

function card(m: OutboxMessage): string {
  const to = m.to.email ?? m.to.cell ?? '';
  return `<article data-kind="${escapeHtml(m.kind)}"><header><span class="kind">${escapeHtml(kindNames[m.kind] ?? m.kind)}</span><time datetime="${escapeHtml(m.createdAt)}">${escapeHtml(m.createdAt)}</time><span class="to">${escapeHtml(to)}</span><span class="${m.status === 'failed' ? 'failed' : 'status'}">${escapeHtml(m.status)}</span></header><h3>${escapeHtml(m.subject)}</h3><pre>${withLinks(m.text)}</pre></article>`;
}

/**
 * GET /outbox: every message the demo would have sent (codes, booking messages, reminders, the business's
 * messages), readable on a phone, links clickable, so a person trying the demo finds the way back from here.
 * Mounted only when the engine is in use. Every text is escaped.
 */
export function outboxRouter(rt: Runtime, outbox: (siteId: string) => Promise<OutboxMessage[]>) {
  const router = new Hono<AppEnv>();
  router.get('/', async (c) => {
    const sites = [...rt.deps.sites.values()].filter((s) => s.provider.type === 'embedded');
    const sections = await Promise.all(
      sites.map(async (site) => {
        const messages = await outbox(site.id);
        return `<section><h2>${escapeHtml(site.id)}</h2>${messages.length ? messages.map(card).join('') : '<p>No messages yet.</p>'}</section>`;
      }),
    );
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    c.header('X-Frame-Options', 'DENY');
    return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>Bookwell demo outbox</title>
<style>${style}</style>
</head><body><main><h1>Demo outbox</h1><p>Messages the demo would have sent by SMS or e-mail, newest first. Open a link to manage a booking, answer a reminder, or approve as the business.</p>${sections.join('')}</main></body></html>`);
  });
  return router;
}

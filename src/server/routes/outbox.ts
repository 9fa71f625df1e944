import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import type { OutboxMessage } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import type { Runtime } from './runtime.ts';

/**
 * GET /outbox: the messages the embedded engine would have sent (confirmation codes), so a person
 * trying the demo can read their code. Mounted only when the engine is in use. Every text is escaped.
 */
export function outboxRouter(rt: Runtime, outbox: (siteId: string) => Promise<OutboxMessage[]>) {
  const router = new Hono<AppEnv>();
  router.get('/', async (c) => {
    const sites = [...rt.deps.sites.values()].filter((s) => s.provider.type === 'embedded');
    const sections = await Promise.all(
      sites.map(async (site) => {
        const messages = await outbox(site.id);
        const rows = messages.map(
          (m) => html`<tr><td>${m.createdAt}</td><td>${m.to.email ?? m.to.cell ?? ''}</td><td>${m.subject}</td><td><pre>${m.text}</pre></td><td>${m.status}</td></tr>`,
        );
        return html`<section><h2>${site.id}</h2>${
          messages.length
            ? html`<table><thead><tr><th>When</th><th>To</th><th>Subject</th><th>Message</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>`
            : html`<p>No messages yet.</p>`
        }</section>`;
      }),
    );
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    c.header('X-Frame-Options', 'DENY');
    return c.html(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bookwell demo outbox</title>
<style>${raw('body{font:15px system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;text-align:start;vertical-align:top}pre{margin:0;white-space:pre-wrap}')}</style>
</head><body><h1>Demo outbox</h1><p>Messages the demo would have sent by SMS or e-mail. Newest first.</p>${sections}</body></html>`);
  });
  return router;
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testApp } from './server-fixture.ts';

describe('GET /outbox (demo)', () => {
  it('lists the engine messages of each embedded site, every text escaped', async () => {
    const t = await testApp({
      outbox: async (site) =>
        site === 'clinic'
          ? [
              {
                id: 1,
                kind: 'confirmation_code',
                to: { cell: '0501234567', email: null },
                subject: 'Your code <b>',
                text: 'Code 123456 <script>alert(1)</script>',
                status: 'stored',
                createdAt: '2026-12-01T08:00:00.000Z',
              },
            ]
          : [],
    });
    const res = await t.app.request('/outbox');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const page = await res.text();
    assert.ok(page.includes('Code 123456 &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!page.includes('<script>'));
    assert.ok(page.includes('Your code &lt;b&gt;'));
    assert.ok(page.includes('No messages yet.'), 'the other site has none');
    await t.close();
  });

  it('shows every kind of message with its links clickable, readable on a phone', async () => {
    const manage = 'https://book.example/manage/?site=clinic#bookwell-manage=abc&bookwell-answer=yes';
    const t = await testApp({
      outbox: async (site) =>
        site === 'clinic'
          ? [
              {
                id: 2,
                kind: 'reminder',
                to: { cell: '+972501234567', email: null },
                subject: 'Reminder',
                text: `Coming? Yes: ${manage}\nPhone 03-5550000`,
                status: 'stored',
                createdAt: '2026-12-01T08:00:00.000Z',
              },
            ]
          : [],
    });
    const page = await (await t.app.request('/outbox')).text();
    assert.ok(page.includes('<meta name="viewport" content="width=device-width,initial-scale=1">'));
    const escaped = manage.replace(/&/g, '&amp;');
    assert.ok(page.includes(`<a href="${escaped}">${escaped}</a>`), 'the reminder link is a link');
    assert.ok(page.includes('Reminder: are you coming?'), 'the kind is named');
    await t.close();
  });

  it('does not exist without the embedded engine', async () => {
    const t = await testApp();
    assert.equal((await t.app.request('/outbox')).status, 404);
    await t.close();
  });
});

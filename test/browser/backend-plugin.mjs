/**
 * A @web/test-runner plugin that runs the real Bookwell backend (src/server/main.ts, embedded engine) for browser tests.
 *
 * In serverStart it writes a temporary sites file: demo/sites.json (or `sitesFile`) with the test runner's own origins
 * (http://localhost:<port> and http://127.0.0.1:<port>) added to every site's `origins`, so the widget under test may
 * ask for tokens. Each backend gets its own temporary data folder (a fresh PGlite database) and listens on a random
 * port of 127.0.0.1. All backends are killed in serverStop.
 *
 * Commands, from a test: `import { executeServerCommand } from '@web/test-runner-commands'`
 *   executeServerCommand('bookwell-backend', { tokenTtlSeconds?, name?, approvalSite?, movableClock? }) -> { api }
 *       The backend for that configuration, started on first use. `name` gives a test its own fresh database.
 *       `approvalSite` adds the site `test-approval`: demo-clinic's catalog, bookings waiting for the business's
 *       Approve / Decline, the business's messages to owner@clinic.example. `movableClock` starts it through
 *       backend-clock.mjs, whose clock 'bookwell-move-clock' moves.
 *   executeServerCommand('bookwell-move-clock', { api, to }) -> { aheadMs }
 *       Puts that backend's clock at `to` (ISO time, later than now) and keeps it running from there: what falls
 *       due by then (a reminder) is sent by the backend's own jobs within their 5 s round.
 *   executeServerCommand('bookwell-book-directly', { api, site, service, staff?, branch?, participants?, date, start, customer? })
 *       -> { booking } | { error }   Books a time through the HTTP API as "someone else" (e.g. to take a slot).
 *   executeServerCommand('bookwell-outbox-code', { api, site, to?, since?, waitMs? }) -> { code: string | null }
 *       The newest 6-digit code in the engine's outbox (GET /outbox) for that site, sent to `to` (the customer's email,
 *       or cell when they gave no email) and no older than `since` (ISO time); waits up to `waitMs` (10 s) for it.
 *   executeServerCommand('bookwell-outbox-messages', { api, site, kind, to?, since?, waitMs? }) -> { messages: [{ to, text, links }] }
 *       The outbox messages of that kind (e.g. `booked`, `reminder`, `business_approval`, `declined`), newest first,
 *       with the links in them as the outbox page makes them clickable; waits up to `waitMs` (20 s) for one.
 *
 * Usage in web-test-runner.config.mjs: `plugins: [bookwellBackend()]`. Options: { sitesFile, env, startTimeoutMs }.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(new URL('../..', import.meta.url).pathname);

export function bookwellBackend({ sitesFile = 'demo/sites.json', env = {}, startTimeoutMs = 60_000 } = {}) {
  /** @type {Map<string, Promise<{ api: string, child: import('node:child_process').ChildProcess, dir: string, lines: import('node:readline').Interface }>>} */
  const backends = new Map();
  let sitesPath = '';
  let approvalSitesPath = '';
  let tempDir = '';
  let origin = '';

  async function start(key, { tokenTtlSeconds, approvalSite, movableClock }) {
    const dataDir = await mkdtemp(join(tempDir, 'data-'));
    const entry = movableClock ? 'test/browser/backend-clock.mjs' : 'src/server/main.ts';
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: root,
      stdio: [movableClock ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        BOOKWELL_DATA: dataDir,
        BOOKWELL_SITES: approvalSite ? approvalSitesPath : sitesPath,
        // The tests read confirmation codes where a demo visitor would: the outbox page.
        BOOKWELL_OUTBOX_PAGE: '1',
        // Tests book many times from one address; the limits have their own server tests.
        BOOKWELL_RATE_LIMIT_IP: '100000',
        BOOKWELL_RATE_LIMIT_SITE: '100000',
        BOOKWELL_RATE_LIMIT_MANAGE: '100000',
        ...(tokenTtlSeconds ? { BOOKWELL_TOKEN_TTL_SECONDS: String(tokenTtlSeconds) } : {}),
        ...env,
      },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    const lines = createInterface({ input: child.stdout });
    const api = await new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`backend ${key} did not start in ${startTimeoutMs} ms\n${stderr}`)), startTimeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`backend ${key} exited with ${code}\n${stderr}`));
      });
      lines.on('line', (line) => {
        try {
          const entry = JSON.parse(line);
          if (entry.msg === 'listening' && typeof entry.url === 'string') {
            clearTimeout(timer);
            resolvePromise(entry.url);
          }
        } catch {
          // Not a JSON log line.
        }
      });
    });
    return { api, child, dir: dataDir, lines };
  }

  function backend({ tokenTtlSeconds, name = '', approvalSite = false, movableClock = false } = {}) {
    const key = `${tokenTtlSeconds ?? 'default'}:${name}:${approvalSite}:${movableClock}`;
    if (!backends.has(key)) {
      const started = start(key, { tokenTtlSeconds, approvalSite, movableClock });
      started.catch(() => backends.delete(key));
      backends.set(key, started);
    }
    return backends.get(key);
  }

  async function call(api, path, { method = 'GET', token, body, headers = {} } = {}) {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: {
        origin,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  async function bookDirectly({ api, site, service, staff, branch, participants = 1, date, start, customer }) {
    const session = await call(api, '/v1/session', { method: 'POST', body: { site } });
    if (!session.token) return { error: session.error ?? session };
    const query = new URLSearchParams({ service, participants: String(participants), date });
    if (staff) query.set('staff', staff);
    if (branch) query.set('branch', branch);
    const { times = [] } = await call(api, `/v1/availability/times?${query}`, { token: session.token });
    const time = times.find((t) => Date.parse(t.start) === Date.parse(start));
    if (!time) return { error: { code: 'no_such_time', message: `no free time at ${start}` } };
    return call(api, '/v1/bookings', {
      method: 'POST',
      token: session.token,
      headers: { 'idempotency-key': `someone-else-${Date.now()}` },
      body: {
        ref: time.ref,
        participants,
        customer: customer ?? { firstName: 'Someone', lastName: 'Else', cell: '0612345678', email: 'else@example.com' },
      },
    });
  }

  /** Moves a movable-clock backend's clock to `to`, and waits until it says so. */
  async function moveClock({ api, to }) {
    const found = await Promise.all([...backends.values()].map((b) => b.catch(() => null)));
    const running = found.find((b) => b?.api === api);
    if (!running?.child.stdin) throw new Error(`no backend with a movable clock at ${api}`);
    const aheadMs = Date.parse(to) - Date.now();
    if (!(aheadMs > 0)) throw new Error(`the clock only moves ahead, not to ${to}`);
    const moved = new Promise((resolvePromise) => {
      const seen = (line) => {
        if (!line.includes('"clock moved"')) return;
        running.lines.off('line', seen);
        resolvePromise(undefined);
      };
      running.lines.on('line', seen);
    });
    running.child.stdin.write(`${aheadMs}\n`);
    await moved;
    return { aheadMs };
  }

  /** The outbox page's rows of one site, newest first: when, to whom, and the message. */
  async function outboxRows(api, site) {
    const page = String(await call(api, '/outbox'));
    const section = page.split('<section>').find((s) => s.startsWith(`<h2>${site}</h2>`)) ?? '';
    const cards = section.matchAll(
      /<article data-kind="([^"]*)">[\s\S]*?<time datetime="([^"]*)">[\s\S]*?<span class="to">([^<]*)<\/span>[\s\S]*?<pre>([\s\S]*?)<\/pre><\/article>/g,
    );
    return [...cards].map(([, kind, at, to, text]) => ({ kind, at, to, text }));
  }

  /**
   * The newest code sent to `to` (email or cell as the outbox shows it; anyone when omitted), no older than `since`
   * (ISO time). Messages are written just after the booking answers, so it waits up to `waitMs` for one to appear.
   */
  async function outboxCode({ api, site, to, since, waitMs = 10_000 }) {
    const end = Date.now() + waitMs;
    for (;;) {
      const rows = await outboxRows(api, site);
      const row = rows.find(
        (r) =>
          r.kind === 'confirmation_code' && (!to || r.to === to) && (!since || Date.parse(r.at) >= Date.parse(since)) && /\b\d{6}\b/.test(r.text),
      );
      if (row) return /\b(\d{6})\b/.exec(row.text)[1];
      if (Date.now() > end) return null;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The messages of `kind` (to `to`, no older than `since`), newest first, and the links in them; waits up to `waitMs` for one. */
  async function outboxMessages({ api, site, kind, to, since, waitMs = 20_000 }) {
    const end = Date.now() + waitMs;
    for (;;) {
      const rows = (await outboxRows(api, site)).filter(
        (r) => r.kind === kind && (!to || r.to === to) && (!since || Date.parse(r.at) >= Date.parse(since)),
      );
      if (rows.length || Date.now() > end) {
        return rows.map((row) => ({
          to: row.to,
          text: row.text.replace(/<[^>]+>/g, '').replaceAll('&amp;', '&'),
          links: [...row.text.matchAll(/<a href="([^"]*)">/g)].map(([, href]) => href.replaceAll('&amp;', '&')),
        }));
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  return {
    name: 'bookwell-backend',

    async serverStart({ config }) {
      tempDir = await mkdtemp(join(tmpdir(), 'bookwell-wtr-'));
      const origins = [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
      origin = origins[1];
      const source = resolve(root, sitesFile);
      const sites = JSON.parse(await readFile(source, 'utf8'));
      for (const site of sites.sites) {
        site.origins = [...new Set([...(site.origins ?? []), ...origins])];
        // Catalog paths are the sites file's own: the copy names the same files wherever it is written.
        if (site.provider?.catalog) site.provider.catalog = resolve(dirname(source), site.provider.catalog);
      }
      sitesPath = join(tempDir, 'sites.json');
      await writeFile(sitesPath, JSON.stringify(sites, null, 2));
      const clinic = sites.sites.find((site) => site.id === 'demo-clinic');
      const approval = { ...clinic, id: 'test-approval', confirmation: 'approval', business: { email: 'owner@clinic.example' } };
      approvalSitesPath = join(tempDir, 'sites-approval.json');
      await writeFile(approvalSitesPath, JSON.stringify({ ...sites, sites: [...sites.sites, approval] }, null, 2));
    },

    async serverStop() {
      for (const started of backends.values()) {
        const { child } = await started.catch(() => ({ child: null }));
        child?.kill('SIGTERM');
      }
      backends.clear();
      if (tempDir) await rm(tempDir, { recursive: true, force: true }).catch(() => {});
    },

    async executeCommand({ command, payload = {} }) {
      switch (command) {
        case 'bookwell-backend': {
          const { api } = await backend(payload);
          return { api };
        }
        case 'bookwell-move-clock':
          return moveClock(payload);
        case 'bookwell-book-directly':
          return bookDirectly(payload);
        case 'bookwell-outbox-code':
          return { code: await outboxCode(payload) };
        case 'bookwell-outbox-messages':
          return { messages: await outboxMessages(payload) };
        default:
          return undefined;
      }
    },
  };
}

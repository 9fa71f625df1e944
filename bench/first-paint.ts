/**
 * First paint on a phone: Chromium at 4x CPU throttling and 100 ms RTT (1.6 Mbps down, 750 kbps up), each visit
 * in a fresh browser context (nothing cached, no open connection). Time from navigation to the first bookable
 * date: the script-tag widget on a host page against a plain page (bench/pages/plain.html) that makes the same
 * API calls and draws the date as a button. Fails when the widget's median is over 1.3x the plain page's.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { seed, siteOf, sitesFile } from './cold/seed.ts';
import { loadAverage } from './lib/load.ts';
import { root, startServer } from './lib/server.ts';

const budget = 1.3;
const visits = Number(process.env['BENCH_PAINT_VISITS'] || 9);
const chromium = process.env['CHROME_PATH'] || '/usr/bin/chromium';
const phone = { latency: 100, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };
const site = siteOf(1);

/** The host pages, on an origin of their own as a business's site would be; {{API}}, {{SITE}}, {{SERVICE}} filled in. */
async function servePages(values: Record<string, string>): Promise<{ origin: string; server: Server }> {
  const fill = (name: string) =>
    readFileSync(join(root, 'bench/pages', name), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
  const server = createServer((req, res) => {
    const name = req.url === '/widget' ? 'widget.html' : req.url === '/plain' ? 'plain.html' : null;
    if (!name) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(fill(name));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Milliseconds from navigation to the page's `firstDate` mark, in a fresh context under the phone's limits. */
async function visit(browser: Browser, url: string, trace?: string): Promise<number> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...phone });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    if (trace) await page.tracing.start({ path: trace, screenshots: false, categories: traceCategories });
    if (process.env['BENCH_PAINT_TRACE']) {
      // The main thread's long tasks (over 50 ms), from the page's first script on: what the phone's CPU was busy with.
      await page.evaluateOnNewDocument(() => {
        const tasks: [number, number][] = [];
        (globalThis as unknown as { longTasks: typeof tasks }).longTasks = tasks;
        // 'longtask' is Chromium's (Long Tasks API); this file is typed with Node's PerformanceObserver, which lacks it.
        const type = 'longtask' as never;
        new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e): [number, number] => [e.startTime, e.duration]))).observe({
          type,
          buffered: true,
        });
      });
    }
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const handle = await page.waitForFunction('window.firstDate', { timeout: 60_000, polling: 50 });
    const time = Math.round((await handle.jsonValue()) as number);
    if (process.env['BENCH_PAINT_TRACE']) {
      // The network's own times (Resource Timing), not when the page's busy main thread got round to each answer.
      const requests = (await page.evaluate(() =>
        performance.getEntriesByType('resource').map((r) => [r.name, r.startTime, (r as unknown as { responseEnd: number }).responseEnd]),
      )) as [string, number, number][];
      const ms = (t: number) => String(Math.round(t)).padStart(5);
      console.log(`${url.replace(/^.*\//, '')}: first date at ${time} ms`);
      for (const [name, start, end] of requests)
        console.log(`  ${ms(start)} -> ${ms(end)} ms  ${name.replace(/^https?:\/\/[^/]+/, '').slice(0, 70)}`);
      const tasks = (await page.evaluate('longTasks')) as [number, number][];
      for (const [start, duration] of tasks) console.log(`  ${ms(start)} -> ${ms(start + duration)} ms  long task`);
    }
    if (trace) await page.tracing.stop();
    return time;
  } finally {
    await context.close();
  }
}

/** What DevTools' Performance panel records: tasks, scripts with their JS samples, layout, network, user timings. */
const traceCategories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
  'loading',
  'netlog',
];

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

async function main() {
  const build = spawnSync(process.execPath, ['scripts/build-before-start.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the widget did not build');
  const dir = await mkdtemp(join(tmpdir(), 'bookwell-paint-'));
  // The pages listen first (the site's origins name them), and learn the backend's address once it listens.
  const values: Record<string, string> = { SITE: site };
  const pages = await servePages(values);
  const sites = join(dir, 'sites.json');
  await seed({ dataDir: join(dir, 'server', 'db') }, 1000, Date.now());
  await writeFile(sites, JSON.stringify(sitesFile([pages.origin])));
  const backend = await startServer(dir, { BOOKWELL_SITES: sites });
  let browser: Browser | undefined;
  try {
    const asked = await fetch(`${backend.url}/v1/session`, {
      method: 'POST',
      headers: { origin: pages.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ site, catalog: true }),
    });
    const { catalog } = (await asked.json()) as { catalog: { services: { id: string }[] } };
    Object.assign(values, { API: backend.url, SERVICE: catalog.services[0]!.id });
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    // One unmeasured visit each: the server's first answers compile code and fill its caches.
    await visit(browser, `${pages.origin}/widget`);
    await visit(browser, `${pages.origin}/plain`);
    const widget: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < visits; i++) {
      widget.push(await visit(browser, `${pages.origin}/widget`));
      plain.push(await visit(browser, `${pages.origin}/plain`));
    }
    // BENCH_PAINT_PROFILE=<prefix>: one more visit of each page, traced (<prefix>-widget.json, <prefix>-plain.json);
    // the files open in DevTools' Performance panel. Tracing slows the page: read its times only against each other.
    const profile = process.env['BENCH_PAINT_PROFILE'];
    for (const name of profile ? ['widget', 'plain'] : []) {
      const file = `${profile}-${name}.json`;
      console.log(`traced ${name} visit: ${await visit(browser, `${pages.origin}/${name}`, file)} ms, trace in ${file}`);
    }
    const ratio = median(widget) / median(plain);
    const ok = ratio <= budget;
    console.log(
      `\nfirst bookable date, Chromium at 4x CPU, ${phone.latency} ms RTT, 1.6 Mbps down; ${visits} visits each, fresh context; load average ${loadAverage()}`,
    );
    console.log(`widget page  median ${median(widget)} ms  (${widget.join(', ')})`);
    console.log(`plain page   median ${median(plain)} ms  (${plain.join(', ')})`);
    console.log(`widget / plain: ${ratio.toFixed(2)}x  ${ok ? 'ok' : 'FAIL'} (budget <= ${budget}x)`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await browser?.close();
    pages.server.close();
    await backend.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`first-paint bench failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});

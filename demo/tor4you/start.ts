/**
 * `npm run start:tor4you`: the Tor4You path end to end on one machine, with no Tor4You account.
 *   1. a local stand-in for the Tor4You API (test/fakes/tor4you, the strict fake the tests use),
 *   2. the real Bookwell backend (src/server/main.ts) with demo/tor4you/sites.json pointed at it,
 *   3. a pretend business website (demo/tor4you/index.html) on its own origin with two widgets.
 * The fake posts its webhooks to the backend, as Tor4You would once the URL is pasted in its settings.
 *
 * Environment: PORT (backend, default 8787), TOR4YOU_DEMO_PAGE_PORT (default 8790; 0 = any),
 * TOR4YOU_DEMO_ORIGINS (more page origins allowed, comma-separated: browser tests use it).
 * When everything is up, one JSON line `{"msg":"tor4you demo ready", api, page, fake}` goes to stdout.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startTor4YouFake } from '../../test/fakes/tor4you/server.ts';
import { credentialsEnv } from '../../test/fakes/tor4you/sites.ts';

const root = resolve(import.meta.dirname, '../..');
const env = process.env;
const say = (line: string) => process.stderr.write(`${line}\n`);

if (!existsSync(join(root, 'dist/widget.js'))) {
  say('Building the widget first (npm run build)...');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) throw new Error('the widget build failed');
}

const fake = await startTor4YouFake();
let api = '';

// The business's own website: a different origin from the backend, as in real life.
const template = await readFile(join(import.meta.dirname, 'index.html'), 'utf8');
const page = createServer((req, res) => {
  if (req.url !== '/' && req.url !== '/index.html') {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
  res.end(template.replaceAll('%BOOKWELL_URL%', api));
});
await new Promise<void>((ready) => page.listen(Number(env['TOR4YOU_DEMO_PAGE_PORT'] ?? 8790), '127.0.0.1', ready));
const pagePort = (page.address() as AddressInfo).port;
const pageUrl = `http://127.0.0.1:${pagePort}/`;

// The sites file as a business would write it, with the fake's URL and this page's origins filled in.
const tempDir = await mkdtemp(join(tmpdir(), 'bookwell-tor4you-demo-'));
const sites = JSON.parse(await readFile(join(import.meta.dirname, 'sites.json'), 'utf8')) as {
  sites: Array<{ origins: string[]; provider: { baseUrl: string } }>;
};
const extraOrigins = (env['TOR4YOU_DEMO_ORIGINS'] ?? '').split(',').filter(Boolean);
for (const site of sites.sites) {
  site.provider.baseUrl = fake.url;
  site.origins = [...new Set([`http://127.0.0.1:${pagePort}`, `http://localhost:${pagePort}`, ...extraOrigins])];
}
const sitesPath = join(tempDir, 'sites.json');
await writeFile(sitesPath, JSON.stringify(sites, null, 2));

const backend = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts')], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...env,
    HOST: '127.0.0.1',
    PORT: env['PORT'] ?? '8787',
    BOOKWELL_DATA: join(tempDir, 'data'),
    BOOKWELL_SITES: sitesPath,
    ...credentialsEnv(fake),
  },
});

async function stop(code: number): Promise<never> {
  backend.kill('SIGTERM');
  page.close();
  await fake.close();
  await rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
  process.exit(code);
}
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
backend.once('exit', (code) => {
  say(`The Bookwell backend stopped (exit ${code}).`);
  void stop(code ?? 1);
});

createInterface({ input: backend.stdout! }).on('line', (line) => {
  process.stdout.write(`${line}\n`);
  let entry: { msg?: unknown; publicUrl?: unknown };
  try {
    entry = JSON.parse(line) as typeof entry;
  } catch {
    return;
  }
  if (entry.msg !== 'listening' || typeof entry.publicUrl !== 'string' || api) return;
  api = entry.publicUrl;
  fake.webhookUrls.set(fake.slots, `${api}/v1/webhooks/tor4you/tor4you-slots`);
  fake.webhookUrls.set(fake.open, `${api}/v1/webhooks/tor4you/tor4you-open`);
  process.stdout.write(`${JSON.stringify({ msg: 'tor4you demo ready', api, page: pageUrl, fake: fake.url })}\n`);
  say(`\nTor4You demo: open ${pageUrl}\n  Bookwell backend ${api}\n  fake Tor4You API ${fake.url}\nCtrl+C stops everything.\n`);
});

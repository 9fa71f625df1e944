/**
 * One platform's demo on one machine with no account anywhere: a strict fake of the platform's API (the one the
 * tests use), the real Bookwell backend (src/server/main.ts) with the demo's sites.json pointed at it, and a
 * pretend business website on its own origin. Each platform's `demo/<platform>/start.ts` calls this.
 * When everything is up, one JSON line `{"msg": "<name> demo ready", api, page, fake}` goes to stdout.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface PlatformDemo {
  /** Lower-case platform name: the ready line, the temp folder. */
  name: string;
  /** The folder with index.html (`%BOOKWELL_URL%` is filled in) and sites.json. */
  dir: string;
  /** The running fake's base URL, written into every site's `provider.baseUrl`. */
  fakeUrl: string;
  /** The platform secrets, under the names the sites file gives. */
  credentials: NodeJS.ProcessEnv;
  /** Default port of the business page (its env variable: `<NAME>_DEMO_PAGE_PORT`). */
  pagePort: number;
  /** Called once with the backend's URL before the ready line, e.g. to point the fake's webhooks at it; a promise is awaited. */
  onReady?(api: string): unknown;
  closeFake(): Promise<void>;
}

const root = resolve(import.meta.dirname, '..');
const say = (line: string) => process.stderr.write(`${line}\n`);

export async function runPlatformDemo(demo: PlatformDemo, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const prefix = demo.name.toUpperCase();
  if (!existsSync(join(root, 'dist/widget.js'))) {
    say('Building the widget first (npm run build)...');
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
    if (build.status !== 0) throw new Error('the widget build failed');
  }
  let api = '';

  const template = await readFile(join(demo.dir, 'index.html'), 'utf8');
  const page = createServer((req, res) => {
    if (req.url !== '/' && req.url !== '/index.html') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(template.replaceAll('%BOOKWELL_URL%', api));
  });
  await new Promise<void>((ready) => page.listen(Number(env[`${prefix}_DEMO_PAGE_PORT`] ?? demo.pagePort), '127.0.0.1', ready));
  const pagePort = (page.address() as AddressInfo).port;
  const pageUrl = `http://127.0.0.1:${pagePort}/`;

  // The sites file as a business would write it, with the fake's URL and this page's origins filled in.
  const tempDir = await mkdtemp(join(tmpdir(), `bookwell-${demo.name}-demo-`));
  const sites = JSON.parse(await readFile(join(demo.dir, 'sites.json'), 'utf8')) as {
    sites: Array<{ origins: string[]; provider: { baseUrl: string } }>;
  };
  const extraOrigins = (env[`${prefix}_DEMO_ORIGINS`] ?? '').split(',').filter(Boolean);
  for (const site of sites.sites) {
    site.provider.baseUrl = demo.fakeUrl;
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
      ...demo.credentials,
    },
  });

  async function stop(code: number): Promise<never> {
    backend.kill('SIGTERM');
    page.close();
    await demo.closeFake();
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
    Promise.resolve(demo.onReady?.(api)).then(
      () => {
        process.stdout.write(`${JSON.stringify({ msg: `${demo.name} demo ready`, api, page: pageUrl, fake: demo.fakeUrl })}\n`);
        say(`\n${demo.name} demo: open ${pageUrl}\n  Bookwell backend ${api}\n  fake API ${demo.fakeUrl}\nCtrl+C stops everything.\n`);
      },
      (error: unknown) => {
        say(`The ${demo.name} demo could not finish its setup: ${(error as Error).message}`);
        void stop(1);
      },
    );
  });
}

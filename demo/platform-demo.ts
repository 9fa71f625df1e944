/**
 * One platform's demo on one machine, with no account anywhere: the platform's strict fake (started by the
 * caller), the real Bookwell backend (src/server/main.ts) with the demo's sites file pointed at the fake, and a
 * pretend business website on its own origin. When everything is up, one JSON line
 * `{"msg": "<name> demo ready", api, page, fake}` goes to stdout (browser tests wait for it).
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
  /** `timetap`: the ready line says "timetap demo ready". */
  name: string;
  /** The fake's base URL, written into every site's provider as `baseUrl`. */
  fakeUrl: string;
  /** The sites file and the business page (with `%BOOKWELL_URL%` where the backend's URL goes). */
  sitesFile: string;
  pageFile: string;
  /** The page's port (0 = any); more page origins to allow, e.g. the browser tests' own. */
  pagePort: number;
  extraOrigins: string[];
  /** The secrets the sites file names, as the business would put them in the environment. */
  env: NodeJS.ProcessEnv;
  /** Called once with the backend's URL, before the ready line (e.g. to point the fake's webhooks at it). */
  onReady(api: string): void;
  stopFake(): Promise<void>;
}

const root = resolve(import.meta.dirname, '..');
const say = (line: string) => process.stderr.write(`${line}\n`);

export async function runPlatformDemo(demo: PlatformDemo): Promise<void> {
  if (!existsSync(join(root, 'dist/widget.js'))) {
    say('Building the widget first (npm run build)...');
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
    if (build.status !== 0) throw new Error('the widget build failed');
  }
  let api = '';
  const template = await readFile(demo.pageFile, 'utf8');
  const page = createServer((req, res) => {
    if (req.url !== '/' && req.url !== '/index.html') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(template.replaceAll('%BOOKWELL_URL%', api));
  });
  await new Promise<void>((ready) => page.listen(demo.pagePort, '127.0.0.1', ready));
  const pagePort = (page.address() as AddressInfo).port;
  const pageUrl = `http://127.0.0.1:${pagePort}/`;

  // The sites file as a business would write it, with the fake's URL and this page's origins filled in.
  const tempDir = await mkdtemp(join(tmpdir(), `bookwell-${demo.name}-demo-`));
  const sites = JSON.parse(await readFile(demo.sitesFile, 'utf8')) as { sites: Array<{ origins: string[]; provider: { baseUrl?: string } }> };
  for (const site of sites.sites) {
    site.provider.baseUrl = demo.fakeUrl;
    site.origins = [...new Set([`http://127.0.0.1:${pagePort}`, `http://localhost:${pagePort}`, ...demo.extraOrigins])];
  }
  const sitesPath = join(tempDir, 'sites.json');
  await writeFile(sitesPath, JSON.stringify(sites, null, 2));

  const backend = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, HOST: '127.0.0.1', PORT: process.env['PORT'] ?? '8787', BOOKWELL_DATA: join(tempDir, 'data'), BOOKWELL_SITES: sitesPath, ...demo.env },
  });

  async function stop(code: number): Promise<never> {
    backend.kill('SIGTERM');
    page.close();
    await demo.stopFake();
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
    demo.onReady(api);
    process.stdout.write(`${JSON.stringify({ msg: `${demo.name} demo ready`, api, page: pageUrl, fake: demo.fakeUrl })}\n`);
    say(`\n${demo.name} demo: open ${pageUrl}\n  Bookwell backend ${api}\n  fake ${demo.name} API ${demo.fakeUrl}\nCtrl+C stops everything.\n`);
  });
}

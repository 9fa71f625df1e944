/** The real server (main.ts) as a child process for the benches: its own data folder, a random port, limits lifted. */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProbeFigures } from './probe.ts';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
  /** With `probe`: what the server's event loop and PGlite went through since the last reset (bench/lib/probe.ts). */
  probe?: { reset(): void; read(): Promise<ProbeFigures> };
}

const probeModule = new URL('./probe.ts', import.meta.url).href;

export async function startServer(data: string, env: Record<string, string> = {}, options: { probe?: boolean } = {}): Promise<BenchServer> {
  // The request log goes to a file, not a pipe into this process: autocannon needs the CPU here.
  const logFile = join(data, 'server.log');
  const out = openSync(logFile, 'w');
  // BENCH_SERVER_ARGS: extra node flags for the server only (e.g. --cpu-prof) when looking into a figure.
  const extra = (process.env['BENCH_SERVER_ARGS'] ?? '').split(' ').filter(Boolean);
  const probed = options.probe ? ['--import', probeModule] : [];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', ...probed, 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      BOOKWELL_DATA: join(data, 'server'),
      BOOKWELL_SITES: join(root, 'demo/sites.json'),
      // A load test is one client hammering one site: lift the limits so we measure the work, not the 429s.
      BOOKWELL_RATE_LIMIT_IP: '100000000',
      BOOKWELL_RATE_LIMIT_SITE: '100000000',
      ...env,
    },
    stdio: ['ignore', out, 'inherit', ...(options.probe ? (['ipc'] as const) : [])],
  });
  closeSync(out);
  let exited = false;
  child.once('exit', () => (exited = true));
  const started = Date.now();
  let url: string | null = null;
  while (!url) {
    if (exited) throw new Error(`the server exited before listening (log: ${logFile})`);
    if (Date.now() - started > 120_000) throw new Error('the server did not listen within 120 s');
    await new Promise((r) => setTimeout(r, 100));
    const line = readFileSync(logFile, 'utf8')
      .split('\n')
      .find((l) => l.includes('"msg":"listening"'));
    if (line) url = JSON.parse(line).url as string;
  }
  const probe = options.probe
    ? {
        reset: () => void child.send('reset'),
        read: () =>
          new Promise<ProbeFigures>((answer) => {
            child.once('message', (message) => answer((message as { probe: ProbeFigures }).probe));
            child.send('read');
          }),
      }
    : undefined;
  return {
    url,
    ...(probe ? { probe } : {}),
    stop: () => new Promise<void>((done) => (exited ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))),
  };
}

/** The real server (main.ts) as a child process for the benches: logs to a file, waits for "listening". */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../', import.meta.url));

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

export async function startServer(data: string, env: Record<string, string> = {}, name = 'server'): Promise<BenchServer> {
  // The request log goes to a file, not a pipe into this process: the load generator needs the CPU here.
  const logFile = join(data, `${name}.log`);
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      BOOKWELL_DATA: join(data, name),
      BOOKWELL_SITES: join(root, 'demo/sites.json'),
      // A load test is one client hammering one site: lift the limits so we measure the work, not the 429s.
      BOOKWELL_RATE_LIMIT_IP: '100000000',
      BOOKWELL_RATE_LIMIT_SITE: '100000000',
      ...env,
    },
    stdio: ['ignore', out, 'inherit'],
  });
  closeSync(out);
  let exited = false;
  child.once('exit', () => (exited = true));
  const started = Date.now();
  let url: string | null = null;
  while (!url) {
    if (exited) throw new Error(`the ${name} exited before listening`);
    if (Date.now() - started > 60_000) throw new Error(`the ${name} did not listen within 60 s`);
    await new Promise((r) => setTimeout(r, 100));
    const line = readFileSync(logFile, 'utf8').split('\n').find((l) => l.includes('"msg":"listening"'));
    if (line) url = JSON.parse(line).url as string;
  }
  return { url, stop: () => new Promise<void>((done) => (exited ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))) };
}

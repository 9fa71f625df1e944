/**
 * `npm run bench`: the real server (main.ts) on the embedded engine with the demo data, in a temp data
 * folder on a random port; autocannon (50 connections, 10 s, loopback) on POST /v1/session and on
 * GET /v1/availability/dates for one month (the steady state, memo warm). Fails when a budget is missed. Then the
 * cold bench (bench/cold.ts), the first paint in Chromium (bench/first-paint.ts), refs, contention, catalog-apply and size.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load as measure, loadAverage, type Figures } from './lib/load.ts';
import { root, startServer } from './lib/server.ts';

const budgets = {
  session: { minRps: 2000, maxP99: 25 },
  dates: { minRps: 1000, maxP99: 50 },
};

const load = async (name: string, options: Parameters<typeof measure>[0]): Promise<Figures & { name: string }> => ({
  name,
  ...(await measure(options)),
});

async function main() {
  const data = await mkdtemp(join(tmpdir(), 'bookwell-bench-'));
  const server = await startServer(data);
  const origin = server.url;
  let failed = false;
  try {
    const session = await fetch(`${server.url}/v1/session`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ site: 'demo-clinic' }),
    });
    if (session.status !== 200) throw new Error(`POST /v1/session answered ${session.status}: ${await session.text()}`);
    const { token } = (await session.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}`, origin };
    const catalog = (await (await fetch(`${server.url}/v1/catalog`, { headers: auth })).json()) as { services: { id: string }[] };
    const service = catalog.services[0]?.id;
    if (!service) throw new Error('the demo site has no services: are the demo catalog files (demo/data/) there?');
    const from = new Date();
    const to = new Date(from.getTime() + 29 * 86_400_000);
    const datesPath = `/v1/availability/dates?service=${service}&from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}`;
    const check = await fetch(server.url + datesPath, { headers: auth });
    if (check.status !== 200) throw new Error(`dates answered ${check.status}: ${await check.text()}`);

    const results = [
      await load('POST /v1/session', {
        url: `${server.url}/v1/session`,
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ site: 'demo-clinic' }),
      }),
      await load('GET /v1/availability/dates (one month)', { url: server.url + datesPath, headers: auth }),
    ];
    const limits = [budgets.session, budgets.dates];
    console.log(
      `\nwarm memo, load average ${loadAverage()}\n${'endpoint'.padEnd(42)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  errors`,
    );
    results.forEach((r, i) => {
      const limit = limits[i]!;
      const ok = r.rps >= limit.minRps && r.p99 <= limit.maxP99 && r.errors === 0;
      failed ||= !ok;
      console.log(
        `${r.name.padEnd(42)} ${String(r.rps).padStart(7)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)}  ${r.errors}  ${ok ? 'ok' : `FAIL (needs >= ${limit.minRps} req/s, p99 <= ${limit.maxP99} ms, no errors)`}`,
      );
    });
  } finally {
    await server.stop();
    await rm(data, { recursive: true, force: true });
  }
  const skipped = (name: string) => process.env[`BENCH_SKIP_${name.toUpperCase().replace('-', '_')}`];
  for (const name of ['cold', 'first-paint', 'refs', 'contention', 'catalog-apply', 'size'].filter((n) => !skipped(n))) {
    const extra = `bench/${name}.ts`;
    const script = join(root, extra);
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: 'inherit' });
    failed ||= run.status !== 0;
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exit(1);
});

/**
 * `npx tsx bench/catalog-apply.ts` (also run by `npm run bench`): how long the demo studio's catalog file
 * (demo/data/studio.catalog.json: two staff, four services, about 200 weekly slots over 60 days) takes to be
 * written for a new site, as at a first start, and again unchanged, as on each new day; on PGlite in a data folder
 * (as `npm start` runs it) and in memory and, with BENCH_PG_URL (a PostgreSQL database the bench may write to), on
 * PostgreSQL too. Median of `rounds` sites.
 * Budget: the first apply within 150 ms (median) on each database; one INSERT a row took 160-270 ms under load.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { applyCatalog } from '../src/server/providers/embedded/apply-catalog.ts';
import { readCatalogFile } from '../src/server/providers/embedded/catalog-file.ts';

const budgetMs = 150;
const rounds = 7;
const file = readCatalogFile(fileURLToPath(new URL('../demo/data/studio.catalog.json', import.meta.url)));
const timeZone = 'Europe/Amsterdam';

const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;
const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

async function measure(db: Database): Promise<{ cold: number; first: number; again: number; slots: number }> {
  let cold = 0;
  const first: number[] = [];
  const again: number[] = [];
  const now = Date.now();
  let slots = 0;
  for (let round = 0; round < rounds + 1; round++) {
    // A new site each round, so every first apply writes every row.
    const site = { id: `bench-studio-${process.pid}-${now}-${round}`, timeZone };
    let start = performance.now();
    const added = await applyCatalog(db, site, file, now);
    const firstMs = performance.now() - start;
    start = performance.now();
    await applyCatalog(db, site, file, now);
    const againMs = performance.now() - start;
    // The first round is the cold one a start meets (query plans, the JIT): shown, not in the median.
    if (round === 0) {
      cold = firstMs;
      continue;
    }
    first.push(firstMs);
    again.push(againMs);
    slots = added.added;
  }
  return { cold, first: median(first), again: median(again), slots };
}

async function main() {
  const folder = await mkdtemp(join(tmpdir(), 'bookwell-catalog-bench-'));
  const targets: [string, Database][] = [
    ['PGlite (folder)', await openDatabase({ dataDir: folder })],
    ['PGlite (memory)', await openDatabase({ memory: true })],
  ];
  const pgUrl = process.env['BENCH_PG_URL'];
  if (pgUrl) targets.push(['PostgreSQL', await openDatabase({ url: pgUrl })]);
  let failed = false;
  console.log(`\nthe studio's catalog file applied to a new site, median of ${rounds}; budget: first apply <= ${budgetMs} ms`);
  for (const [name, db] of targets) {
    try {
      await migrate(db);
      const figures = await measure(db);
      const ok = figures.first <= budgetMs;
      failed ||= !ok;
      console.log(
        `${name.padEnd(16)} first apply ${ms(figures.first)} (${figures.slots} slots, the very first ${ms(figures.cold)})   unchanged again ${ms(figures.again)}   ${ok ? 'ok' : 'FAIL'}`,
      );
    } finally {
      await db.close();
    }
  }
  await rm(folder, { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exit(1);
});

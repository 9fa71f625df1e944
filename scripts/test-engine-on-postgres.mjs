// The embedded engine's (and the message jobs') tests again on a PostgreSQL server (DATABASE_URL's path), when one is given:
// the same SQL must hold on PGlite and on PostgreSQL. .ci/run provides one; locally, set BOOKWELL_TEST_PG_URL.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const url = process.env.BOOKWELL_TEST_PG_URL;
if (!url) {
  console.log('engine on PostgreSQL: not run (set BOOKWELL_TEST_PG_URL to a database to run it)');
  process.exit(0);
}
// engine-demo loads the demo sites under their fixed ids, which a shared database keeps from run to run.
const files = readdirSync('test/server')
  .filter((f) => (f.startsWith('engine-') || f.startsWith('messages-')) && f.endsWith('.test.ts') && f !== 'engine-demo.test.ts')
  .map((f) => `test/server/${f}`);
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);

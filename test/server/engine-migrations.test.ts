/**
 * Migrations at start: every file once, also when two backend instances start together on one PostgreSQL
 * (run with BOOKWELL_TEST_PG_URL; on PGlite the same test runs in one process).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { migrate, migrationFiles } from '../../src/server/db/migrate.ts';

const url = process.env.BOOKWELL_TEST_PG_URL;
const opened: Database[] = [];

async function freshDatabases(): Promise<[Database, Database]> {
  if (!url) {
    const db = await openDatabase({ memory: true });
    opened.push(db);
    return [db, db];
  }
  // A schema of its own, so "fresh" holds on a database other tests have migrated already.
  const schema = `migrate_${Math.random().toString(36).slice(2, 10)}`;
  const admin = await openDatabase({ url });
  opened.push(admin);
  await admin.query(`CREATE SCHEMA ${schema}`);
  const inSchema = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const pair: [Database, Database] = [await openDatabase({ url: inSchema }), await openDatabase({ url: inSchema })];
  opened.push(...pair);
  return pair;
}

describe('migrations', () => {
  after(async () => {
    for (const db of new Set(opened)) await db.close();
  });

  it('two instances starting together apply every migration exactly once, without an error', async () => {
    const files = (await migrationFiles()).map((f) => f.name);
    const [first, second] = await freshDatabases();
    const [a, b] = await Promise.all([migrate(first), migrate(second)]);
    assert.deepEqual([...a, ...b].sort(), files, 'each file applied by one of them');
    const rows = await first.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    assert.deepEqual(
      rows.map((r) => r.name),
      files,
    );
    assert.deepEqual(await migrate(first), [], 'a later start has nothing to do');
  });
});

/** One multi-row INSERT for a catalog's rows: past PostgreSQL's 65,535 parameters it takes more statements, losing no row. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../src/server/db/database.ts';
import { insertRows } from '../../src/server/db/insert-rows.ts';
import { openTestDatabase } from './helpers/engine.ts';

let db: Database;
before(async () => {
  db = await openTestDatabase();
});
after(() => db.close());

describe(`insertRows (${process.env.BOOKWELL_TEST_PG_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('writes 25,000 rows of three columns (75,000 parameters) and returns every one, in order', async () => {
    const rows = Array.from({ length: 25_000 }, (_, i) => [i, i % 7, i % 3 === 0 ? null : `row ${i}`]);
    const { returned, stored } = await db.transaction(async (tx) => {
      // A table of this transaction's connection only, so runs on one PostgreSQL cannot meet.
      await tx.query('CREATE TEMP TABLE rows_test (n integer PRIMARY KEY, weekday integer NOT NULL, note text) ON COMMIT DROP');
      const returned = await insertRows<{ n: number }>(tx, 'rows_test', ['n', 'weekday', 'note'], rows, 'RETURNING n');
      const stored = await tx.query<{ count: number; notes: number; sum: number }>(
        'SELECT count(*)::int AS count, count(note)::int AS notes, sum(weekday)::int AS sum FROM rows_test',
      );
      return { returned, stored: stored[0]! };
    });
    assert.deepEqual(
      returned.map((r) => r.n),
      rows.map((r) => r[0]),
    );
    assert.deepEqual(stored, {
      count: rows.length,
      notes: rows.filter((r) => r[2] !== null).length,
      sum: rows.reduce((sum, r) => sum + (r[1] as number), 0),
    });
  });

  it('writes nothing, and asks nothing, for no rows', async () => {
    const asked: string[] = [];
    const returned = await insertRows({ query: async (sql) => (asked.push(sql), []) }, 'rows_test', ['n'], []);
    assert.deepEqual([returned, asked], [[], []]);
  });
});

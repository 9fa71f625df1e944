import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type Database } from '../../src/server/db/database.ts';

/**
 * PGlite runs in a worker thread (src/server/db/pglite-thread.ts): while it works, the server's thread answers other
 * customers; a transaction still has the database to itself, rolls back when its code throws, and a database
 * error reaches the caller with its code.
 */
describe('PGlite in a worker thread', () => {
  let db: Database;
  before(async () => {
    db = await openDatabase({ memory: true });
    await db.query('CREATE TABLE places (id integer PRIMARY KEY, taken boolean NOT NULL)');
  });
  after(() => db.close());

  it('leaves the server thread free while a statement runs', async () => {
    // Work queued behind the statement on this thread: in this thread's PGlite it could only run after the answer.
    let ranMeanwhile = false;
    setImmediate(() => (ranMeanwhile = true));
    const [row] = await db.query<{ n: string }>('SELECT sum(g)::text AS n FROM generate_series(1, 3000000) g');
    assert.equal(row!.n, '4500001500000');
    assert.equal(ranMeanwhile, true, 'other work ran while PGlite computed');
  });

  it('gives a transaction the database to itself: a read asked meanwhile sees it committed', async () => {
    let readWhileOpen: Promise<Array<{ n: number }>> | null = null;
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO places VALUES (1, true)');
      readWhileOpen = db.query<{ n: number }>('SELECT count(*)::int AS n FROM places');
      // Let the read reach the worker before the commit does.
      await new Promise((r) => setTimeout(r, 20));
      await tx.query('INSERT INTO places VALUES (2, true)');
    });
    assert.deepEqual(await readWhileOpen!, [{ n: 2 }]);
  });

  it('runs a transaction asked for while another one awaits something else, after that one', async () => {
    await db.query('CREATE TABLE visits (n integer PRIMARY KEY)');
    const order: string[] = [];
    let second: Promise<unknown> | null = null;
    const first = db.transaction(async (tx) => {
      await tx.query('INSERT INTO visits VALUES (1)');
      // Midway, awaiting a timer: a BEGIN that blocked this thread now would keep the timer from ever firing.
      second = db.transaction(async (other) => {
        order.push(`second sees ${(await other.query<{ n: number }>('SELECT count(*)::int AS n FROM visits'))[0]!.n}`);
      });
      await new Promise((r) => setTimeout(r, 20));
      await tx.query('INSERT INTO visits VALUES (2)');
      order.push('first done');
    });
    const started = Date.now();
    await first;
    await second;
    assert.deepEqual(order, ['first done', 'second sees 2']);
    assert.ok(Date.now() - started < 5000, 'no statement waited for its timeout');
  });

  it('gives back-to-back transactions the connection in turn, each seeing the one before', async () => {
    await db.query('CREATE TABLE counter (n integer NOT NULL)');
    await db.query('INSERT INTO counter VALUES (0)');
    // Started together: each BEGIN is waited for in turn, none sees the counter half-way.
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          const [{ n }] = (await tx.query<{ n: number }>('SELECT n FROM counter')) as [{ n: number }];
          await tx.query('UPDATE counter SET n = $1', [n + 1]);
        }),
      ),
    );
    assert.deepEqual(await db.query('SELECT n FROM counter'), [{ n: 20 }]);
  });

  it('rolls back when the transaction throws, and keeps the database error code', async () => {
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO places VALUES (3, true)');
        throw new Error('the customer left');
      }),
      /the customer left/,
    );
    const failure = await db.transaction((tx) => tx.query('INSERT INTO places VALUES (1, false)')).catch((error: unknown) => error);
    assert.equal((failure as { code?: string }).code, '23505', 'unique violation');
    assert.deepEqual(await db.query('SELECT id FROM places ORDER BY id'), [{ id: 1 }, { id: 2 }]);
  });
});

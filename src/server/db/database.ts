import { mkdir } from 'node:fs/promises';
import type { Pool, PoolClient } from 'pg';
import { openPGliteThread } from './pglite-thread.ts';

/** What runs SQL: the database itself, or one transaction on it. Parameters are $1, $2, … */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  /** Runs fn in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

/**
 * PGlite (Postgres in WASM) in a folder on disk by default, in a worker thread (pglite-thread.ts says why); a
 * PostgreSQL server through `pg` when a URL is given, so several backend instances can share it. The same SQL runs
 * on both. `inThisThread` runs PGlite on the caller's thread instead (BOOKWELL_PGLITE_WORKER=0: to compare).
 */
export async function openDatabase(options: {
  dataDir?: string;
  url?: string | undefined;
  memory?: boolean;
  inThisThread?: boolean;
}): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  const dir = options.memory ? undefined : options.dataDir;
  if (dir) await mkdir(dir, { recursive: true });
  return options.inThisThread ? openPGlite(dir) : openPGliteThread(dir);
}

async function openPGlite(dir: string | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = dir ? await PGlite.create(dir) : await PGlite.create();
  return {
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    // PGlite runs one transaction at a time, so a transaction here is also a lock on the whole database.
    transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      return db.transaction((tx) =>
        fn({
          async query<R>(sql: string, params: unknown[] = []) {
            return (await tx.query<R>(sql, params)).rows;
          },
        }),
      );
    },
    close: () => db.close(),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const run = async <T>(client: Pool | PoolClient, sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[];
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: (sql, params) => run(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

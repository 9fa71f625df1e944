import { mkdir, readFile } from 'node:fs/promises';
import type { Pool, PoolClient } from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { openPGliteThread } from './pglite-thread.ts';
import { pgliteOptions, type PGliteImage, type PGliteStart } from './pglite-start.ts';

export type { PGliteImage } from './pglite-start.ts';

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
  /** In memory only: start from this image instead of an empty database. */
  image?: PGliteImage;
  inThisThread?: boolean;
}): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  const dir = options.memory ? undefined : options.dataDir;
  if (dir) await mkdir(dir, { recursive: true });
  const start: PGliteStart = { dir, image: options.memory ? options.image : undefined };
  return options.inThisThread ? openPGlite(start) : openPGliteThread(start);
}

/**
 * Makes an image: a database in memory, made ready by `prepare` (migrated, say), dumped. Tests open hundreds of
 * databases; from one image each opens in a third of the time, and Node 24 is spared the churn of compiling and
 * freeing PGlite's WASM again and again that crashes it now and then (nodejs/node#64500).
 */
export async function pgliteImage(prepare: (db: Database) => Promise<unknown>): Promise<PGliteImage> {
  const wasm = await WebAssembly.compile(await readFile(new URL('./pglite.wasm', import.meta.resolve('@electric-sql/pglite'))));
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ pgliteWasmModule: wasm });
  try {
    await prepare(wrapPGlite(db));
    return { data: await db.dumpDataDir('none'), wasm };
  } finally {
    await db.close();
  }
}

async function openPGlite(start: PGliteStart): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  return wrapPGlite(await PGlite.create(pgliteOptions(start)));
}

function wrapPGlite(db: PGlite): Database {
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

import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './database.ts';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies every migrations/NNN_name.sql not applied yet, in name order, each in its own transaction.
 * Each module owns its own files (engine 0xx, server 1xx, notifications 2xx), so they never collide.
 */
export async function migrate(db: Database): Promise<string[]> {
  // Several instances may start together on one PostgreSQL: a transaction-scoped advisory lock lets one migrate at a time.
  const lock = (tx: Queryable) => tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
  await db.transaction(async (tx) => {
    await lock(tx);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  });
  const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
  const done: string[] = [];
  for (const file of files) {
    const sql = await readFile(migrationsDir + file, 'utf8');
    const applied = await db.transaction(async (tx) => {
      await lock(tx);
      if ((await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [file])).length > 0) return false;
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      return true;
    });
    if (applied) done.push(file);
  }
  return done;
}

/** Any fixed number: it names Bookwell's migration lock among the database's advisory locks. */
const migrationLock = 8_787_001;

/** Parameterised queries take one statement at a time; migrations keep to plain `;`-ended statements. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}

import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { platforms } from '../providers/registry.ts';
import type { Database, Queryable } from './database.ts';

const folders = [new URL('./migrations/', import.meta.url), ...platforms.flatMap((p) => (p.migrations ? [p.migrations] : []))];

/**
 * Every NNN_name.sql of the backend (./migrations) and of each platform (its folder's migrations/), in name
 * order. Each module owns a number range (engine 0xx, server 1xx, notifications 2xx, platforms from 3xx, see
 * providers/README.md), so files never collide and a name once applied keeps meaning the same file.
 */
export async function migrationFiles(): Promise<Array<{ name: string; path: string }>> {
  const files: Array<{ name: string; path: string }> = [];
  for (const folder of folders) {
    const dir = fileURLToPath(folder);
    for (const name of await readdir(dir)) if (name.endsWith('.sql')) files.push({ name, path: dir + name });
  }
  const names = files.map((f) => f.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new Error(`two migrations are named ${twice}`);
  return files.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Applies every migration not applied yet, in name order, each in its own transaction. */
export async function migrate(db: Database): Promise<string[]> {
  // Several instances may start together on one PostgreSQL: a transaction-scoped advisory lock lets one migrate at a time.
  const lock = (tx: Queryable) => tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
  await db.transaction(async (tx) => {
    await lock(tx);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  });
  const done: string[] = [];
  for (const { name: file, path } of await migrationFiles()) {
    const sql = await readFile(path, 'utf8');
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

/**
 * Parameterised queries take one statement at a time; migrations keep to `;`-ended statements, where a `;` at the
 * end of a line inside a $$-quoted function body belongs to the body.
 */
function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  // Odd pieces are inside $$ … $$.
  sql.split('$$').forEach((piece, i) => {
    if (i > 0) current += '$$';
    if (i % 2 === 1) return void (current += piece);
    const parts = piece.split(/;\s*$/m);
    current += parts[0];
    for (const part of parts.slice(1)) {
      statements.push(current);
      current = part;
    }
  });
  statements.push(current);
  return statements.map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter(Boolean);
}

import type { Queryable } from './database.ts';

/** PostgreSQL (and so PGlite) takes at most this many parameters in one statement. */
const maxParameters = 65_535;

/**
 * Adds the rows with one multi-row INSERT (more only past the parameter limit): a round trip per row made a
 * catalog's first apply take seconds. `then` follows the VALUES (ON CONFLICT …, RETURNING …); the returned rows
 * of every statement come back together.
 */
export async function insertRows<T = Record<string, unknown>>(
  tx: Queryable,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  then = '',
): Promise<T[]> {
  const perStatement = Math.floor(maxParameters / columns.length);
  const returned: T[] = [];
  for (let first = 0; first < rows.length; first += perStatement) {
    const batch = rows.slice(first, first + perStatement);
    const values = batch.map((_, row) => `(${columns.map((_, column) => `$${row * columns.length + column + 1}`).join(', ')})`);
    returned.push(...(await tx.query<T>(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ${then}`, batch.flat())));
  }
  return returned;
}

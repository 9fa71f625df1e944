import { openDatabase, pgliteImage, type Database, type PGliteImage } from '../../../src/server/db/database.ts';
import { migrate } from '../../../src/server/db/migrate.ts';

let image: Promise<PGliteImage> | undefined;

/**
 * A migrated PGlite in memory, in its worker thread as the server runs it. Every one a test process opens starts
 * from one image, made (migrated from nothing) at its first call: see pgliteImage for why.
 */
export async function migratedMemoryDatabase(): Promise<Database> {
  image ??= pgliteImage(migrate);
  const db = await openDatabase({ memory: true, image: await image });
  // Nothing to apply: the image is migrated. This still checks that it is.
  await migrate(db);
  return db;
}

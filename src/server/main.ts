/** Starts the Bookwell backend: `npm start` (start.ts does the work). */
import { SitesConfigError } from './config/sites.ts';
import { startBackend } from './start.ts';

startBackend(process.env).catch((error: unknown) => {
  // Configuration problems are told plainly; anything else by its kind only (it may quote a secret).
  const known = error instanceof SitesConfigError;
  process.stderr.write(
    `Bookwell could not start: ${known ? (error as Error).message : error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`,
  );
  process.exit(1);
});

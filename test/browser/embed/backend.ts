import { startedServer } from '../start-backend.ts';

/** The real backend for one test file (its own fresh database), from backend-plugin.mjs. */
export async function startBackend(name: string): Promise<string> {
  return (await startedServer<{ api: string }, { name: string }>('bookwell-backend', { name })).api;
}

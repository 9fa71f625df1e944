import { executeServerCommand } from '@web/test-runner-commands';

/**
 * The real backend for one test file (its own fresh database), from backend-plugin.mjs. A first start on a busy
 * machine can outlast one command's 20 s: the plugin keeps starting it, so asking again waits on the same start.
 */
export async function startBackend(name: string): Promise<string> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const { api } = (await executeServerCommand('bookwell-backend', { name })) as { api: string };
      return api;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

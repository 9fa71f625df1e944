/** Asks a test plugin for a server it starts on first use, however long that start takes on a busy machine. */
import { executeServerCommand } from '@web/test-runner-commands';

export async function startedServer<T, P = Record<string, never>>(command: string, payload: P): Promise<T> {
  // The runner gives a command 20 s to answer; the plugin keeps starting the server, and asking again waits for the same one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await executeServerCommand<T, P>(command, payload);
    } catch (error) {
      if (attempt >= 4 || !String(error).includes('Did not receive a server response')) throw error;
    }
  }
}

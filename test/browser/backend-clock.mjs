/**
 * The backend as src/server/main.ts starts it, with one difference for end-to-end tests: its clock can be moved.
 * A line on stdin holding a number of milliseconds puts the clock that far ahead of the real time (answered by a
 * `clock moved` log line), so a reminder falls due as it would a day later, and the same jobs send it. Started only
 * by backend-plugin.mjs for a test that asks for `movableClock`.
 */
import { createInterface } from 'node:readline';
import { startBackend } from '../../src/server/start.ts';

let aheadMs = 0;
createInterface({ input: process.stdin }).on('line', (line) => {
  const ms = Number(line);
  if (!Number.isFinite(ms)) return;
  aheadMs = ms;
  process.stdout.write(`${JSON.stringify({ msg: 'clock moved', aheadMs })}\n`);
});

startBackend(process.env, () => new Date(Date.now() + aheadMs)).catch((error) => {
  process.stderr.write(`Bookwell could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

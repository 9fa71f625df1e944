/** autocannon runs as the benches report them: 50 connections, a short unmeasured warm-up, the machine's load beside each figure. */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import type { ProbeFigures } from './probe.ts';

export const duration = Number(process.env['BENCH_SECONDS'] || 10);

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  /** Timeouts, connection errors and answers that are not what the run expects. */
  errors: number;
  /** The 1-minute load average when the run ended. */
  load: number;
  /** The server's event loop (and PGlite's lock) during the measured run, when the server was started with a probe. */
  probe?: ProbeFigures;
}

interface Probe {
  reset(): void;
  read(): Promise<ProbeFigures>;
}

/** `wrong` counts unexpected answers itself (a mix where a 409 is fine); without it every non-2xx is an error. */
export async function load(options: autocannon.Options, wrong?: () => number, seconds = duration, probe?: Probe): Promise<Figures> {
  // A short unmeasured run first: the first second is the JIT compiling, not the server's pace.
  await autocannon({ connections: 50, ...options, duration: Math.min(2, seconds) });
  const before = wrong?.() ?? 0;
  probe?.reset();
  const result = await autocannon({ connections: 50, ...options, duration: seconds });
  const probed = await probe?.read();
  return {
    ...(probed ? { probe: probed } : {}),
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + (wrong ? wrong() - before : result.non2xx),
    load: Number(loadavg()[0]!.toFixed(2)),
  };
}

export const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

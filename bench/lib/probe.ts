/**
 * Loaded into the bench's server process (`node --import ./bench/lib/probe.ts`): what the server's event loop went
 * through during one load run, so a tail can be read as queueing, a stalled loop, garbage collection or a wait for
 * PGlite's lock. The bench asks over the IPC channel: 'reset' at the start of a measured run, 'read' at its end.
 * Nothing here changes what the server does; PGlite's two locks are only timed.
 */
import { monitorEventLoopDelay, performance, PerformanceObserver, type EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

export interface ProbeFigures {
  /** Event-loop delay (how late a 10 ms timer fired), ms. */
  loopP50: number;
  loopP99: number;
  loopMax: number;
  /** Share of the time the event loop was busy (0..1). */
  utilization: number;
  gcMs: number;
  gcMaxMs: number;
  /** Share of the time worker threads' loops were busy (the PGlite worker's, when it runs in one), summed. */
  workers: number | null;
  /**
   * PGlite only. It has one connection: a statement outside a transaction, or a whole transaction, takes it
   * (`takes`); the wait for it, how long takes held it, and how long transactions held it from BEGIN to COMMIT.
   */
  pglite: null | {
    takes: number;
    transactions: number;
    waitP99: number;
    waitMax: number;
    holdMs: number;
    txHoldP50: number;
    txHoldP99: number;
    txHoldMax: number;
    /** Time in PGlite's synchronous WASM calls (part of holdMs), the loop blocked. */
    wasmMs: number;
    wasmMaxMs: number;
  };
}

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let since = performance.eventLoopUtilization();
let gc: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gc.push(entry.duration);
}).observe({ entryTypes: ['gc'] });

// Worker threads the server talks to, seen as they are first posted to.
const workers = new Map<Worker, EventLoopUtilization>();
const workerProto = Worker.prototype as unknown as { postMessage: (this: Worker, ...args: unknown[]) => void };
const post = workerProto.postMessage;
workerProto.postMessage = function (this: Worker, ...args: unknown[]) {
  if (!workers.has(this)) workers.set(this, this.performance.eventLoopUtilization());
  post.apply(this, args);
};

let waits: number[] = [];
let txHolds: number[] = [];
let wasm: number[] = [];
let holdMs = 0;
let takes = 0;
let transactions = 0;
let sawPGlite = false;

const quantile = (values: number[], q: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const round = (n: number) => Math.round(n * 10) / 10;

try {
  const { PGlite } = await import('@electric-sql/pglite');
  const proto = PGlite.prototype as unknown as Record<string, (...args: any[]) => any>;
  // Every query and every transaction first takes the transaction lock (one connection, so one at a time).
  const exclusive = proto['_runExclusiveTransaction']!;
  proto['_runExclusiveTransaction'] = function (this: unknown, fn: () => Promise<unknown>) {
    sawPGlite = true;
    const asked = performance.now();
    return exclusive.call(this, async () => {
      const started = performance.now();
      waits.push(started - asked);
      try {
        return await fn();
      } finally {
        holdMs += performance.now() - started;
        takes++;
      }
    });
  };
  const transaction = proto['transaction']!;
  // A transaction holds the lock from BEGIN to COMMIT, its JavaScript between statements included.
  proto['transaction'] = function (this: unknown, fn: (tx: unknown) => Promise<unknown>) {
    transactions++;
    return transaction.call(this, async (tx: unknown) => {
      const started = performance.now();
      try {
        return await fn(tx);
      } finally {
        txHolds.push(performance.now() - started);
      }
    });
  };
  const raw = proto['execProtocolRawSync']!;
  proto['execProtocolRawSync'] = function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    try {
      return raw.apply(this, args);
    } finally {
      wasm.push(performance.now() - started);
    }
  };
} catch {
  // No PGlite in this process: the loop figures alone.
}

function read(): ProbeFigures {
  const busy = performance.eventLoopUtilization(since);
  return {
    loopP50: round(loop.percentile(50) / 1e6),
    loopP99: round(loop.percentile(99) / 1e6),
    loopMax: round(loop.max / 1e6),
    utilization: Math.round(busy.utilization * 100) / 100,
    gcMs: round(gc.reduce((a, b) => a + b, 0)),
    gcMaxMs: round(Math.max(0, ...gc)),
    workers:
      workers.size === 0
        ? null
        : Math.round([...workers].reduce((sum, [worker, from]) => sum + worker.performance.eventLoopUtilization(from).utilization, 0) * 100) / 100,
    pglite: sawPGlite
      ? {
          takes,
          transactions,
          waitP99: round(quantile(waits, 0.99)),
          waitMax: round(Math.max(0, ...waits)),
          holdMs: round(holdMs),
          txHoldP50: round(quantile(txHolds, 0.5)),
          txHoldP99: round(quantile(txHolds, 0.99)),
          txHoldMax: round(Math.max(0, ...txHolds)),
          wasmMs: round(wasm.reduce((a, b) => a + b, 0)),
          wasmMaxMs: round(Math.max(0, ...wasm)),
        }
      : null,
  };
}

function reset() {
  loop.reset();
  for (const worker of workers.keys()) workers.set(worker, worker.performance.eventLoopUtilization());
  since = performance.eventLoopUtilization();
  gc = [];
  waits = [];
  txHolds = [];
  wasm = [];
  holdMs = 0;
  takes = 0;
  transactions = 0;
}

if (process.send) {
  process.channel?.unref();
  process.on('message', (message) => {
    if (message === 'reset') reset();
    if (message === 'read') process.send!({ probe: read() });
  });
}

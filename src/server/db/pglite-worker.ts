/**
 * The worker thread that holds PGlite (see pglite-thread.ts): PGlite runs Postgres in WASM synchronously, so in
 * the server's own thread every statement stops every request. Here it stops only this thread.
 *
 * Statements outside a transaction arrive as messages and answer as messages. A transaction takes PGlite's one
 * connection from BEGIN to COMMIT; its statements arrive on a port of their own and are answered with a wake-up
 * on shared memory, because the server's thread waits for them synchronously (pglite-thread.ts says why).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pgliteOptions, type PGliteStart } from './pglite-start.ts';

export interface WorkerData {
  /** The folder (none: in memory) and the image to start from; an image's compiled WASM is shared with this thread. */
  start: PGliteStart;
  /** Int32 slot the server's thread waits on for a transaction statement's answer. */
  signal: SharedArrayBuffer;
  /** Where transaction statements arrive and their answers leave. */
  txPort: MessagePort;
}

export type Request =
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  | { id: number; op: 'begin' }
  | { id: number; op: 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'close' };

/** A statement of an open transaction. */
export type TxRequest = { tx: number; sql: string; params: unknown[] };

/** Id 0 answers the start: PGlite is open (or could not be). */
export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };
export type TxReply = { ok: true; rows: unknown[] } | { ok: false; error: WireError };

/** An error as it crosses threads: its message and its own fields (a database error's code, detail, constraint…). */
export interface WireError {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

export function toWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  }
  return { name: error.name, message: error.message, fields };
}

/** Rolls a transaction back on purpose: the server's side threw. */
class RolledBack extends Error {}

async function main(port: MessagePort, data: WorkerData) {
  let db: PGlite;
  try {
    db = await PGlite.create(pgliteOptions(data.start));
  } catch (error) {
    port.postMessage({ id: 0, ok: false, error: toWire(error) } satisfies Reply);
    return;
  }
  port.postMessage({ id: 0, ok: true, value: null } satisfies Reply);
  const signal = new Int32Array(data.signal);
  const open = new Map<number, { tx: Transaction; end: (commit: boolean) => void; ended: Promise<void> }>();

  const replyNow = (answer: TxReply) => {
    data.txPort.postMessage(answer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  data.txPort.on('message', (m: TxRequest) => {
    // It runs at once: the transaction holds the connection.
    const tx = open.get(m.tx);
    if (!tx) return replyNow({ ok: false, error: { name: 'Error', message: 'Transaction is closed', fields: {} } });
    tx.tx.query(m.sql, m.params).then(
      (result) => replyNow({ ok: true, rows: result.rows }),
      (error: unknown) => replyNow({ ok: false, error: toWire(error) }),
    );
  });

  const answer = (id: number, run: () => Promise<unknown>) =>
    run().then(
      (value) => port.postMessage({ id, ok: true, value } satisfies Reply),
      (error: unknown) => port.postMessage({ id, ok: false, error: toWire(error) } satisfies Reply),
    );

  /**
   * Statements and BEGINs wait here for the connection, writes and BEGINs first: they are bookings on their way
   * (a claim, a transaction, the answer stored), and a booking makes several in a row where a page of dates makes
   * one read. So a customer booking is not kept waiting behind everyone's reads once per step.
   */
  const queue: Array<{ urgent: boolean; run: () => Promise<unknown> }> = [];
  let pumping = false;
  const pump = async () => {
    if (pumping) return;
    pumping = true;
    while (queue.length > 0) {
      const urgent = queue.findIndex((job) => job.urgent);
      const [job] = queue.splice(urgent >= 0 ? urgent : 0, 1);
      await job!.run();
      // PGlite answers in microtasks: let the messages that came meanwhile in before choosing the next one.
      if (queue.length > 0) await new Promise<void>((next) => setImmediate(next));
    }
    pumping = false;
  };
  const enqueue = (urgent: boolean, run: () => Promise<unknown>) => {
    queue.push({ urgent, run });
    void pump();
  };

  port.on('message', (m: Request) => {
    switch (m.op) {
      case 'query':
        return enqueue(!/^\s*SELECT\b/i.test(m.sql), () => answer(m.id, async () => (await db.query(m.sql, m.params)).rows));
      case 'begin':
        return enqueue(true, () => answer(m.id, () => begin(m.id).then(() => m.id)));
      // COMMIT and ROLLBACK never queue: what waits in the queue may be waiting for them.
      case 'commit':
      case 'rollback': {
        const tx = open.get(m.tx);
        if (!tx) return void answer(m.id, () => Promise.reject(new Error('Transaction is closed')));
        tx.end(m.op === 'commit');
        // A rollback asked for ends in RolledBack: that is its success.
        return void answer(m.id, () =>
          tx.ended.catch((error: unknown) => {
            if (m.op === 'rollback' && error instanceof RolledBack) return;
            throw error;
          }),
        );
      }
      case 'close':
        return enqueue(false, () =>
          answer(m.id, async () => {
            await db.close();
            port.close();
            data.txPort.close();
          }),
        );
    }
  });

  /** Settled once PGlite has begun (or failed to): from then on the connection is this transaction's until COMMIT or ROLLBACK. */
  function begin(id: number): Promise<void> {
    let begun!: () => void;
    const started = new Promise<void>((resolve) => (begun = resolve));
    const ended: Promise<void> = db
      .transaction(
        (tx) =>
          new Promise<void>((commit, rollback) => {
            open.set(id, { tx, end: (yes) => (yes ? commit() : rollback(new RolledBack())), ended });
            begun();
          }),
      )
      .finally(() => open.delete(id));
    // A failed BEGIN never calls begun: it settles with the failure.
    return Promise.race([started, ended]);
  }
}

if (parentPort) void main(parentPort, workerData as WorkerData);

/**
 * PGlite in a worker thread (pglite-worker.ts) behind the Database interface. PGlite runs each statement
 * synchronously in WASM: in the server's thread that time stops every request, and the other core sits idle.
 *
 * Statements outside a transaction go to the worker and come back as messages: the server's thread goes on
 * with other requests meanwhile. A transaction holds PGlite's one connection from BEGIN to COMMIT, so every
 * other statement waits for it; were its statements answered by messages too, each would wait for the server's
 * thread to get round to the answer, between other requests' work, and the connection would sit idle and held
 * for most of the transaction. So once a transaction has begun, its statements are waited for synchronously
 * (Atomics.wait on shared memory, then the answer read off its port): they run as quickly as they did in this
 * thread, while everything outside transactions runs beside the server's work. BEGIN itself is waited for like any
 * statement (the transaction before may be waiting for this thread to go on), and goes ahead of waiting reads.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Database, Queryable } from './database.ts';
import type { PGliteStart } from './pglite-start.ts';
import type { Reply, Request, TxReply, TxRequest, WireError, WorkerData } from './pglite-worker.ts';

/** A transaction statement that takes longer than this is a bug (or a stuck worker): its caller gets an error. */
const statementWaitMs = 60_000;

function fromWire(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  return Object.assign(error, wire.fields);
}

/** The worker's first code: TypeScript loading (tsx, as `npm start` runs the server), then pglite-worker.ts. */
const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./pglite-worker.ts', import.meta.url).href)}); })`;

/** A request before it is given its id. */
type Asked = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export async function openPGliteThread(start: PGliteStart): Promise<Database> {
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const { port1: txPort, port2: workerTxPort } = new MessageChannel();
  const worker = new Worker(boot, {
    eval: true,
    workerData: { start, signal, txPort: workerTxPort } satisfies WorkerData,
    transferList: [workerTxPort],
    // Node 20 does not pass `--import tsx` on to workers (boot registers it); a CPU profile is still wanted there.
    execArgv: process.execArgv.filter((arg) => arg.startsWith('--cpu-prof')),
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failed: Error | null = null;

  const settle = (id: number, take: (p: Pending) => void) => {
    const waiting = pending.get(id);
    if (!waiting) return;
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    take(waiting);
  };
  worker.on('message', (reply: Reply) => settle(reply.id, (p) => (reply.ok ? p.resolve(reply.value) : p.reject(fromWire(reply.error)))));
  const fail = (error: Error) => {
    failed ??= error;
    for (const id of [...pending.keys()]) settle(id, (p) => p.reject(error));
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the PGlite worker stopped (exit code ${code})`)));

  /** The answer with this id; the worker keeps the process alive only while something waits for it. */
  const answerTo = <T>(id: number): Promise<T> => {
    if (failed) return Promise.reject(failed);
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.ref();
    });
  };
  const call = <T>(request: Asked): Promise<T> => {
    const id = nextId++;
    const answer = answerTo<T>(id);
    if (!failed) worker.postMessage({ ...request, id });
    return answer;
  };

  // Answer 0 is the worker's word that PGlite is open.
  try {
    await answerTo(0);
  } catch (error) {
    await worker.terminate();
    throw error;
  }

  /** A statement of an open transaction, answered before this returns (see the top of the file). */
  function inTransaction(request: TxRequest): unknown[] {
    if (failed) throw failed;
    const giveUpAt = Date.now() + statementWaitMs;
    txPort.postMessage(request);
    // The worker posts the answer, then counts one up and wakes this thread. A wake-up is only a hint: the answer
    // is what is on the port, so look there first and sleep again until it is.
    for (;;) {
      const seen = Atomics.load(flag, 0);
      const received = receiveMessageOnPort(txPort);
      if (received) {
        const reply = received.message as TxReply;
        if (!reply.ok) throw fromWire(reply.error);
        return reply.rows;
      }
      const left = giveUpAt - Date.now();
      if (left <= 0 || failed) throw failed ?? new Error(`no answer from PGlite within ${statementWaitMs} ms`);
      Atomics.wait(flag, 0, seen, Math.min(left, 1000));
    }
  }

  return {
    kind: 'pglite',
    query: <T>(sql: string, params: unknown[] = []) => call<T[]>({ op: 'query', sql, params }),
    // PGlite runs one transaction at a time, so a transaction here is also a lock on the whole database.
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      // BEGIN is waited for asynchronously: the transaction before may be waiting for this thread to go on.
      const tx = await call<number>({ op: 'begin' });
      let open = true;
      const scoped: Queryable = {
        async query<R>(sql: string, params: unknown[] = []) {
          if (!open) throw new Error('Transaction is closed');
          return inTransaction({ tx, sql, params }) as R[];
        },
      };
      let result: T;
      try {
        result = await fn(scoped);
      } catch (error) {
        open = false;
        await call({ op: 'rollback', tx }).catch(() => undefined);
        throw error;
      }
      open = false;
      await call({ op: 'commit', tx });
      return result;
    },
    async close() {
      if (!failed) await call({ op: 'close' }).catch(() => undefined);
      txPort.close();
      await worker.terminate();
    },
  };
}

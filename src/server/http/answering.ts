/**
 * Counts the requests being answered, so a stop can wait for them: a booking under way when the process is told to
 * stop is finished (and its answer stored for the retry), not cut off at a closed database. Counted around the app's
 * fetch, not the socket: a client that has gone away leaves its request still being answered.
 */
export function countAnswering<A extends unknown[]>(answer: (...args: A) => Response | Promise<Response>) {
  let answering = 0;
  const waiting: Array<() => void> = [];
  return {
    fetch: async (...args: A): Promise<Response> => {
      answering++;
      try {
        return await answer(...args);
      } finally {
        if (--answering === 0) waiting.splice(0).forEach((done) => done());
      }
    },
    /** Settles once no request is being answered (at once when none is). */
    idle: (): Promise<void> => (answering === 0 ? Promise.resolve() : new Promise((done) => waiting.push(done))),
  };
}

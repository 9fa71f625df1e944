/**
 * A stop waits for the requests being answered (src/server/start.ts): a booking under way when the backend is told
 * to stop must reach its end before the database closes, even when its client has already gone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countAnswering } from '../../src/server/http/answering.ts';

describe('requests being answered when the backend stops', () => {
  it('is idle at once with none, and only after the last one is answered otherwise', async () => {
    const finish: Array<() => void> = [];
    const answering = countAnswering(() => new Promise<Response>((done) => finish.push(() => done(new Response('booked', { status: 201 })))));
    await answering.idle();
    const first = answering.fetch();
    const second = answering.fetch();
    let idle = false;
    const stopped = answering.idle().then(() => (idle = true));
    finish[0]!();
    assert.equal((await first).status, 201);
    await new Promise((r) => setImmediate(r));
    assert.equal(idle, false, 'one request is still being answered');
    finish[1]!();
    await stopped;
    assert.equal((await second).status, 201);
  });

  it('counts a request that failed as answered too', async () => {
    const answering = countAnswering(() => Promise.reject(new Error('the platform is down')));
    await assert.rejects(answering.fetch(), /the platform is down/);
    await answering.idle();
  });
});

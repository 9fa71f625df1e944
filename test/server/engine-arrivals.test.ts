/**
 * The contention gate's first meeting with an attempt, before the request does any work of its own: in a rush only as
 * many attempts go on to the database as could still get a place; the others wait in memory for those ahead, then are
 * refused at once or let through. Waiting is bounded, and never makes an attempt lose a place that is free.
 */
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { arrivalWaitMs, createContentionGate } from '../../src/server/providers/embedded/contention.ts';
import type { Arrival } from '../../src/server/providers/provider.ts';

const key = 'site\0slot\0s1\0yoga';
const refuse = () => new Error('slot_taken');

/** 'waiting', or what the arrival was told, once every callback due now has run. */
async function told(arrival: Promise<Arrival>): Promise<'waiting' | 'taken' | 'through'> {
  const pending = Symbol();
  const settled = await Promise.race([arrival, new Promise<symbol>((r) => setImmediate(() => r(pending)))]);
  return settled === pending ? 'waiting' : (settled as Arrival).taken ? 'taken' : 'through';
}

describe('arriving attempts', () => {
  it('while the first attempt has not read the places, the others wait; then as many go on as places are left', async () => {
    const gate = createContentionGate();
    const first = await gate.arrive(key, 1, 'k1');
    assert.equal(first.taken, false);
    const second = gate.arrive(key, 1, 'k2');
    const third = gate.arrive(key, 1, 'k3');
    assert.equal(await told(second), 'waiting', 'nothing known yet: the first goes to read');
    const pass = await gate.enter(key, 1, refuse, 'k1');
    assert.equal(await told(second), 'waiting', 'entered, not read yet');
    pass.read(2);
    assert.equal(await told(second), 'through', 'two places, one held by the first');
    assert.equal(await told(third), 'waiting', 'the second may take the last place');
    await gate.enter(key, 1, refuse, 'k2');
    assert.equal(await told(third), 'taken', 'both places held by running attempts');
    assert.equal((await gate.arrive(key, 1, 'k4')).taken, true, 'a later arrival is refused at once');
  });

  it('one that leaves without booking (refused for reasons of its own) lets the next one through', async () => {
    const gate = createContentionGate();
    const first = await gate.arrive(key, 1, 'k1');
    const second = gate.arrive(key, 1, 'k2');
    assert.equal(await told(second), 'waiting');
    first.leave();
    assert.equal(await told(second), 'through');
  });

  it('an attempt that reads but cannot place (a family larger than the places left) holds none: those waiting go on', async () => {
    const gate = createContentionGate();
    await gate.arrive(key, 3, 'family');
    const single = gate.arrive(key, 1, 'k2');
    assert.equal(await told(single), 'waiting');
    const pass = await gate.enter(key, 3, refuse, 'family');
    pass.read(2, false);
    assert.equal(await told(single), 'through');
  });

  it('a read from before a cancel freed a place is not believed', async () => {
    const gate = createContentionGate();
    await gate.arrive(key, 1, 'k1');
    const pass = await gate.enter(key, 1, refuse, 'k1');
    gate.forget('site\0');
    pass.read(0);
    assert.equal(await told(gate.arrive(key, 1, 'k2')), 'through');
  });

  it('a booking that holds the one place refuses those behind it until it fails, then the place is free again', async () => {
    const gate = createContentionGate();
    const first = await gate.arrive(key, 1, 'k1');
    const pass = await gate.enter(key, 1, refuse, 'k1');
    pass.read(1);
    const second = gate.arrive(key, 1, 'k2');
    assert.equal(await told(second), 'taken', 'the one place is held');
    const third = gate.arrive(key, 1, 'k3');
    assert.equal(await told(third), 'taken');
    pass.done(false);
    first.leave();
    assert.equal((await gate.arrive(key, 1, 'k4')).taken, false, 'the place is free again');
  });

  it('a group that does not fit beside those ahead waits, and one that never fits is refused', async () => {
    const gate = createContentionGate();
    await gate.arrive(key, 1, 'k1');
    const pass = await gate.enter(key, 1, refuse, 'k1');
    pass.read(4);
    assert.equal((await gate.arrive(key, 2, 'k2')).taken, false, 'two beside one of four');
    const family = gate.arrive(key, 2, 'k3');
    assert.equal(await told(family), 'waiting', 'fits only if one ahead fails');
    assert.equal(await told(gate.arrive(key, 4, 'k4')), 'taken', 'four can never fit beside the one running');
  });

  it('once an attempt learned nothing countable ("any staff" found someone free), arrivals are not held back', async () => {
    const gate = createContentionGate();
    await gate.arrive(key, 1, 'k1');
    const pass = await gate.enter(key, 1, refuse, 'k1');
    pass.read(null);
    assert.equal(await told(gate.arrive(key, 1, 'k2')), 'through');
    assert.equal(await told(gate.arrive(key, 1, 'k3')), 'through', 'not waiting for k2: it would learn nothing either');
  });

  it('the same Idempotency-Key arriving again is not held back by itself', async () => {
    const gate = createContentionGate();
    await gate.arrive(key, 1, 'k1');
    assert.equal(await told(gate.arrive(key, 1, 'k1')), 'through');
  });

  it(`waits at most ${arrivalWaitMs} ms for those ahead, then goes on`, async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const gate = createContentionGate();
      await gate.arrive(key, 1, 'k1');
      const second = gate.arrive(key, 1, 'k2');
      mock.timers.tick(arrivalWaitMs - 1);
      assert.equal(await told(second), 'waiting');
      mock.timers.tick(1);
      assert.equal(await told(second), 'through');
    } finally {
      mock.timers.reset();
    }
  });
});

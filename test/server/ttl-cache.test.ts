/** The one cache every layer uses (routes/runtime.ts, the availability cache, the engine's dates, Tor4You's business). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TtlCache } from '../../src/server/providers/shared/ttl-cache.ts';

function counting<T>(value: T) {
  const load = () => {
    load.calls++;
    return Promise.resolve(value);
  };
  load.calls = 0;
  return load;
}

describe('TtlCache', () => {
  test('identical asks at once share one load; the answer is served until ttlMs, then loaded again', async () => {
    let now = 0;
    const cache = new TtlCache({ ttlMs: 1000, now: () => now });
    const load = counting('answer');
    assert.deepEqual(await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)]), ['answer', 'answer', 'answer']);
    assert.equal(load.calls, 1);
    now = 999;
    await cache.get('k', load);
    assert.equal(load.calls, 1);
    now = 1000;
    await cache.get('k', load);
    assert.equal(load.calls, 2);
  });

  test('a failure is not kept: the next ask loads again', async () => {
    const cache = new TtlCache({ ttlMs: 60_000, now: () => 0 });
    await assert.rejects(
      cache.get('k', () => Promise.reject(new Error('down'))),
      /down/,
    );
    assert.equal(await cache.get('k', () => Promise.resolve('back')), 'back');
  });

  test('an answer still in flight when the cache is cleared is never served afterwards', async () => {
    const cache = new TtlCache({ ttlMs: 60_000, now: () => 0 });
    let finish!: (value: string) => void;
    const stale = cache.get('k', () => new Promise<string>((resolve) => (finish = resolve)));
    cache.clear();
    const fresh = cache.get('k', () => Promise.resolve('fresh'));
    finish('stale');
    assert.equal(await stale, 'stale');
    assert.equal(await fresh, 'fresh');
    assert.equal(await cache.get('k', () => Promise.resolve('third')), 'fresh');
  });

  test('clear(prefix) forgets one site’s keys only; delete forgets one key', async () => {
    const cache = new TtlCache({ ttlMs: 60_000, now: () => 0 });
    const a = counting('a');
    const b = counting('b');
    await cache.get('site-a\u0000x', a);
    await cache.get('site-b\u0000x', b);
    cache.clear('site-a\u0000');
    await cache.get('site-a\u0000x', a);
    await cache.get('site-b\u0000x', b);
    assert.deepEqual([a.calls, b.calls], [2, 1]);
    cache.delete('site-b\u0000x');
    await cache.get('site-b\u0000x', b);
    assert.equal(b.calls, 2);
  });

  test('past maxEntries it starts again empty', async () => {
    const cache = new TtlCache({ ttlMs: 60_000, now: () => 0, maxEntries: 2 });
    const first = counting(1);
    await cache.get('1', first);
    await cache.get('2', counting(2));
    await cache.get('3', counting(3));
    await cache.get('1', first);
    assert.equal(first.calls, 2);
  });
});

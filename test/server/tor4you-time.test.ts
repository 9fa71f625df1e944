import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fromTorDateTime, splitRange, toTorDateTime } from '../../src/server/providers/tor4you/time.ts';

describe('Tor4You local times', () => {
  test('wall-clock times get the offset of their own day, across the clock changes', () => {
    assert.equal(fromTorDateTime('202601151000', 'Asia/Jerusalem'), '2026-01-15T10:00:00+02:00');
    assert.equal(fromTorDateTime('202607151000', 'Asia/Jerusalem'), '2026-07-15T10:00:00+03:00');
    // Israel moves to summer time on Friday 27 March 2026 at 02:00.
    assert.equal(fromTorDateTime('202603270100', 'Asia/Jerusalem'), '2026-03-27T01:00:00+02:00');
    assert.equal(fromTorDateTime('202603270400', 'Asia/Jerusalem'), '2026-03-27T04:00:00+03:00');
    assert.equal(fromTorDateTime('202012311034', 'Europe/Amsterdam'), '2020-12-31T10:34:00+01:00');
  });

  test('in the hour that repeats when clocks go back, the first of the two, as the engine reads it', () => {
    // Israel leaves summer time on Sunday 25 October 2026 at 02:00: 01:30 happens twice.
    assert.equal(fromTorDateTime('202610250130', 'Asia/Jerusalem'), '2026-10-25T01:30:00+03:00');
  });

  test('an instant goes back to the same wall clock', () => {
    for (const local of ['202601151000', '202607152359', '202603270400', '202610250000']) {
      assert.equal(toTorDateTime(fromTorDateTime(local, 'Asia/Jerusalem'), 'Asia/Jerusalem'), local);
    }
    assert.equal(toTorDateTime('2020-12-31T08:34:00Z', 'Asia/Jerusalem'), '202012311034');
  });

  test('long ranges split into the platform windows, inclusive, with nothing lost or doubled', () => {
    assert.deepEqual(splitRange('2026-01-01', '2026-03-05', 31), [
      { from: '2026-01-01', to: '2026-01-31' },
      { from: '2026-02-01', to: '2026-03-03' },
      { from: '2026-03-04', to: '2026-03-05' },
    ]);
    assert.deepEqual(splitRange('2026-01-01', '2026-01-01', 60), [{ from: '2026-01-01', to: '2026-01-01' }]);
    assert.deepEqual(splitRange('2026-01-02', '2026-01-01', 60), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { weekday } from '../../src/contract/plain-date.ts';
import { formatInstant, zonedDate, zonedInstant } from '../../src/server/zoned.ts';

describe('site time zones', () => {
  it('formats instants as RFC 3339 with the site offset, winter and summer', () => {
    assert.equal(formatInstant('Asia/Jerusalem', Date.parse('2026-12-01T07:30:00Z')), '2026-12-01T09:30:00+02:00');
    assert.equal(formatInstant('Asia/Jerusalem', Date.parse('2026-07-01T07:30:00Z')), '2026-07-01T10:30:00+03:00');
    assert.equal(formatInstant('America/New_York', Date.parse('2026-12-01T14:00:00Z')), '2026-12-01T09:00:00-05:00');
  });

  it('finds the instant of a wall-clock time, none in the skipped hour, the first in the repeated one', () => {
    assert.equal(zonedInstant('Europe/Amsterdam', '2026-03-29', 150), null);
    assert.equal(formatInstant('Europe/Amsterdam', zonedInstant('Europe/Amsterdam', '2026-10-25', 150)!), '2026-10-25T02:30:00+02:00');
    assert.equal(formatInstant('Asia/Jerusalem', zonedInstant('Asia/Jerusalem', '2026-12-01', 24 * 60)!), '2026-12-02T00:00:00+02:00');
  });

  it('reads the site date and weekday', () => {
    assert.equal(zonedDate('Asia/Jerusalem', Date.parse('2026-11-30T22:30:00Z')), '2026-12-01');
    assert.equal(weekday('2026-12-01'), 2);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canOffer, placesLeft, shownPlaces } from '../../src/server/providers/embedded/slot-capacity.ts';

const window = { start: 1000, earliest: 0, latest: 5000 };

describe('slot capacity', () => {
  it('shares maxmembers among all participants already booked', () => {
    assert.equal(placesLeft({ maxmembers: 10, taken: 7, blocked: false }), 3);
    assert.equal(placesLeft({ maxmembers: 10, taken: 12, blocked: false }), 0);
  });

  it('offers a slot only when everyone asked for fits', () => {
    const slot = { maxmembers: 8, taken: 5, blocked: false, ...window };
    assert.equal(canOffer(slot, 3), true);
    assert.equal(canOffer(slot, 4), false);
  });

  it('never offers a slot a lozamin blocks', () => {
    assert.equal(canOffer({ maxmembers: 8, taken: 0, blocked: true, ...window }, 1), false);
  });

  it('keeps to the booking window', () => {
    assert.equal(canOffer({ maxmembers: 8, taken: 0, blocked: false, start: 1000, earliest: 1001, latest: 5000 }, 1), false);
    assert.equal(canOffer({ maxmembers: 8, taken: 0, blocked: false, start: 6000, earliest: 0, latest: 5000 }, 1), false);
  });

  it('shows places on group slots only', () => {
    assert.equal(shownPlaces({ maxmembers: 1, taken: 0, blocked: false }), null);
    assert.equal(shownPlaces({ maxmembers: 8, taken: 2, blocked: false }), 6);
  });
});

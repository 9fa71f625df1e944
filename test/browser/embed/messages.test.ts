/** The postMessage protocol's guards: only the exact shapes pass, everything else is dropped. */
import { expect } from '@open-wc/testing';
import { asFrameMessage, isHello, maxFrameHeight } from '../../../src/embed/messages.ts';

describe('embed messages', () => {
  it("accepts a resize within bounds and an event named like the widget's", () => {
    expect(asFrameMessage({ bookwell: 1, type: 'resize', height: 480.5 })).to.deep.equal({ bookwell: 1, type: 'resize', height: 480.5 });
    expect(
      asFrameMessage({ bookwell: 1, type: 'event', name: 'bookwell-booked', detail: { booking: { id: 'b1' } }, extra: 'dropped' }),
    ).to.deep.equal({
      bookwell: 1,
      type: 'event',
      name: 'bookwell-booked',
      detail: { booking: { id: 'b1' } },
    });
  });

  it('drops anything else', () => {
    const refused = [
      null,
      'bookwell',
      { type: 'resize', height: 10 },
      { bookwell: 2, type: 'resize', height: 10 },
      { bookwell: 1, type: 'resize', height: '10' },
      { bookwell: 1, type: 'resize', height: -1 },
      { bookwell: 1, type: 'resize', height: maxFrameHeight + 1 },
      { bookwell: 1, type: 'resize', height: Number.NaN },
      { bookwell: 1, type: 'event', name: 'click', detail: {} },
      { bookwell: 1, type: 'event', name: 'bookwell-' },
      { bookwell: 1, type: 'event', name: 'Bookwell-booked' },
      { bookwell: 1, type: 'hello' },
      { bookwell: 1, type: 'navigate', url: 'https://evil.example' },
    ];
    for (const data of refused) expect(asFrameMessage(data), JSON.stringify(data)).to.equal(undefined);
  });

  it('knows a hello only in its own shape', () => {
    expect(isHello({ bookwell: 1, type: 'hello' })).to.equal(true);
    expect(isHello({ type: 'hello' })).to.equal(false);
    expect(isHello({ bookwell: 1, type: 'resize', height: 1 })).to.equal(false);
  });
});

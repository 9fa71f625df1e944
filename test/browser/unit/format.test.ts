import { expect } from '@open-wc/testing';
import {
  clockTime,
  differentZone,
  ownClock,
  fullDate,
  groupByPartOfDay,
  monthTitle,
  partOfDay,
  price,
  weekdayNames,
} from '../../../src/widget/format.ts';

describe('formatting', () => {
  it('names dates in the customer language', () => {
    expect(fullDate('2026-12-01', 'en')).to.equal('Tuesday, December 1, 2026');
    expect(fullDate('2026-12-01', 'nl')).to.equal('dinsdag 1 december 2026');
    expect(fullDate('2026-12-01', 'he')).to.contain('דצמבר');
    expect(monthTitle('2026-12', 'fr')).to.equal('décembre 2026');
    expect(weekdayNames('en', 'long')[0]).to.equal('Sunday');
  });

  it('shows times on the site clock, whatever the instant offset', () => {
    expect(clockTime('2026-12-01T07:30:00Z', 'nl', 'Asia/Jerusalem')).to.equal('09:30');
    expect(clockTime('2026-12-01T09:30:00+02:00', 'nl', 'Europe/Amsterdam')).to.equal('08:30');
  });

  it('writes a time one way per language', () => {
    expect(clockTime('2026-12-01T07:00:00Z', 'en', 'UTC').replace(/\s/g, ' ')).to.equal('7:00 AM');
    expect(clockTime('2026-12-01T07:00:00Z', 'he', 'UTC')).to.equal('07:00');
    expect(clockTime('2026-12-01T07:00:00Z', 'fr', 'UTC')).to.equal('07:00');
  });

  it("gives the customer's own time the weekday when their day is not the site's", () => {
    // Friday 09:00 in Jerusalem is Friday 20:00 in Auckland, and Friday 23:00 Jerusalem is Saturday there.
    expect(ownClock('2026-12-04T07:00:00Z', 'en', 'Asia/Jerusalem', 'Pacific/Auckland').replace(/\s/g, ' ')).to.equal('8:00 PM');
    expect(ownClock('2026-12-04T21:00:00Z', 'en', 'Asia/Jerusalem', 'Pacific/Auckland').replace(/\s/g, ' ')).to.equal('Sat 10:00 AM');
    expect(ownClock('2026-12-04T21:00:00Z', 'nl', 'Asia/Jerusalem', 'Pacific/Auckland')).to.equal('za 10:00');
  });

  it('groups times by part of the day on the site clock', () => {
    expect(partOfDay('2026-12-01T09:59:00+02:00', 'Asia/Jerusalem')).to.equal('morning');
    expect(partOfDay('2026-12-01T10:00:00Z', 'Asia/Jerusalem')).to.equal('afternoon');
    expect(partOfDay('2026-12-01T17:00:00+02:00', 'Asia/Jerusalem')).to.equal('evening');
    const groups = groupByPartOfDay(
      [{ start: '2026-12-01T18:00:00+02:00' }, { start: '2026-12-01T08:00:00+02:00' }, { start: '2026-12-01T08:30:00+02:00' }],
      'Asia/Jerusalem',
    );
    expect(groups.map(([part, times]) => [part, times.length])).to.deep.equal([
      ['morning', 2],
      ['evening', 1],
    ]);
  });

  it('notices when the customer is in another timezone', () => {
    const at = new Date('2026-12-01T12:00:00Z');
    expect(differentZone('Asia/Jerusalem', 'Europe/Amsterdam', at)).to.equal(true);
    expect(differentZone('Europe/Amsterdam', 'Europe/Paris', at)).to.equal(false);
  });

  it('shows prices in the site currency, without cents when there are none', () => {
    expect(price(150, 'ILS', 'en')).to.equal('₪150');
    expect(price(18.5, 'EUR', 'nl').replace(/\s/g, ' ')).to.equal('€ 18,50'); // Intl puts a no-break space there
  });
});

import { expect } from '@open-wc/testing';
import {
  addDays,
  addMonths,
  addMonthsToMonth,
  daysBetween,
  eachDay,
  endOfWeek,
  isValid,
  lastOfMonth,
  monthGrid,
  startOfWeek,
  todayIn,
  weekday,
  weekdayOrder,
} from '../../../src/contract/plain-date.ts';

describe('plain dates (in the browser)', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
    expect(addDays('2028-03-01', -1)).to.equal('2028-02-29');
    expect(addDays('2026-03-29', 1)).to.equal('2026-03-30'); // a DST change in Europe and Israel
  });

  it('knows month lengths and moves by months', () => {
    expect(lastOfMonth('2026-02')).to.equal('2026-02-28');
    expect(lastOfMonth('2028-02')).to.equal('2028-02-29');
    expect(addMonthsToMonth('2026-12', 1)).to.equal('2027-01');
    expect(addMonthsToMonth('2026-01', -1)).to.equal('2025-12');
    expect(addMonths('2026-01-31', 1)).to.equal('2026-02-28');
    expect(addMonths('2026-03-15', -1)).to.equal('2026-02-15');
  });

  it('counts and lists days, and refuses dates that do not exist', () => {
    expect(daysBetween('2026-12-30', '2027-01-02')).to.equal(3);
    expect(daysBetween('2027-01-02', '2026-12-30')).to.equal(-3);
    expect(eachDay('2028-02-28', '2028-03-01')).to.deep.equal(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(eachDay('2026-01-02', '2026-01-01')).to.deep.equal([]);
    expect(isValid('2028-02-29')).to.equal(true);
    expect(isValid('2026-02-29')).to.equal(false);
    expect(isValid('2026-13-01')).to.equal(false);
    expect(isValid('2026-1-01')).to.equal(false);
  });

  it('finds the week around a date for Sunday and Monday weeks', () => {
    expect(weekday('2026-12-01')).to.equal(2); // a Tuesday
    expect(startOfWeek('2026-12-01', 0)).to.equal('2026-11-29');
    expect(startOfWeek('2026-12-01', 1)).to.equal('2026-11-30');
    expect(endOfWeek('2026-12-01', 0)).to.equal('2026-12-05');
    expect(endOfWeek('2026-12-06', 1)).to.equal('2026-12-06');
  });

  it('lays a month out in weeks starting on the given day', () => {
    const sunday = monthGrid('2026-12', 0);
    expect(sunday[0]).to.deep.equal([null, null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05']);
    expect(sunday.flat().filter(Boolean)).to.have.length(31);
    const monday = monthGrid('2026-02', 1);
    expect(monday[0]?.[6]).to.equal('2026-02-01');
    expect(monday.every((w) => w.length === 7)).to.equal(true);
    expect(weekdayOrder(1)).to.deep.equal([1, 2, 3, 4, 5, 6, 0]);
  });

  it("tells today's date on the site's calendar", () => {
    const instant = new Date('2026-12-01T23:30:00Z');
    expect(todayIn('Asia/Jerusalem', instant)).to.equal('2026-12-02');
    expect(todayIn('America/New_York', instant)).to.equal('2026-12-01');
  });
});

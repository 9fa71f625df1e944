/** Keyboard-only moves through the widget's steps, shared by the end-to-end tests. */
import { expect } from '@open-wc/testing';
import { byText, focused, press, tabTo, type, until } from '../keyboard.ts';
import { addDays, todayIn } from '../../../src/contract/plain-date.ts';
import type { WidgetPage } from '../widget-page.ts';

/** The first free date: chosen for the customer when the month has one, else through the "next available date" offer. */
export async function chooseFirstFreeDate(page: WidgetPage): Promise<string> {
  await until(
    () => page.root.querySelector('bookwell-calendar') && (page.root.querySelector('[part="next-available"]') || page.selectedDate()),
    'the dates',
    15_000,
  );
  const nextAvailable = page.root.querySelector('[part="next-available"]');
  if (nextAvailable) {
    await tabTo((el) => el === nextAvailable);
    await press('Enter');
  }
  await page.reachTimes();
  const date = page.selectedDate()!;
  expect(page.day(date).getAttribute('aria-disabled')).to.equal('false');
  return date;
}

/** A free date two or more days ahead (cancelling needs notice; a reminder a day before is still to come), chosen. */
export async function chooseDateAhead(page: WidgetPage, timeZone: string): Promise<string> {
  const soonest = addDays(todayIn(timeZone, new Date()), 2);
  for (let month = 0; month < 3; month += 1) {
    const later = (await page.availableDays()).find((d) => d >= soonest);
    if (later) {
      page.day(later).click();
      await until(() => page.selectedDate() === later, 'the date ahead');
      await page.reachTimes();
      return later;
    }
    const shown = page.calendar.querySelector('[part="month-title"]')?.textContent;
    page.calendar.querySelectorAll<HTMLButtonElement>('[part="month-button"]')[1]!.click();
    await until(() => page.calendar.querySelector('[part="month-title"]')?.textContent !== shown, 'the next month');
  }
  throw new Error(`no free date from ${soonest}`);
}

/** Tabs to a time button (the first, or the one whose text matches) and chooses it. */
export async function chooseTime(page: WidgetPage, text?: string): Promise<void> {
  await tabTo((el) => el.getAttribute('part') === 'time' && (!text || byText(text)(el)));
  await press('Enter');
  await page.reach('details');
}

export async function fillDetails(page: WidgetPage, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    await tabTo((el) => el.id === `field-${name}`);
    await type(value);
  }
}

/** Presses Book at the end of the details. */
export async function book(_page: WidgetPage): Promise<void> {
  await tabTo((el) => el.getAttribute('part') === 'book');
  await press('Enter');
}

export { focused };

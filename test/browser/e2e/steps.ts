/** Keyboard-only moves through the widget's steps, shared by the end-to-end tests. */
import { expect } from '@open-wc/testing';
import { byText, focused, press, tabTo, type, until } from '../keyboard.ts';
import type { WidgetPage } from '../widget-page.ts';

/** Chooses the first free date: the calendar's tab stop is on it, or the "next available date" offer. */
export async function chooseFirstFreeDate(page: WidgetPage): Promise<string> {
  await until(() => page.root.querySelector('bookwell-calendar') && !page.root.querySelector('.step [aria-busy="true"]'), 'the dates');
  const nextAvailable = page.root.querySelector('[part="next-available"]');
  if (nextAvailable) {
    await tabTo((el) => el === nextAvailable);
    await press('Enter');
    await page.reach('time');
    return page.chosenDate!;
  }
  const day = await tabTo((el) => el.classList.contains('day'));
  const date = day.getAttribute('data-date')!;
  expect(day.getAttribute('aria-disabled')).to.equal('false');
  await press('Enter');
  await page.reach('time');
  return date;
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
  await tabTo((el) => el.getAttribute('part') === 'next');
  await press('Enter');
  await page.reach('review');
}

export async function book(_page: WidgetPage): Promise<void> {
  await tabTo((el) => el.getAttribute('part') === 'book');
  await press('Enter');
}

export { focused };

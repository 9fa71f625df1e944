/**
 * `bookwell/react`: <bookwell-widget> as a typed React component, for React 18, which sets only attributes on
 * custom elements and cannot listen to their events (React 19 does both: use the element itself there).
 * Importing it defines the tag, as `import 'bookwell'` does.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { BookwellWidget as BookwellElement } from '../widget/define.ts';
import type { BookwellEventMap } from '../widget/events.ts';
import type { BookwellWidgetProperties } from '../widget/host-types.ts';

export type * from '../widget/events.ts';
export type * from '../widget/host-types.ts';

/** Each event's prop: `onBooked` listens to `bookwell-booked`. */
const events = {
  onStep: 'bookwell-step',
  onDate: 'bookwell-date',
  onTime: 'bookwell-time',
  onSubmit: 'bookwell-submit',
  onBooked: 'bookwell-booked',
  onFailed: 'bookwell-failed',
  onConfirmed: 'bookwell-confirmed',
  onAttendance: 'bookwell-attendance',
  onCancelled: 'bookwell-cancelled',
} as const satisfies Record<string, keyof BookwellEventMap>;

type Events = typeof events;

/** The element's events as props, each handler receiving its typed event. */
export type BookwellWidgetHandlers = { [Prop in keyof Events]?: (event: BookwellEventMap[Events[Prop]]) => void };

export type BookwellWidgetProps = BookwellWidgetProperties &
  BookwellWidgetHandlers &
  Omit<React.HTMLAttributes<BookwellElement>, keyof BookwellWidgetProperties | keyof BookwellWidgetHandlers> &
  React.RefAttributes<BookwellElement>;

/**
 * `<BookwellWidget site="…" api="…" onBooked={(event) => …} />`: props become the element's properties.
 * Typed with React's types only, so the published declarations need no @lit/react (bundled into react.js).
 */
export const BookwellWidget: React.ForwardRefExoticComponent<BookwellWidgetProps> = createComponent({
  react: React,
  tagName: 'bookwell-widget',
  elementClass: BookwellElement,
  displayName: 'BookwellWidget',
  events: events as { [Prop in keyof Events]: EventName<BookwellEventMap[Events[Prop]]> },
});

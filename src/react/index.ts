/**
 * `bookwell/react`: <bookwell-widget> as a typed React component, for React 18, which sets only attributes on
 * custom elements and cannot listen to their events (React 19 does both: use the element itself there).
 * Importing it defines the tag, as `import 'bookwell'` does.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { BookwellWidget as BookwellElement } from '../widget/define.ts';
import type { BookwellWidgetProperties } from '../widget/host-types.ts';
import type {
  BookwellAttendanceEvent,
  BookwellBookedEvent,
  BookwellCancelledEvent,
  BookwellConfirmedEvent,
  BookwellDateEvent,
  BookwellFailedEvent,
  BookwellStepEvent,
  BookwellSubmitEvent,
  BookwellTimeEvent,
} from '../widget/events.ts';

export type * from '../widget/events.ts';
export type * from '../widget/host-types.ts';

/** The element's events as props, each handler receiving its typed event. */
export interface BookwellWidgetHandlers {
  onStep?: (event: BookwellStepEvent) => void;
  onDate?: (event: BookwellDateEvent) => void;
  onTime?: (event: BookwellTimeEvent) => void;
  onSubmit?: (event: BookwellSubmitEvent) => void;
  onBooked?: (event: BookwellBookedEvent) => void;
  onFailed?: (event: BookwellFailedEvent) => void;
  onConfirmed?: (event: BookwellConfirmedEvent) => void;
  onAttendance?: (event: BookwellAttendanceEvent) => void;
  onCancelled?: (event: BookwellCancelledEvent) => void;
}

export type BookwellWidgetProps = BookwellWidgetProperties &
  BookwellWidgetHandlers &
  Omit<React.HTMLAttributes<BookwellElement>, keyof BookwellWidgetProperties | keyof BookwellWidgetHandlers> &
  React.RefAttributes<BookwellElement>;

/**
 * `<BookwellWidget site="…" api="…" onBooked={(event) => …} />`: props become the element's properties.
 * Typed here with React's types only, so the published declarations need no @lit/react (bundled into react.js).
 */
export const BookwellWidget: React.ForwardRefExoticComponent<BookwellWidgetProps> = createComponent({
  react: React,
  tagName: 'bookwell-widget',
  elementClass: BookwellElement,
  displayName: 'BookwellWidget',
  events: {
    onStep: 'bookwell-step' as EventName<BookwellStepEvent>,
    onDate: 'bookwell-date' as EventName<BookwellDateEvent>,
    onTime: 'bookwell-time' as EventName<BookwellTimeEvent>,
    onSubmit: 'bookwell-submit' as EventName<BookwellSubmitEvent>,
    onBooked: 'bookwell-booked' as EventName<BookwellBookedEvent>,
    onFailed: 'bookwell-failed' as EventName<BookwellFailedEvent>,
    onConfirmed: 'bookwell-confirmed' as EventName<BookwellConfirmedEvent>,
    onAttendance: 'bookwell-attendance' as EventName<BookwellAttendanceEvent>,
    onCancelled: 'bookwell-cancelled' as EventName<BookwellCancelledEvent>,
  },
});

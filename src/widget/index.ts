/** The widget's public API without registering any tag (the host decides: import './define.ts' registers them). */
export { BookwellWidget } from './bookwell-widget.ts';
export { BookwellCalendar } from './calendar/bookwell-calendar.ts';
export * from './events.ts';
export type { Step } from './steps/machine.ts';
export type * from './host-types.ts';

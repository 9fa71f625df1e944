/** The /v1 API between <bookwell-widget> and the backend: the one source of truth both sides import. */
export * from './common.ts';
export * from './errors.ts';
export * from './customer.ts';
export * from './session.ts';
export * from './catalog.ts';
export * from './availability.ts';
export * from './bookings.ts';
export * from './manage.ts';

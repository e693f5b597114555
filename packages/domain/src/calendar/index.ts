export * from './calendar-decider';
export * from './calendar-errors';
export * from './calendar-events';
export * from './calendar-year';
export * from './create-working-calendar';
export * from './national-holidays';
export * from './provisional-year';
export * from './working-calendar';
export { formatInstantInZone, isValidTimeZone } from './zone-clock';

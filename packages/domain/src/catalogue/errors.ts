import { domainError } from '../shared/errors';

export const ServiceItemAlreadyDefined = domainError(
  'ServiceItemAlreadyDefined',
  'illegal_transition',
  (code: string) => ({
    message: `service item ${code} is already defined; revise it instead`,
    details: { code },
  }),
);

export const ServiceItemNotDefined = domainError('ServiceItemNotDefined', 'not_found', (code?: string) => ({
  message: code === undefined ? 'the service item is not defined' : `service item ${code} is not defined`,
  details: code === undefined ? {} : { code },
}));

/** A withdrawn item stays in the ledger for the cases accepted under it, but takes no new versions. */
export const ServiceItemWithdrawn = domainError(
  'ServiceItemWithdrawn',
  'illegal_transition',
  (code: string) => ({
    message: `service item ${code} has been withdrawn`,
    details: { code },
  }),
);

/** The calendar's error: one NotAnAdministrator class for the whole package, whatever the admin maintains. */
export { NotAnAdministrator } from '../calendar/calendar-errors';

/** The command names another item than the stream it was sent to. */
export const CodeMismatch = domainError('CodeMismatch', 'invalid', (expected: string, actual: string) => ({
  message: `this stream holds service item ${expected}, the command names ${actual}`,
  details: { expected, actual },
}));

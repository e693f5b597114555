/** The injection token of the audit service's dependencies. */
export const AUDIT = Symbol('audit dependencies');
/** The injection token of the running checkpoint signer. */
export const SIGNER = Symbol('audit checkpoint signer');

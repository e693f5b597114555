/** The injection token of the supervision service's dependencies. */
export const SUPERVISION = Symbol('supervision dependencies');

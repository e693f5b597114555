/** The injection token of the review service's dependencies. */
export const REVIEW = Symbol('review dependencies');

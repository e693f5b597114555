export { REVIEW_STREAMS, startReview } from './review';
export { reviewTarget } from './reviews/review-commands';

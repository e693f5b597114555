export { REVIEW_STREAMS, reviewProjections, startReview } from './review';
export { reviewTarget } from './reviews/review-commands';

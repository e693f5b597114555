import { runServiceProcess } from '@docket/service-kit';
import { startReview } from './review';

/** `node services/review/dist/main.js`: the review service in its own process (networked, distributed). */
void runServiceProcess('review', (deps) => startReview(deps));

export * from './case-list/case-document';
export { CASES, caseListCollections, caseListProjection, evolveCase } from './case-list/projection';
export * from './case-list/queries';
export * from './case-status';
export { type CaseEvent, caseStreams } from './events';
export * from './inbox/inbox-item';
export { INBOX, inboxCollections, inboxProjection } from './inbox/projection';
export * from './inbox/queries';
export {
  evolvePublicStatus,
  PUBLIC_STATUS,
  publicStatusCollections,
  publicStatusProjection,
} from './public-status/projection';
export * from './public-status/public-status';
export * from './public-status/queries';

import { caseListProjection } from './case-list/projection';
import { inboxProjection } from './inbox/projection';
import { publicStatusProjection } from './public-status/projection';

/** The three case views, to start one runner each. */
export const caseViewProjections = [caseListProjection, inboxProjection, publicStatusProjection] as const;

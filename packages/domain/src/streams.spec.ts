import { describe, expect, it } from 'vitest';
import { applicationStreamName } from './application/events';
import { clockStreamName } from './clock/events';
import { reviewStreamName } from './review/events';
import { caseNoOfStream, disclosureStreamName } from './streams';
import { complaintStreamName } from './supervision/complaint/events';
import { ratingStreamName } from './supervision/rating/events';

const caseNo = '2026-310101-000001';

describe('the streams of one case', () => {
  it('reads the case number back from every stream named for it', () => {
    for (const name of [
      applicationStreamName,
      reviewStreamName,
      clockStreamName,
      ratingStreamName,
      disclosureStreamName,
    ])
      expect(caseNoOfStream(name(caseNo))).toBe(caseNo);
  });

  it('reads it from a stream of the category asked for only', () => {
    expect(caseNoOfStream(reviewStreamName(caseNo), 'review')).toBe(caseNo);
    expect(caseNoOfStream(applicationStreamName(caseNo), 'review')).toBeUndefined();
  });

  it('finds none in a stream that holds no single case', () => {
    expect(caseNoOfStream(complaintStreamName('CP-2026-0001'))).toBeUndefined();
    expect(caseNoOfStream('catalogue-310101-FOOD-01')).toBeUndefined();
    expect(caseNoOfStream('application-')).toBeUndefined();
  });
});

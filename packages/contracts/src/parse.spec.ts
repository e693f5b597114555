import { InvalidCommand } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { intake } from './intake';
import { parseRequest } from './parse';

const Body = z.object({
  name: z.string(),
  applicant: z.object({ phone: z.string(), agent: z.object({ name: z.string() }).optional() }),
  materials: z.array(z.object({ code: z.string() })),
  extra: z.record(z.string(), z.number()).optional(),
});

const issuesOf = (input: unknown): string[] => {
  try {
    parseRequest(Body, input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidCommand);
    return (error as InstanceType<typeof InvalidCommand>).details.issues as string[];
  }
  throw new Error('expected the request to be refused');
};

describe('parseRequest: the boundary refuses what it does not know', () => {
  const valid = { name: 'x', applicant: { phone: '1' }, materials: [{ code: 'form' }] };

  it('passes a valid request through, parsed', () => {
    expect(parseRequest(Body, valid)).toEqual(valid);
  });

  it('names an unknown field at the top level, nested, and inside an array item', () => {
    expect(issuesOf({ ...valid, reson: 'typo' })).toEqual(['reson: unknown field']);
    expect(issuesOf({ ...valid, applicant: { phone: '1', nmae: 'typo' } })).toEqual([
      'applicant.nmae: unknown field',
    ]);
    expect(issuesOf({ ...valid, materials: [{ code: 'a' }, { code: 'b', pages: 2 }] })).toEqual([
      'materials[1].pages: unknown field',
    ]);
    expect(issuesOf({ ...valid, applicant: { phone: '1', agent: { name: 'a', id: 'b' } } })).toEqual([
      'applicant.agent.id: unknown field',
    ]);
  });

  it('keeps the keys of a record (they are data, not fields)', () => {
    expect(parseRequest(Body, { ...valid, extra: { anything: 1 } }).extra).toEqual({ anything: 1 });
  });

  it('lists every schema issue with its path, before looking for unknown fields', () => {
    expect(issuesOf({ name: 1, applicant: {}, materials: 'no' })).toEqual([
      'name: Invalid input: expected string, received number',
      'applicant.phone: Invalid input: expected string, received undefined',
      'materials: Invalid input: expected array, received string',
    ]);
    expect(issuesOf(null)).toEqual(['(body): Invalid input: expected object, received null']);
  });

  it('holds case numbers to the ledger stream-name alphabet', () => {
    expect(() => parseRequest(intake.accept.request, { caseNo: '../x', data: {} })).toThrow(InvalidCommand);
    expect(parseRequest(intake.accept.request, { caseNo: '20261201-7K3QXM', data: {} })).toEqual({
      caseNo: '20261201-7K3QXM',
      data: {},
    });
  });
});

import { createHash } from 'node:crypto';
import { GENESIS_HASH, type RecordedEvent } from '@docket/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_EXPORT_FORMAT,
  type CaseExport,
  checkCaseExport,
  exportCase,
  renderCaseTimelineHtml,
} from '../src/export';
import { buildLongCase, type LongCase, SCRIPT_IN_REASON } from './long-case';

/** The link formula written out here, apart from the ledger's code: what an outside party would do. */
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('exportCase: a self-contained audit file', () => {
  let c: LongCase;
  let all: RecordedEvent[];
  let exported: CaseExport;
  /** The file as someone else receives it: JSON text, parsed. */
  let received: CaseExport;

  beforeAll(async () => {
    c = await buildLongCase();
    all = await c.ledger.readAll();
    exported = await exportCase(c.ledger, c.caseNo, { now: () => new Date('2026-04-01T02:00:00Z') });
    received = JSON.parse(JSON.stringify(exported));
  }, 60_000);
  afterAll(async () => c.close());

  it('names the case, when it was taken and the ledger head it covers', async () => {
    const head = await c.ledger.head();
    expect(received).toMatchObject({
      format: CASE_EXPORT_FORMAT,
      caseNo: c.caseNo,
      exportedAt: '2026-04-01T02:00:00.000Z',
      ledgerHead: { position: head.position!.toString(), hash: head.hash },
      chain: { scope: 'global', genesis: GENESIS_HASH },
    });
    expect(received).not.toHaveProperty('proofs');
  });

  it('holds every event of the case with its full envelope as stored', () => {
    const mine = all.filter((e) => e.correlationId === c.caseNo);
    expect(received.events.map((e) => e.id)).toEqual(mine.map((e) => e.id));
    const [submitted] = received.events;
    const stored = mine[0]!;
    expect(submitted).toMatchObject({
      position: stored.position.toString(),
      revision: '0',
      stream: stored.stream,
      type: 'ApplicationSubmitted',
      schemaVersion: 1,
      occurredAt: stored.occurredAt,
      recordedAt: stored.recordedAt,
      actor: stored.actor,
      channel: 'window',
      correlationId: c.caseNo,
      data: stored.data,
      hash: stored.hash,
    });
  });

  it('lets anyone recompute each link from the file alone', () => {
    const hashAt = new Map(all.map((e) => [e.position.toString(), e.hash]));
    for (const e of received.events) {
      expect(sha256(`docket/1\n${e.previousHash}\n${e.record}`)).toBe(e.hash);
      expect(e.previousHash).toBe(hashAt.get((BigInt(e.position) - 1n).toString()) ?? GENESIS_HASH);
      // The record is the envelope and data the file shows, byte for byte.
      expect(
        e.record.startsWith(
          `${e.stream}\n${e.revision}\n${e.id}\n${e.type}\n1\n${e.occurredAt}\n${e.recordedAt}\n`,
        ),
      ).toBe(true);
      expect(e.record.endsWith(`\n${JSON.stringify(e.data)}`)).toBe(true);
    }
    expect(checkCaseExport(received)).toEqual({ ok: true, count: received.events.length });
  });

  it('shows an edited event, a forged link and a foreign event', () => {
    const copy = (): CaseExport => JSON.parse(JSON.stringify(exported));

    const edited = copy();
    (edited.events[4]!.data as Record<string, unknown>).opinion = '不予许可';
    expect(checkCaseExport(edited)).toMatchObject({
      ok: false,
      count: 4,
      reason: 'record does not match the event',
    });

    // Rewritten consistently (data, record, hash): the next event of the chain still names the old hash.
    const forged = copy();
    const i = forged.events.findIndex(
      (e, k) => BigInt(forged.events[k + 1]?.position ?? 0) === BigInt(e.position) + 1n,
    );
    const target = forged.events[i]!;
    target.data = { ...(target.data as object), forged: true };
    target.record = target.record.replace(/\n[^\n]*$/, `\n${JSON.stringify(target.data)}`);
    target.hash = sha256(`docket/1\n${target.previousHash}\n${target.record}`);
    expect(checkCaseExport(forged)).toMatchObject({
      ok: false,
      position: forged.events[i + 1]!.position,
      reason: 'previous hash differs from the event before',
    });

    const foreign = copy();
    foreign.events[2]!.correlationId = c.other;
    expect(checkCaseExport(foreign)).toMatchObject({ ok: false, count: 2 });
  });
});

describe('renderCaseTimelineHtml: the printable timeline', () => {
  let c: LongCase;
  let html: string;
  let exported: CaseExport;

  beforeAll(async () => {
    c = await buildLongCase();
    exported = await exportCase(c.ledger, c.caseNo);
    html = renderCaseTimelineHtml(exported);
  }, 60_000);
  afterAll(async () => c.close());

  it('escapes a <script> typed into a reason, and runs nothing', () => {
    expect(html).toContain('投诉属实&lt;script&gt;alert(&quot;docket&quot;)&lt;/script&gt;');
    expect(html).not.toContain(SCRIPT_IN_REASON);
    expect(html).not.toMatch(/<script/i);
  });

  it('escapes every value, wherever it appears', () => {
    const hostile = structuredClone(exported);
    const first = hostile.events[0]!;
    first.actor = { ...first.actor, name: '<img src=x onerror=alert(1)>', department: '"><b>' };
    first.type = 'X<i>';
    const page = renderCaseTimelineHtml({ ...hostile, caseNo: '<caseNo>' });
    expect(page).not.toMatch(/<img|<b>|<i>|<caseNo>/);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('is one self-contained, printable page: no external assets, print styles inline', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<link|src=|url\(|https?:\/\//i);
  });

  it('shows time, actor, action in Chinese, reason and hash prefix for every event', () => {
    const rows = html.match(/<tr>/g) ?? [];
    expect(rows).toHaveLength(exported.events.length + 1);
    for (const label of [
      '提交申请',
      '一次性告知补正',
      '受理',
      '退回',
      '黄牌预警',
      '红牌报警',
      '特别程序开始',
      '作出决定',
      '评价',
    ]) {
      expect(html).toContain(label);
    }
    expect(html).toContain('2026-03-05 16:30:00 +08:00');
    expect(html).toContain('陈静');
    expect(html).toContain('经营场所面积与平面图不符，退回承办核实');
    for (const e of exported.events) expect(html).toContain(`>${e.hash.slice(0, 12)}<`);
  });
});

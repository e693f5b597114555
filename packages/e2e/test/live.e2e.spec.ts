import { type CaseNotice, review } from '@docket/contracts';
import { type Embedded, startEmbedded } from '@docket/embedded';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILDING_PERMIT,
  BUILDING_PERMIT_MATERIALS,
  DocketClient,
  desks,
  expectStatus,
  submit,
  until,
  users,
} from '../src';

/** A reader of GET /api/live as the console reads it: fetch with the bearer token, SSE parsed by hand. */
class LiveReader {
  readonly notices: CaseNotice[] = [];
  readonly ids: string[] = [];
  private readonly controller = new AbortController();
  /** Resolves when the stream has ended (closed by us or by the server). */
  done: Promise<void> = Promise.resolve();

  static async open(url: string, token: string): Promise<LiveReader> {
    const reader = new LiveReader();
    const response = await fetch(`${url}/api/live`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: reader.controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    reader.done = reader.read(response.body!);
    return reader;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) =>
            block
              .split('\n')
              .find((line) => line.startsWith(`${name}: `))
              ?.slice(name.length + 2);
          const data = field('data');
          if (field('event') === 'case' && data !== undefined) {
            this.notices.push(JSON.parse(data) as CaseNotice);
            this.ids.push(field('id') ?? '');
          }
        }
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }

  of(caseNo: string): CaseNotice[] {
    return this.notices.filter((n) => n.caseNo === caseNo);
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }
}

/**
 * 实时: the console's screens are told when a case they may see moves, and only then: the market officer
 * hears of a food licence case, the fire officer does not, until a joint case names 消防 a co-handler.
 * A notice's position read back as X-Docket-Min-Position shows the change.
 */
describe('live case notices over HTTP (Server-Sent Events)', () => {
  let dir: ReturnType<typeof tempDir>;
  let docket: Embedded;
  let client: DocketClient;
  let closed = false;
  const readers: LiveReader[] = [];

  beforeAll(async () => {
    dir = tempDir('docket-e2e-live-');
    docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
    client = new DocketClient(docket.url);
  }, 60_000);

  afterAll(async () => {
    for (const reader of readers) await reader.close();
    if (!closed) await docket?.close();
    dir?.cleanup();
  });

  const open = async (userId: string) => {
    const reader = await LiveReader.open(docket.url, await client.token(userId));
    readers.push(reader);
    return reader;
  };

  it('refuses a reader without a token with a 401 problem', async () => {
    const response = await fetch(`${docket.url}/api/live`, { headers: { accept: 'text/event-stream' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('tells the department whose case moved, with the position that shows the change, and no one else', async () => {
    const officer = await open(users.officer);
    const fireOfficer = await open(users.fireOfficer);
    const d = desks(client);
    const { caseNo } = await submit(d.clerk);
    expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);

    const opened = await until('the officer told the review opened', async () =>
      officer.of(caseNo).find((n) => n.type === 'ReviewOpened'),
    );
    expect(officer.of(caseNo).map((n) => n.type)).toEqual(
      expect.arrayContaining(['ApplicationSubmitted', 'ApplicationAccepted', 'ReviewOpened']),
    );
    // The event's id is its position, as in the data.
    expect(officer.ids[officer.notices.indexOf(opened)]).toBe(opened.position);
    // Read with the notice's position, the inbox already holds the case's task.
    const inbox = expectStatus(
      'inbox at the notice',
      await d.officer.call(review.inbox, { query: {} }, { minPosition: opened.position }),
      200,
    ).body;
    expect(inbox.items.map((item) => item.caseNo)).toContain(caseNo);

    // A joint case with 消防 as co-handler: now the fire officer hears of it.
    const joint = (await submit(d.clerk, { itemCode: BUILDING_PERMIT, materials: BUILDING_PERMIT_MATERIALS }))
      .caseNo;
    expectStatus('accept joint', await d.clerk.post(`/api/applications/${joint}/acceptance`, {}), 200);
    await until('the fire officer told of the joint case', async () =>
      fireOfficer.of(joint).some((n) => n.type === 'ReviewOpened') ? true : undefined,
    );
    // The market department co-handles the building permit too; nothing of the food case reached 消防.
    expect(fireOfficer.of(caseNo)).toEqual([]);
    expect(JSON.stringify(fireOfficer.notices)).not.toContain('上海小笼包');
  });

  it('ends the open streams when the docket shuts down: a shutdown never waits on a browser', async () => {
    const reader = await open(users.monitor);
    const token = await client.token(users.monitor);
    const feed = await fetch(`${docket.url}/api/monitoring/feed`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    });
    expect(feed.status).toBe(200);
    const feedEnded = (async () => {
      for await (const _ of feed.body!);
    })();
    closed = true;
    await docket.close();
    await Promise.all([reader.done, feedEnded]);
  });
});

import { connect } from 'node:net';
import { audit, intake, monitoring } from '@docket/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtConsole } from '../src/http/console-assets';
import { openApiDocument } from '../src/openapi/document';
import { serviceRoutes } from '../src/routes/table';
import { call, startTestGateway, type TestGateway } from './support';

/**
 * Issue 14, what a hostile probe found at the HTTP edge: a stalled body held for ever, no hardening
 * headers, invalid UTF-8 answered with a misleading reason, live streams outliving their token, and a
 * proxy in front nobody was told about. The gateway runs alone on a real in-process bus; stand-in
 * services answer what a test needs.
 */

/** Writes `request` on a raw socket and answers everything the server sent until it closed the connection. */
function rawExchange(url: string, request: string | Buffer): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

/** The `exp` of a JWT, in milliseconds. */
const expiryOf = (token: string): number =>
  (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp: number }).exp *
  1000;

/** Reads a Server-Sent Events stream until the server ends it; answers when it did. */
async function readUntilEnded(response: Response): Promise<number> {
  const reader = response.body!.getReader();
  for (;;) {
    const { done } = await reader.read();
    if (done) return Date.now();
  }
}

describe('a request whose body stalls is not held for ever (DOCKET_HTTP_REQUEST_TIMEOUT_MS)', () => {
  let t: TestGateway;

  beforeAll(async () => {
    // Read from the environment as the embedded and networked gateways read it; short for the test.
    process.env.DOCKET_HTTP_REQUEST_TIMEOUT_MS = '300';
    try {
      t = await startTestGateway();
    } finally {
      delete process.env.DOCKET_HTTP_REQUEST_TIMEOUT_MS;
    }
  });
  afterAll(() => t?.close());

  it('the public status lookup: 10 of 100 bytes, then nothing, is answered 408 and the connection closed', async () => {
    const answer = await rawExchange(
      t.url,
      'POST /api/public/status-lookup HTTP/1.1\r\nHost: docket\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"caseNo":',
    );
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(head.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(JSON.parse(body)).toMatchObject({ status: 408, code: 'ClientTimeout' });
  }, 20_000);

  it('headers that never end are answered 408 too', async () => {
    const answer = await rawExchange(t.url, 'GET /api/departments HTTP/1.1\r\nHost: docket\r\nX-Slow: ');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  }, 20_000);

  it('a request that arrives in time is answered as before', async () => {
    expect((await call(`${t.url}/api/departments`)).status).toBe(200);
  });

  it('refuses to start with a timeout that is not a positive number of milliseconds', async () => {
    process.env.DOCKET_HTTP_IDLE_TIMEOUT_MS = '1m';
    try {
      await expect(startTestGateway()).rejects.toThrow(/DOCKET_HTTP_IDLE_TIMEOUT_MS/);
    } finally {
      delete process.env.DOCKET_HTTP_IDLE_TIMEOUT_MS;
    }
  });
});

describe('hardening headers', () => {
  let t: TestGateway;
  let clerk: string;

  beforeAll(async () => {
    t = await startTestGateway({ devTokens: true, deps: { console: builtConsole() } });
    clerk = `Bearer ${await t.tokenFor('clerk')}`;
    t.bus.serve(audit.export.subject, (request: { format: string }) =>
      request.format === 'html'
        ? {
            html: '<!doctype html><html><head><style>body{margin:2em}</style></head><body>审计</body></html>',
          }
        : { export: {} },
    );
  });
  afterAll(() => t?.close());

  const API_ANSWERS: [string, () => Promise<Response>][] = [
    ['a public read', () => fetch(`${t.url}/api/departments`)],
    ['who am I (personal)', () => fetch(`${t.url}/api/me`, { headers: { authorization: clerk } })],
    [
      'a development token',
      () =>
        fetch(`${t.url}/api/dev/tokens`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: 'u-clerk-wang' }),
        }),
    ],
    ['a problem (unknown route)', () => fetch(`${t.url}/api/no-such-route`)],
    ['a problem (no token)', () => fetch(`${t.url}/api/me`)],
    ['a problem before routing (bad percent-encoding)', () => fetch(`${t.url}/api/cases/%zz`)],
    [
      'the audit export as JSON',
      () => fetch(`${t.url}/api/audit/cases/20261201-7K3QXM/export`, { headers: { authorization: clerk } }),
    ],
  ];

  it.each(API_ANSWERS)('%s: nosniff, no-store, nothing to run and not to be framed', async (_, ask) => {
    const answer = await ask();
    await answer.arrayBuffer();
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(answer.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
  });

  it('the live feed is not stored either', async () => {
    const controller = new AbortController();
    const answer = await fetch(`${t.url}/api/live`, {
      headers: { authorization: clerk, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(answer.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    controller.abort();
  });

  /** The policy's directives by name. */
  const directives = (policy: string | null): Map<string, string> =>
    new Map(
      (policy ?? '')
        .split(';')
        .map((d) => d.trim())
        .filter((d) => d !== '')
        .map((d) => [d.split(/\s+/)[0]!, d.slice(d.indexOf(' ') + 1)] as const),
    );

  const HTML_PAGES: [string, string, RegExp][] = [
    ['Swagger UI', '/api/docs', /^no-store$/],
    ['the printable case export', '/api/audit/cases/20261201-7K3QXM/export?format=html', /^no-store$/],
    ['the console', '/', /^no-cache$/],
    ['a console route', '/inbox', /^no-cache$/],
  ];

  it.each(HTML_PAGES)(
    '%s: a Content-Security-Policy that runs no inline script and forbids framing',
    async (_, path, cacheControl) => {
      const answer = await fetch(`${t.url}${path}`, { headers: { authorization: clerk } });
      const html = await answer.text();
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
      const policy = directives(answer.headers.get('content-security-policy'));
      expect(policy.get('frame-ancestors')).toBe("'none'");
      expect(policy.get('object-src') ?? policy.get('default-src')).toBe("'none'");
      expect(policy.get('base-uri')).toBeDefined();
      const scripts = policy.get('script-src') ?? policy.get('default-src') ?? '';
      expect(scripts).not.toContain('unsafe-inline');
      expect(scripts).not.toContain('unsafe-eval');
      // What the page needs is allowed: no inline script (it would be refused), scripts from the gateway.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      if (/<script[^>]*\bsrc=/i.test(html)) expect(scripts).toContain("'self'");
      if (/<style|style=/i.test(html)) expect(policy.get('style-src')).toContain("'unsafe-inline'");
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('cache-control')).toMatch(cacheControl);
    },
  );

  it('static files keep their own caching: Swagger UI assets, the OpenAPI document, hashed console assets', async () => {
    const css = await fetch(`${t.url}/api/docs/swagger-ui.css`);
    expect(css.headers.get('cache-control')).toMatch(/^public, max-age=/);
    expect(css.headers.get('x-content-type-options')).toBe('nosniff');
    const document = await fetch(`${t.url}/api/openapi.json`);
    expect(document.headers.get('cache-control')).toBe('no-cache');
    const page = await (await fetch(`${t.url}/`)).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${t.url}${asset}`);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('a JSON body that is not UTF-8', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t?.close());

  /** `{"caseNo":"<0xff 0xfe>"}`: not UTF-8 at all. */
  const body = Buffer.concat([Buffer.from('{"caseNo":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);

  const expectNotUtf8 = (answer: Awaited<ReturnType<typeof call>>) => {
    expect(answer.status, answer.text).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.json).toMatchObject({ status: 400, code: 'MalformedBody' });
    expect((answer.json as { detail: string }).detail).toMatch(/not valid UTF-8/);
  };

  it('with a Content-Length: 400, "the body is not valid UTF-8" (not a length mismatch)', async () => {
    expectNotUtf8(
      await call(`${t.url}/api/public/status-lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    );
  });

  it('chunked: 400 too, rather than read with replacement characters', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(body));
        controller.close();
      },
    });
    expectNotUtf8(
      await call(`${t.url}/api/public/status-lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
  });

  it('UTF-8 (Chinese, and a byte order mark) is read as before', async () => {
    let received: unknown;
    t.bus.serve('intake.cmd.submit', (request: unknown) => {
      received = request;
      return { caseNo: '20261201-7K3QXM', revision: 1n, position: 1n };
    });
    await call(`${t.url}/api/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await t.tokenFor('clerk')}` },
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"itemCode":"食品经营许可"}')]),
    });
    expect(received).toEqual({ itemCode: '食品经营许可' });
  });
});

describe('a live stream ends when its token expires', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
    t.bus.serve(monitoring.feed.subject, () => []);
  });
  afterAll(() => t?.close());

  it.each([
    ['the case notices', '/api/live'],
    ['the monitoring feed', '/api/monitoring/feed'],
  ])(
    '%s: closed at the token’s exp, for the client to reconnect with a fresh token',
    async (_, path) => {
      // exp is counted in whole seconds, so a one-second token may have a few milliseconds left when it
      // is issued; three seconds leave at least two for a loaded machine to open the stream.
      const token = await t.tokenFor('monitor', 3);
      const answer = await fetch(`${t.url}${path}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const ended = await readUntilEnded(answer);
      expect(ended).toBeGreaterThanOrEqual(expiryOf(token));
      // The same token opens no new stream (it would end at once): 401, and the client gets a fresh one.
      const again = await call(`${t.url}${path}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      });
      expect(again.status).toBe(401);
      expect(again.json).toMatchObject({ code: 'TokenExpired' });
      expect(again.headers.get('www-authenticate')).toContain('invalid_token');
    },
    20_000,
  );
});

describe('behind a reverse proxy without DOCKET_TRUST_PROXY', () => {
  it('warns the operator once, when the first forwarded request arrives, and says what to set', async () => {
    const t = await startTestGateway();
    try {
      await call(`${t.url}/api/departments`);
      expect(t.warned.filter((m) => m.includes('X-Forwarded-For'))).toEqual([]);
      const forwarded = { headers: { 'x-forwarded-for': '203.0.113.7' } };
      await call(`${t.url}/api/departments`, forwarded);
      await call(`${t.url}/api/departments`, { headers: { 'x-forwarded-for': '198.51.100.9' } });
      const warnings = t.warned.filter((m) => m.includes('X-Forwarded-For'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('DOCKET_TRUST_PROXY');
      expect(warnings[0]).toMatch(/rate limit/);
    } finally {
      await t.close();
    }
  });

  it('says nothing when the proxy is trusted', async () => {
    const t = await startTestGateway({ deps: { trustProxy: '127.0.0.1' } });
    try {
      await call(`${t.url}/api/departments`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
      expect(t.warned.filter((m) => m.includes('X-Forwarded-For'))).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('a stale If-Match is 412 Precondition Failed (RFC 9110 §13.1.1)', () => {
  let t: TestGateway;
  let clerk: string;

  beforeAll(async () => {
    t = await startTestGateway();
    clerk = `Bearer ${await t.tokenFor('clerk')}`;
    // The service as the ledger answers a revision that moved on (with If-Match it is not retried;
    // without, it is retried and thrown only when writers keep racing).
    t.bus.serve(intake.accept.subject, () => {
      throw Object.assign(
        new Error('Wrong expected revision on application-x: expected revision 0, actual 1'),
        {
          code: 'WrongExpectedRevision',
        },
      );
    });
  });
  afterAll(() => t?.close());

  const accept = (headers: Record<string, string> = {}) =>
    call(`${t.url}/api/applications/20261201-7K3QXM/acceptance`, {
      method: 'POST',
      headers: { authorization: clerk, 'content-type': 'application/json', ...headers },
      body: '{}',
    });

  it('with If-Match: 412, the same code and detail', async () => {
    const answer = await accept({ 'if-match': '"0"' });
    expect(answer.status).toBe(412);
    expect(answer.json).toMatchObject({
      type: 'urn:docket:problem:WrongExpectedRevision',
      title: 'Precondition failed',
      status: 412,
      code: 'WrongExpectedRevision',
      detail: expect.stringContaining('expected revision 0, actual 1'),
    });
  });

  it('without If-Match (writers racing): still a 409 conflict', async () => {
    const answer = await accept();
    expect(answer.status).toBe(409);
    expect(answer.json).toMatchObject({ code: 'WrongExpectedRevision' });
  });

  it('the OpenAPI document says 412 for every operation that takes If-Match', () => {
    const document = openApiDocument({ devTokens: false, adjustableTime: false }) as {
      paths: Record<
        string,
        Record<
          string,
          { responses: Record<string, unknown>; parameters?: { name: string; description: string }[] }
        >
      >;
    };
    const conditional = serviceRoutes.filter((route) => route.conditional);
    expect(conditional.length).toBeGreaterThan(20);
    for (const route of conditional) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(Object.keys(operation?.responses ?? {}), route.operationId).toContain('412');
      const ifMatch = operation?.parameters?.find((p) => p.name === 'If-Match');
      expect(ifMatch?.description, route.operationId).toContain('412');
    }
  });
});

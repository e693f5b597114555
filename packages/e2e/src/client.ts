import { type CallOf, type HttpEndpoint, httpRequestOf, type ReplyOf } from '@docket/contracts';

/** One HTTP exchange as a test or benchmark sees it. */
export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  /** The ETag without quotes (the stream revision), when the answer has one. */
  etag?: string;
}

export interface SendOptions {
  ifMatch?: string;
  idempotencyKey?: string;
  minPosition?: string;
  headers?: Record<string, string>;
  /** A raw body sent as it is (bad-input tests); otherwise `body` is sent as JSON. */
  raw?: string;
}

/** How a request goes out: global fetch by default; a benchmark passes a pooled client. */
export type Transport = (
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
) => Promise<{ status: number; headers: Headers; text: string }>;

const fetchTransport: Transport = async (method, url, headers, body) => {
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  return { status: response.status, headers: response.headers, text: await response.text() };
};

/**
 * A client of the docket HTTP API for tests, demos and benchmarks: tokens for the seeded users from the
 * embedded/networked development endpoint, then plain fetch calls that return status, headers and body.
 */
export class DocketClient {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    readonly baseUrl: string,
    private readonly transport: Transport = fetchTransport,
  ) {}

  /** A development token for a seeded user (POST /api/dev/tokens), fetched once per user. */
  token(userId: string): Promise<string> {
    let token = this.tokens.get(userId);
    if (token === undefined) {
      token = this.send('POST', '/api/dev/tokens', undefined, { userId }).then((answer) => {
        if (answer.status !== 201)
          throw new Error(`no token for ${userId}: ${answer.status} ${JSON.stringify(answer.body)}`);
        return (answer.body as { token: string }).token;
      });
      this.tokens.set(userId, token);
    }
    return token;
  }

  /** Requests as a seeded user (undefined: without a token). */
  as(userId: string | undefined): Desk {
    return new Desk(this, userId);
  }

  async send<T = unknown>(
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
    options: SendOptions = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    if (options.minPosition !== undefined) headers['x-docket-min-position'] = options.minPosition;
    const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined && headers['content-type'] === undefined)
      headers['content-type'] = 'application/json';
    const response = await this.transport(method, `${this.baseUrl}${path}`, headers, payload);
    const text = response.text;
    const type = response.headers.get('content-type') ?? '';
    const parsed = type.includes('json') && text !== '' ? (JSON.parse(text) as T) : (text as T);
    const etag = response.headers.get('etag')?.replaceAll('"', '');
    return { status: response.status, headers: response.headers, body: parsed, ...(etag ? { etag } : {}) };
  }
}

/** Requests on behalf of one user. */
export class Desk {
  constructor(
    private readonly client: DocketClient,
    readonly userId: string | undefined,
  ) {}

  private async token(): Promise<string | undefined> {
    return this.userId === undefined ? undefined : this.client.token(this.userId);
  }

  async get<T = unknown>(path: string, options?: SendOptions): Promise<Answer<T>> {
    return this.client.send<T>('GET', path, await this.token(), undefined, options);
  }

  async post<T = unknown>(path: string, body: unknown, options?: SendOptions): Promise<Answer<T>> {
    return this.client.send<T>('POST', path, await this.token(), body, options);
  }

  async put<T = unknown>(path: string, body: unknown, options?: SendOptions): Promise<Answer<T>> {
    return this.client.send<T>('PUT', path, await this.token(), body, options);
  }

  /**
   * An operation as @docket/contracts declares it: the path, method and body from its declaration, the
   * answer typed as its reply (a problem's body when the status says so).
   */
  async call<E extends HttpEndpoint>(
    endpoint: E,
    call: CallOf<E>,
    options?: SendOptions,
  ): Promise<Answer<ReplyOf<E>>> {
    const { method, path, body } = httpRequestOf(endpoint, call);
    return this.client.send<ReplyOf<E>>(method, path, await this.token(), body, options);
  }
}

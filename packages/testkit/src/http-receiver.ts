import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver took it in. */
export interface ReceivedRequest {
  method: string | undefined;
  path: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the receiver answers a request with. */
export interface ReceiverAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface HttpReceiver {
  /** `http://127.0.0.1:<port><path>` */
  readonly url: string;
  /** Every request, in arrival order, whatever it was answered. */
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on a free loopback port that reads each request's body whole and answers what
 * `answer` says: the far end of a webhook or a checkpoint witness, for tests that must see what docket
 * sent and make it fail on purpose.
 */
export async function startHttpReceiver(
  answer: (request: ReceivedRequest) => ReceiverAnswer,
  path = '/',
): Promise<HttpReceiver> {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const taken = { method: request.method, path: request.url, headers: request.headers, body };
      received.push(taken);
      const { status, body: text, headers } = answer(taken);
      response.writeHead(status, headers).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

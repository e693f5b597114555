import {
  createTokenIssuer,
  createTokenVerifier,
  demoDirectory,
  demoUsers,
  generateSigningKeys,
} from '@docket/identity';
import { type Bus, createInProcessBus } from '@docket/messaging';
import type { Logger } from '@docket/service-kit';
import { type RunningGateway, startGateway } from '../src/gateway';
import type { GatewayDeps } from '../src/gateway-deps';

/** What a test logger received: operators read these, so tests check what reaches them. */
export interface LoggedError {
  message: string;
  error: unknown;
}

export interface TestGateway {
  gateway: RunningGateway;
  bus: Bus;
  url: string;
  logged: LoggedError[];
  /** What the gateway warned the operator of. */
  warned: string[];
  /** A valid bearer token for a seeded user (for 600 s, or `ttlSeconds`). */
  tokenFor(user: keyof typeof demoUsers, ttlSeconds?: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * The gateway alone on a real in-process bus, with no services behind it: a test serves the subjects it
 * needs itself (a stand-in service) or leaves them unserved (NoResponders).
 */
export async function startTestGateway(
  options: { devTokens?: boolean; deps?: Partial<GatewayDeps> } = {},
): Promise<TestGateway> {
  const keys = await generateSigningKeys();
  const directory = demoDirectory();
  const issuerFor = (ttlSeconds: number) =>
    createTokenIssuer({ privateKey: keys.privateKey, issuer: 'docket', audience: 'docket', ttlSeconds });
  const issuer = issuerFor(600);
  const bus = createInProcessBus();
  const logged: LoggedError[] = [];
  const warned: string[] = [];
  const logger: Logger = {
    info() {},
    warn: (message) => warned.push(message),
    error: (message, error) => logged.push({ message, error }),
  };
  const gateway = await startGateway(
    {
      bus,
      verifier: createTokenVerifier({
        publicKey: keys.publicKey,
        issuer: 'docket',
        audience: 'docket',
        departments: directory.tree,
      }),
      directory,
      logger,
      ...(options.devTokens ? { devTokens: { issuer, ttlSeconds: 600 } } : {}),
      ...options.deps,
    },
    { host: '127.0.0.1', port: 0 },
  );
  return {
    gateway,
    bus,
    url: gateway.url,
    logged,
    warned,
    tokenFor: (user, ttlSeconds) =>
      (ttlSeconds === undefined ? issuer : issuerFor(ttlSeconds)).issue(demoUsers[user]),
    async close() {
      await gateway.close();
      await bus.close();
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when it is JSON (problem+json included). */
  json: unknown;
}

export async function call(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, init);
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: type.includes('json') && text !== '' ? JSON.parse(text) : undefined,
  };
}

/** A food licence application as a window clerk submits it: the body the gateway tests send. */
export const foodSubmission = {
  itemCode: '310101-FOOD-BL',
  applicant: {
    type: 'company',
    name: '上海小笼包餐饮有限公司',
    idType: 'unified_social_credit_code',
    idNumber: '91310101MA1FL000UX',
    phone: '13800000000',
  },
  channel: 'window',
  materials: [{ code: 'form', count: 1, form: 'original' }],
};

import { describe, expect, it } from 'vitest';
import { decodeError, decodePayload, encodeError, encodePayload, toErrorEnvelope } from './codec';
import { MalformedMessage, RemoteError } from './errors';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('payload encoding', () => {
  it('writes a bigint as {"$bigint": "<decimal>"} and reads it back', () => {
    const payload = { revision: 42n, big: -(2n ** 80n), list: [0n], plain: 42, text: '42n' };
    const encoded = encodePayload(payload);
    expect(text(encoded)).toBe(
      '{"revision":{"$bigint":"42"},"big":{"$bigint":"-1208925819614629174706176"},"list":[{"$bigint":"0"}],"plain":42,"text":"42n"}',
    );
    expect(decodePayload(encoded)).toEqual(payload);
  });

  it("writes a relayed ledger event as it is, without touching the sender's object", () => {
    const event = {
      revision: 3n,
      position: 123n,
      at: new Date('2026-12-07T03:00:00.000Z'),
      data: { steps: [{ index: 0n, opinion: '同意' }], untouched: { a: 1 } },
    };
    const encoded = encodePayload(event);
    expect(text(encoded)).toBe(
      '{"revision":{"$bigint":"3"},"position":{"$bigint":"123"},"at":"2026-12-07T03:00:00.000Z","data":{"steps":[{"index":{"$bigint":"0"},"opinion":"同意"}],"untouched":{"a":1}}}',
    );
    expect(event.revision).toBe(3n);
    expect(event.data.steps[0]!.index).toBe(0n);
    expect(decodePayload(encoded)).toEqual({ ...event, at: '2026-12-07T03:00:00.000Z' });
  });

  it('reads a "__proto__" key as a plain key, as JSON does, also when it holds a bigint', () => {
    const decoded = decodePayload(bytes('{"__proto__":{"$bigint":"7"},"x":{"$bigint":"1"}}')) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toBe(7n);
    expect(decoded.x).toBe(1n);
  });

  it('leaves objects with other keys beside $bigint alone', () => {
    expect(decodePayload(bytes('{"$bigint":"1","x":2}'))).toEqual({ $bigint: '1', x: 2 });
  });

  it('treats the empty body as undefined, both ways', () => {
    expect(encodePayload(undefined)).toHaveLength(0);
    expect(decodePayload(new Uint8Array(0))).toBeUndefined();
  });

  it('turns bad bytes from the wire into MalformedMessage', () => {
    for (const bad of ['{not json', '{"$bigint":"1.5"}', '{"$bigint":12}', '{"$bigint":"0x10"}']) {
      expect(() => decodePayload(bytes(bad))).toThrow(MalformedMessage);
    }
    expect(() => decodePayload(new Uint8Array([0xff, 0xfe]))).toThrow(MalformedMessage);
  });
});

describe('error envelope', () => {
  it('keeps code, kind, message and details of a typed error', () => {
    const error = Object.assign(new Error('Stream x: expected revision 1, actual 2'), {
      code: 'WrongExpectedRevision',
      kind: 'conflict',
      details: { actual: 2n },
    });
    const remote = decodeError(encodeError(error));
    expect(remote).toBeInstanceOf(RemoteError);
    expect(remote).toMatchObject({
      code: 'WrongExpectedRevision',
      kind: 'conflict',
      details: { actual: 2n },
    });
    expect(remote.message).toBe('Stream x: expected revision 1, actual 2');
  });

  it('hides untyped errors, Node system errors and non-errors as InternalError', () => {
    const system = Object.assign(new Error("ENOENT: open '/srv/keys/signing.pem'"), {
      code: 'ENOENT',
      errno: -2,
      syscall: 'open',
    });
    const node = Object.assign(new Error('internal detail'), { code: 'ERR_INVALID_ARG_TYPE' });
    for (const thrown of [new Error('secret'), system, node, 'a string', null, 42]) {
      expect(toErrorEnvelope(thrown)).toEqual({
        code: 'InternalError',
        message: 'The service failed to handle the request',
      });
    }
  });

  it('keeps the error when its details cannot be encoded', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const remote = decodeError(encodeError({ code: 'Odd', message: 'odd', details: cyclic }));
    expect(remote).toMatchObject({ code: 'Odd', message: 'odd', details: undefined });
  });

  it('refuses a reply envelope without code or message', () => {
    expect(() => decodeError(bytes('{"message":"x"}'))).toThrow(MalformedMessage);
    expect(() => decodeError(bytes('"x"'))).toThrow(MalformedMessage);
  });
});

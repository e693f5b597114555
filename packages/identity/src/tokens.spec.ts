import { systemActor } from '@docket/domain';
import { SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory, demoUsers } from './demo';
import {
  IdentityError,
  TokenExpired,
  TokenInvalid,
  TokenMalformed,
  TokenMissing,
  TokenNotIssuable,
} from './errors';
import { exportSigningKeys, generateSigningKeys, importKeys, publicJwkOf, type SigningKeys } from './keys';
import { bearerToken, createTokenIssuer, createTokenVerifier } from './tokens';

const issuer = 'https://docket.test/identity';
const audience = 'docket-gateway';
const issuedAt = new Date('2026-03-04T02:00:00Z');
const at = (seconds: number) => () => new Date(issuedAt.getTime() + seconds * 1000);

let keys: SigningKeys;
let otherKeys: SigningKeys;

beforeAll(async () => {
  keys = await generateSigningKeys();
  otherKeys = await generateSigningKeys();
});

const issue = (user = demoUsers.officer, signing = keys) =>
  createTokenIssuer({ privateKey: signing.privateKey, issuer, audience, ttlSeconds: 3600, now: at(0) }).issue(
    user,
  );

const verifier = (options: { now?: () => Date; issuer?: string; audience?: string } = {}) =>
  createTokenVerifier({
    publicKey: keys.publicKey,
    issuer: options.issuer ?? issuer,
    audience: options.audience ?? audience,
    clockToleranceSeconds: 30,
    now: options.now ?? at(60),
  });

/** A token signed with the right key whose claims we choose: what a compromised or buggy issuer would send. */
const signClaims = (claims: Record<string, unknown>, subject = 'u-x') =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject(subject)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
    .setExpirationTime(Math.floor(issuedAt.getTime() / 1000) + 3600)
    .sign(keys.privateKey);

describe('issue → verify', () => {
  it('gives back the Actor the token was issued for', async () => {
    const actor = await verifier().verify(await issue());
    expect(actor).toEqual(demoUsers.officer);
  });

  it('carries an applicant without a department', async () => {
    expect(await verifier().verify(await issue(demoUsers.applicant))).toEqual(demoUsers.applicant);
  });

  it('writes sub, name, roles, department, iat, exp, iss, aud', async () => {
    const token = await issue(demoUsers.clerk);
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(payload).toEqual({
      sub: 'u-clerk-wang',
      name: '王敏',
      roles: ['clerk'],
      department: 'huangpu-window',
      iss: issuer,
      aud: audience,
      iat: issuedAt.getTime() / 1000,
      exp: issuedAt.getTime() / 1000 + 3600,
    });
  });

  it('verifies against a JWK set, picking the key by kid', async () => {
    const exported = await exportSigningKeys(keys);
    const token = await createTokenIssuer({
      privateKey: keys.privateKey,
      issuer,
      audience,
      ttlSeconds: 60,
      keyId: 'k1',
      now: at(0),
    }).issue(demoUsers.head);
    const jwks = { keys: [{ ...publicJwkOf(exported.publicJwk), kid: 'k1' }] };
    const actor = await createTokenVerifier({ jwks, issuer, audience, now: at(10) }).verify(token);
    expect(actor.id).toBe('u-head-zhou');
    const otherJwk = (await exportSigningKeys(otherKeys)).publicJwk;
    const wrongSet = { keys: [{ ...publicJwkOf(otherJwk), kid: 'k1' }] };
    await expect(
      createTokenVerifier({ jwks: wrongSet, issuer, audience, now: at(10) }).verify(token),
    ).rejects.toBeInstanceOf(TokenInvalid);
  });

  it('works with keys imported from PEM (PKCS8 / SPKI)', async () => {
    const exported = await exportSigningKeys(keys);
    const imported = await importKeys({ privateKey: exported.privatePkcs8, publicKey: exported.publicSpki });
    if (!imported.privateKey || !imported.publicKey) throw new Error('both halves expected');
    const token = await createTokenIssuer({
      privateKey: imported.privateKey,
      issuer,
      audience,
      ttlSeconds: 60,
      now: at(0),
    }).issue(demoUsers.reviewer);
    const actor = await createTokenVerifier({
      publicKey: keys.publicKey,
      issuer,
      audience,
      now: at(1),
    }).verify(token);
    expect(actor.id).toBe('u-reviewer-chen');
  });

  it('derives the public key from a private JWK', async () => {
    const { privateJwk } = await exportSigningKeys(keys);
    const imported = await importKeys({ privateKey: privateJwk });
    if (!imported.publicKey) throw new Error('public key expected');
    const actor = await createTokenVerifier({
      publicKey: imported.publicKey,
      issuer,
      audience,
      now: at(1),
    }).verify(await issue());
    expect(actor.id).toBe('u-officer-li');
  });
});

describe('refused tokens', () => {
  const rejects = async (token: string | undefined, error: typeof IdentityError, v = verifier()) => {
    const failure = await v.verify(token).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(error);
    expect((failure as IdentityError).status).toBe(401);
    return failure as IdentityError;
  };

  it('no token → TokenMissing', async () => {
    await rejects(undefined, TokenMissing);
    await rejects('  ', TokenMissing);
  });

  it('garbage → TokenMalformed', async () => {
    await rejects('not-a-token', TokenMalformed);
    await rejects('a.b.c', TokenMalformed);
    await rejects('e30.bm90IGpzb24.c2ln', TokenMalformed); // header {} ok, payload "not json"
    await rejects('e y.e30.c2ln', TokenMalformed);
  });

  it('remembers a verified token until it expires, and only a genuine one', async () => {
    let seconds = 60;
    const cached = createTokenVerifier({
      publicKey: keys.publicKey,
      issuer,
      audience,
      clockToleranceSeconds: 30,
      now: () => at(seconds)(),
    });
    const token = await issue();
    const first = await cached.verify(token);
    // What a caller got is shared with the next request, so it cannot be changed: that answer holds.
    expect(() => first.roles.push('admin')).toThrow(TypeError);
    expect(() => Object.assign(first, { department: 'D-OTHER' })).toThrow(TypeError);
    expect((await cached.verify(token)).roles).toEqual(['officer']);
    seconds = 3600 + 31;
    await expect(cached.verify(token)).rejects.toBeInstanceOf(TokenExpired);
    // A forged token (another key) is refused every time: a refusal is never remembered.
    seconds = 60;
    const forged = await issue(demoUsers.officer, otherKeys);
    await expect(cached.verify(forged)).rejects.toBeInstanceOf(TokenInvalid);
    await expect(cached.verify(forged)).rejects.toBeInstanceOf(TokenInvalid);
  });

  it('expired beyond the clock tolerance → TokenExpired; within it the token still holds', async () => {
    const token = await issue();
    await rejects(token, TokenExpired, verifier({ now: at(3600 + 31) }));
    expect((await verifier({ now: at(3600 + 29) }).verify(token)).id).toBe('u-officer-li');
  });

  it('wrong audience or issuer → TokenInvalid', async () => {
    const token = await issue();
    await rejects(token, TokenInvalid, verifier({ audience: 'another-service' }));
    await rejects(token, TokenInvalid, verifier({ issuer: 'https://elsewhere.test' }));
  });

  it('a tampered signature or payload → TokenInvalid', async () => {
    const [header, payload, signature] = (await issue()).split('.') as [string, string, string];
    const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
    await rejects(`${header}.${payload}.${flipped}`, TokenInvalid);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const promoted = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    await rejects(`${header}.${promoted}.${signature}`, TokenInvalid);
  });

  it('a token signed by another key → TokenInvalid', async () => {
    await rejects(await issue(demoUsers.officer, otherKeys), TokenInvalid);
  });

  it('alg none and HMAC tokens → TokenInvalid, naming the algorithm', async () => {
    const unsecured = new UnsecuredJWT({ name: '李强', roles: ['head'] })
      .setSubject('u-officer-li')
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    const error = await rejects(unsecured, TokenInvalid);
    expect(error.message).toMatch(/algorithm none/);
    const hmac = await new SignJWT({ name: 'x', roles: ['head'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-x')
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new Uint8Array(32).fill(7));
    await rejects(hmac, TokenInvalid);
  });

  it('a role not in the Role enum → TokenInvalid', async () => {
    const error = await rejects(
      await signClaims({ name: '某人', roles: ['clerk', 'superuser'] }),
      TokenInvalid,
    );
    expect(error.message).toMatch(/unknown role superuser/);
  });

  it('claims that are no Actor → TokenInvalid', async () => {
    await rejects(await signClaims({ roles: ['clerk'] }), TokenInvalid); // no name
    await rejects(await signClaims({ name: '某人', roles: 'clerk' }), TokenInvalid);
    await rejects(
      await signClaims({ name: '某人', roles: ['clerk'], department: 'd'.repeat(65) }),
      TokenInvalid,
    );
  });

  it('a system subject → TokenInvalid: no request speaks as the system', async () => {
    await rejects(await signClaims({ name: 'docket review', roles: [] }, 'system:review'), TokenInvalid);
  });

  it('a department the centre does not have → TokenInvalid when the verifier knows the tree', async () => {
    const token = await signClaims({ name: '某人', roles: ['officer'], department: 'pudong-market' });
    const withTree = createTokenVerifier({
      publicKey: keys.publicKey,
      issuer,
      audience,
      now: at(1),
      departments: demoDirectory().tree,
    });
    await rejects(token, TokenInvalid, withTree);
  });
});

describe('issuer refusals', () => {
  it('does not issue tokens for system actors or invalid users', async () => {
    await expect(issue(systemActor('review'))).rejects.toBeInstanceOf(TokenNotIssuable);
    await expect(issue({ id: '', name: 'x', roles: [] })).rejects.toBeInstanceOf(TokenNotIssuable);
  });
});

describe('bearerToken', () => {
  it('takes the token out of an Authorization header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc.def.ghi')).toBe('abc.def.ghi');
  });

  it('no header → TokenMissing; another scheme → TokenMalformed', () => {
    expect(() => bearerToken(undefined)).toThrow(TokenMissing);
    expect(() => bearerToken('')).toThrow(TokenMissing);
    expect(() => bearerToken('Basic dXNlcjpwYXNz')).toThrow(TokenMalformed);
    expect(() => bearerToken('Bearer a b')).toThrow(TokenMalformed);
  });
});

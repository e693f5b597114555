/**
 * The SM2 recommended curve (GB/T 32918.5-2017, 推荐曲线参数): y² = x³ + ax + b over F_p, base point G of
 * prime order n. Point arithmetic for verifying signatures only: it handles no secret (signing leaves the
 * scalar multiplication by the secret nonce to OpenSSL, sm2.ts), so plain BigInt arithmetic is fine here.
 */
export const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
export const A = 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn;
export const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
export const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
export const GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
export const GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;

export interface AffinePoint {
  x: bigint;
  y: bigint;
}

/** Jacobian coordinates (x = X/Z², y = Y/Z³): additions without a modular inversion each. Z = 0 is O. */
interface Jacobian {
  X: bigint;
  Y: bigint;
  Z: bigint;
}

const INFINITY: Jacobian = { X: 1n, Y: 1n, Z: 0n };

export const mod = (value: bigint, m: bigint): bigint => {
  const r = value % m;
  return r < 0n ? r + m : r;
};

/** value⁻¹ mod m (m prime, value not a multiple of m), by the extended Euclidean algorithm. */
export function modInverse(value: bigint, m: bigint): bigint {
  let [a, b, x, y] = [mod(value, m), m, 1n, 0n];
  while (b !== 0n) {
    const q = a / b;
    [a, b] = [b, a - q * b];
    [x, y] = [y, x - q * y];
  }
  if (a !== 1n) throw new RangeError('not invertible');
  return mod(x, m);
}

export function isOnCurve({ x, y }: AffinePoint): boolean {
  if (x < 0n || x >= P || y < 0n || y >= P) return false;
  return mod(y * y - (x * x * x + A * x + B), P) === 0n;
}

// a = -3 (mod p): the doubling formula "dbl-2001-b" (Bernstein–Lange, Explicit-Formulas Database).
function double(q: Jacobian): Jacobian {
  if (q.Z === 0n || q.Y === 0n) return INFINITY;
  const delta = mod(q.Z * q.Z, P);
  const gamma = mod(q.Y * q.Y, P);
  const beta = mod(q.X * gamma, P);
  const alpha = mod(3n * (q.X - delta) * (q.X + delta), P);
  const X = mod(alpha * alpha - 8n * beta, P);
  const Z = mod((q.Y + q.Z) * (q.Y + q.Z) - gamma - delta, P);
  const Y = mod(alpha * (4n * beta - X) - 8n * gamma * gamma, P);
  return { X, Y, Z };
}

// "add-2007-bl": general addition in Jacobian coordinates.
function add(p: Jacobian, q: Jacobian): Jacobian {
  if (p.Z === 0n) return q;
  if (q.Z === 0n) return p;
  const z1z1 = mod(p.Z * p.Z, P);
  const z2z2 = mod(q.Z * q.Z, P);
  const u1 = mod(p.X * z2z2, P);
  const u2 = mod(q.X * z1z1, P);
  const s1 = mod(p.Y * q.Z * z2z2, P);
  const s2 = mod(q.Y * p.Z * z1z1, P);
  const h = mod(u2 - u1, P);
  const rr = mod(2n * (s2 - s1), P);
  if (h === 0n) return rr === 0n ? double(p) : INFINITY;
  const i = mod(4n * h * h, P);
  const j = mod(h * i, P);
  const v = mod(u1 * i, P);
  const X = mod(rr * rr - j - 2n * v, P);
  const Y = mod(rr * (v - X) - 2n * s1 * j, P);
  const Z = mod(((p.Z + q.Z) * (p.Z + q.Z) - z1z1 - z2z2) * h, P);
  return { X, Y, Z };
}

const jacobian = ({ x, y }: AffinePoint): Jacobian => ({ X: x, Y: y, Z: 1n });

function affine(q: Jacobian): AffinePoint | undefined {
  if (q.Z === 0n) return undefined;
  const zInv = modInverse(q.Z, P);
  const zInv2 = mod(zInv * zInv, P);
  return { x: mod(q.X * zInv2, P), y: mod(q.Y * zInv2 * zInv, P) };
}

/** [u]G + [v]Q in one pass over the bits (Shamir's trick); undefined for the point at infinity. */
export function twoScalarMultiply(u: bigint, v: bigint, q: AffinePoint): AffinePoint | undefined {
  const g = jacobian({ x: GX, y: GY });
  const qj = jacobian(q);
  const both = add(g, qj);
  let r = INFINITY;
  const bits = Math.max(u.toString(2).length, v.toString(2).length);
  for (let i = bits - 1; i >= 0; i--) {
    r = double(r);
    const ub = (u >> BigInt(i)) & 1n;
    const vb = (v >> BigInt(i)) & 1n;
    if (ub === 1n && vb === 1n) r = add(r, both);
    else if (ub === 1n) r = add(r, g);
    else if (vb === 1n) r = add(r, qj);
  }
  return affine(r);
}

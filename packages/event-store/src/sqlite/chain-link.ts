import * as crypto from 'node:crypto';
import { chainHash } from '../encoding';

// crypto.hash (Node >= 20.12) is a one-shot digest, about twice as fast as createHash for short
// inputs. It hashes the same bytes as encoding.chainHash; the chain-formula test holds the two together.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** encoding.chainHash, faster: hash_n = SHA-256("docket/1\n" + hash_{n-1} + "\n" + record_n), hex. */
export const chainLink: (previousHash: string, record: string) => string = oneShot
  ? (previousHash, record) => oneShot('sha256', `docket/1\n${previousHash}\n${record}`, 'hex')
  : chainHash;

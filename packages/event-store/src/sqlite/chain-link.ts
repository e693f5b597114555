import * as crypto from 'node:crypto';
import type { HashAlgorithm } from '../crypto-profile';
import { chainHash } from '../encoding';

/** One link of the chain: the hash of a record after the previous hash (encoding.chainHash). */
export type ChainLink = (previousHash: string, record: string) => string;

// crypto.hash (Node >= 20.12) is a one-shot digest, about twice as fast as createHash for short
// inputs. It hashes the same bytes as encoding.chainHash; the chain-formula tests hold the two together.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

const links: Record<HashAlgorithm, ChainLink> = {
  sha256: oneShot
    ? (previousHash, record) => oneShot('sha256', `docket/1\n${previousHash}\n${record}`, 'hex')
    : (previousHash, record) => chainHash(previousHash, record, 'sha256'),
  sm3: oneShot
    ? (previousHash, record) => oneShot('sm3', `docket/1\n${previousHash}\n${record}`, 'hex')
    : (previousHash, record) => chainHash(previousHash, record, 'sm3'),
};

/** encoding.chainHash with the ledger's hash, faster: H("docket/1\n" + hash_{n-1} + "\n" + record_n), hex. */
export const chainLinkOf = (algorithm: HashAlgorithm): ChainLink => links[algorithm];

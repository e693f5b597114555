import { startEmbedded } from '@docket/embedded';
import type { CryptoProfile } from '@docket/event-store';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { openDocketLedger } from '../src';
import { auditSuite } from './audit-suite';

/** The whole audit suite once per cryptography: standard, and 国密 (SM3 chain and tree, SM2, SM4). */
const embeddedWith = (crypto: CryptoProfile) => async () => {
  const dir = tempDir('docket-e2e-audit-');
  // A key directory of its own: an SM3 ledger is signed only with an SM2 key, never the Ed25519 one.
  const keys = tempDir('docket-e2e-audit-keys-');
  // Checkpoints only when asked through the API: the test counts them.
  const docket = await startEmbedded({
    dataDir: dir.path,
    port: 0,
    logger: silentLogger,
    checkpointEveryEvents: 0,
    checkpointEveryMs: 0,
    crypto,
    checkpointKeyDir: keys.path,
  });
  const ledger = openDocketLedger(dir.path);
  return {
    url: docket.url,
    ledger,
    dataDir: dir.path,
    close: async () => {
      await ledger.close();
      await docket.close();
      dir.cleanup();
      keys.cleanup();
    },
  };
};

auditSuite('embedded', embeddedWith('standard'));
auditSuite('embedded, 国密: DOCKET_CRYPTO=gm', embeddedWith('gm'));

import { loadOrCreateSecret, runServiceProcess } from '@docket/service-kit';
import { startIntake } from './intake';
import { intakeRulesFromEnv } from './intake-deps';

/** `node services/intake/dist/main.js`: the intake service in its own process (networked, distributed). */
void runServiceProcess('intake', (deps, config) =>
  startIntake({
    ...deps,
    queryCodeSecret: loadOrCreateSecret(config.dataDir, 'query-code', process.env.DOCKET_QUERY_CODE_SECRET),
    ...(process.env.DOCKET_TIMER_INTERVAL_MS
      ? { timerIntervalMs: Number(process.env.DOCKET_TIMER_INTERVAL_MS) }
      : {}),
    ...intakeRulesFromEnv(process.env),
  }),
);

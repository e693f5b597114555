import { runServiceProcess } from '@docket/service-kit';
import { scoreDeductionsFromEnv } from './scores/score-rules';
import { startSupervision } from './supervision';

const scoreDeductionsOption = () => {
  const scoreDeductions = scoreDeductionsFromEnv();
  return scoreDeductions === undefined ? {} : { scoreDeductions };
};

/** `node services/supervision/dist/main.js`: the supervision service in its own process. */
void runServiceProcess('supervision', (deps) =>
  startSupervision({
    ...deps,
    ...(process.env.DOCKET_TIMER_INTERVAL_MS
      ? { timerIntervalMs: Number(process.env.DOCKET_TIMER_INTERVAL_MS) }
      : {}),
    ...scoreDeductionsOption(),
  }),
);

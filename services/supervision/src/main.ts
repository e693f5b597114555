import { runServiceProcess } from '@docket/service-kit';
import { startSupervision } from './supervision';

/** `node services/supervision/dist/main.js`: the supervision service in its own process. */
void runServiceProcess('supervision', (deps) =>
  startSupervision({
    ...deps,
    ...(process.env.DOCKET_TIMER_INTERVAL_MS
      ? { timerIntervalMs: Number(process.env.DOCKET_TIMER_INTERVAL_MS) }
      : {}),
  }),
);

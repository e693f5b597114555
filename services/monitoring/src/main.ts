import { runServiceProcess } from '@docket/service-kit';
import { startMonitoring } from './monitoring';

/** `node services/monitoring/dist/main.js`: the monitoring service in its own process. */
void runServiceProcess('monitoring', (deps) =>
  startMonitoring({
    ...deps,
    ...(process.env.DOCKET_TIMER_INTERVAL_MS
      ? { timerIntervalMs: Number(process.env.DOCKET_TIMER_INTERVAL_MS) }
      : {}),
    ...(process.env.DOCKET_CLOCK_BOOK_SIZE
      ? { clockBookSize: Number(process.env.DOCKET_CLOCK_BOOK_SIZE) }
      : {}),
  }),
);

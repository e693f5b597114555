export { ClockCommands } from './clocks/clock-commands';
export { MONITORING_STREAMS, monitoringProjections, startMonitoring } from './monitoring';
export type { MonitoringDeps, MonitoringOptions } from './monitoring-deps';
export { MonitoringQueries } from './views/monitoring-queries';

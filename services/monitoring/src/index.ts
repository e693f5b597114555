export { MONITORING_STREAMS, monitoringProjections, startMonitoring } from './monitoring';
export type { MonitoringDeps, MonitoringOptions } from './monitoring-deps';

export { MONITORING_STREAMS, monitoringProjections, startMonitoring } from './monitoring';

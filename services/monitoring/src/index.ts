export { startMonitoring } from './monitoring';

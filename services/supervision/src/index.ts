export { startSupervision } from './supervision';

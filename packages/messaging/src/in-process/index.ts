export { createInProcessBus, type InProcessBusOptions } from './bus';

import 'reflect-metadata';

export { BusClient, type BusPublishOptions, type BusRequestOptions } from './bus-client';
export { BusContext } from './bus-context';
export { BusExceptionFilter, type FilterHost, useBusErrors } from './bus-exception-filter';
export { type BusHandlerExtras, BusTransport, type BusTransportOptions } from './bus-transport';
export {
  type CreateBusMicroserviceOptions,
  createBusMicroservice,
  type ServedSubject,
} from './create-bus-microservice';
export { DocketBusModule, type DocketBusModuleOptions } from './docket-bus.module';
export { durableName } from './durable-name';
export { DOCKET_BUS, DOCKET_SERVICE } from './tokens';

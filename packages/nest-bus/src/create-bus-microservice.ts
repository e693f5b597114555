import { type INestMicroservice, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BusExceptionFilter } from './bus-exception-filter';
import { BusTransport, type BusTransportOptions } from './bus-transport';

export interface CreateBusMicroserviceOptions extends BusTransportOptions {
  /** Nest's logger setting (`false` silences it, as tests do). */
  logger?: false | Logger;
}

/**
 * Creates a NestJS microservice on the Bus with typed errors kept (`BusExceptionFilter` registered
 * globally). Call `listen()` on it to start serving; `close()` stops serving (the Bus stays open).
 */
export async function createBusMicroservice(
  module: Parameters<typeof NestFactory.createMicroservice>[0],
  options: CreateBusMicroserviceOptions,
): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(module, {
    strategy: new BusTransport({ bus: options.bus, service: options.service }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  app.useGlobalFilters(new BusExceptionFilter());
  return app;
}

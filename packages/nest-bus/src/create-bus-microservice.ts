import type { Headers } from '@docket/messaging';
import { type INestMicroservice, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BusExceptionFilter } from './bus-exception-filter';
import { BusTransport, type BusTransportOptions } from './bus-transport';

export interface CreateBusMicroserviceOptions extends BusTransportOptions {
  /** Nest's logger setting (`false` silences it, as tests do). */
  logger?: false | Logger;
  /**
   * The subjects the service serves from its contract (service-kit's `door`), resolved from the created
   * application's providers. They are served straight by the transport, beside any `@MessagePattern`.
   */
  serve?: (app: INestMicroservice) => readonly ServedSubject[];
}

/** One subject a service serves: the payload as it arrived, its headers and the concrete subject. */
export interface ServedSubject {
  subject: string;
  serve(payload: unknown, headers: Headers, subject: string): Promise<unknown>;
}

/**
 * Creates a NestJS microservice on the Bus with typed errors kept (`BusExceptionFilter` registered
 * globally). Call `listen()` on it to start serving; `close()` stops serving (the Bus stays open).
 */
export async function createBusMicroservice(
  module: Parameters<typeof NestFactory.createMicroservice>[0],
  options: CreateBusMicroserviceOptions,
): Promise<INestMicroservice> {
  const transport = new BusTransport({ bus: options.bus, service: options.service });
  const app = await NestFactory.createMicroservice(module, {
    strategy: transport,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  app.useGlobalFilters(new BusExceptionFilter());
  for (const served of options.serve?.(app) ?? []) transport.serveDirectly(served);
  return app;
}

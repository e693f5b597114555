import type { Bus } from '@docket/messaging';
import { type DynamicModule, Module } from '@nestjs/common';
import { BusClient } from './bus-client';
import { DOCKET_BUS, DOCKET_SERVICE } from './tokens';

export interface DocketBusModuleOptions {
  bus: Bus;
  service: string;
}

/**
 * Makes the Bus (`DOCKET_BUS`), the service name (`DOCKET_SERVICE`) and `BusClient` injectable everywhere
 * (a global module): import it once in the service's root module.
 */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a class with a static forRoot
export class DocketBusModule {
  static forRoot(options: DocketBusModuleOptions): DynamicModule {
    return {
      module: DocketBusModule,
      global: true,
      providers: [
        { provide: DOCKET_BUS, useValue: options.bus },
        { provide: DOCKET_SERVICE, useValue: options.service },
        { provide: BusClient, useFactory: (bus: Bus) => new BusClient(bus), inject: [DOCKET_BUS] },
      ],
      exports: [DOCKET_BUS, DOCKET_SERVICE, BusClient],
    };
  }
}

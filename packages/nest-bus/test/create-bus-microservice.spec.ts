import 'reflect-metadata';
import { type Bus, createInProcessBus, DurableConflict, NoResponders, RemoteError } from '@docket/messaging';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, MessagePattern, RpcException } from '@nestjs/microservices';
import { afterEach, describe, expect, it } from 'vitest';
import { BusTransport, createBusMicroservice } from '../src';

class CaseNotFound extends Error {
  readonly code = 'CaseNotFound';
}

@Controller()
class CaseController {
  @MessagePattern('review.qry.case')
  find(): never {
    throw new CaseNotFound('No case C-1');
  }

  @MessagePattern('review.qry.legacy')
  legacy(): never {
    throw new RpcException({ code: 'CaseArchived', message: 'Case C-2 is archived' });
  }
}

@Module({ controllers: [CaseController] })
class CaseModule {}

/** Two handlers that claim one durable name for different patterns. */
@Controller()
class ClashingController {
  @MessagePattern('review.qry.ping')
  ping() {
    return 'pong';
  }

  @EventPattern('evt.application.>', { durable: 'review-applications' })
  onApplication() {}

  @EventPattern('evt.case.>', { durable: 'review-applications' })
  onCase() {}
}

@Module({ controllers: [ClashingController] })
class ClashingModule {}

let bus: Bus | undefined;

afterEach(async () => {
  await bus?.close();
});

describe('createBusMicroservice', () => {
  it('keeps typed errors, including a coded object inside an RpcException', async () => {
    const inProcess = createInProcessBus();
    bus = inProcess;
    const app = await createBusMicroservice(CaseModule, { bus: inProcess, service: 'review', logger: false });
    await app.listen();
    await expect(inProcess.request('review.qry.case', {})).rejects.toMatchObject({
      code: 'CaseNotFound',
      message: 'No case C-1',
    });
    const archived = await inProcess.request('review.qry.legacy', {}).catch((e: unknown) => e);
    expect(archived).toBeInstanceOf(RemoteError);
    expect(archived).toMatchObject({ code: 'CaseArchived', message: 'Case C-2 is archived' });
    await app.close();
  });
});

describe('BusTransport.listen', () => {
  it('fails when the Bus refuses a handler, and stops the handlers it had started', async () => {
    const inProcess = createInProcessBus();
    bus = inProcess;
    const app = await NestFactory.createMicroservice(ClashingModule, {
      strategy: new BusTransport({ bus: inProcess, service: 'review' }),
      logger: false,
    });
    await expect(app.listen()).rejects.toBeInstanceOf(DurableConflict);
    await expect(inProcess.request('review.qry.ping', {})).rejects.toBeInstanceOf(NoResponders);
    await app.close();
  });
});

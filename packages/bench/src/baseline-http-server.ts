import 'reflect-metadata';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The bare NestJS HTTP baseline of the lifecycle benchmark: NestJS 11 on Fastify with one trivial POST
 * handler, in its own process like docket's gateway, so the benchmark shows what HTTP itself costs here.
 */
@Controller()
class EchoController {
  @Post('/echo')
  echo(@Body() body: unknown) {
    return { ok: true, body };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

async function main() {
  const app = await NestFactory.create<NestFastifyApplication>(EchoModule, new FastifyAdapter(), {
    logger: false,
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  process.stdout.write(
    `listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`,
  );
}

void main();

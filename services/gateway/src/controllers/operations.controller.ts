import { Controller, Get, Post, Put, Req, Res, type Type } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayHttp } from '../http/gateway-http';
import { nestPath, type Route } from '../routes/route';

const METHODS = { GET: Get, POST: Post, PUT: Put } as const;

/**
 * One controller serving every given route the same way (`GatewayHttp.handle`): its methods are made
 * from the routes, so a command or query declared in @docket/contracts is served without a line here.
 */
export function operationsController(served: readonly Route[]): Type<unknown> {
  @Controller()
  class OperationsController {
    constructor(readonly http: GatewayHttp) {}
  }
  const prototype = OperationsController.prototype as unknown as Record<string, unknown>;
  for (const route of served) {
    const name = route.operationId;
    prototype[name] = function (this: OperationsController, request: FastifyRequest, reply: FastifyReply) {
      return this.http.handle(route, request, reply);
    };
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
    Req()(prototype, name, 0);
    Res({ passthrough: true })(prototype, name, 1);
    METHODS[route.method](nestPath(route.path))(prototype, name, descriptor);
  }
  return OperationsController;
}

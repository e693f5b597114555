import { Controller, Get, Post, Put, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayHttp } from '../http/gateway-http';
import { HttpProblem } from '../http/problem';
import { nestPath } from '../routes/route';
import { routes } from '../routes/table';

type CodeParams = { code: string };

/** 事项目录: the public service guide and its administration, forwarded to the intake service. */
@Controller()
export class CatalogueController {
  constructor(private readonly http: GatewayHttp) {}

  @Get(nestPath(routes.listItems.path))
  list(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.query(routes.listItems, request, reply, () => ({}));
  }

  @Get(nestPath(routes.getItem.path))
  get(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { code } = request.params as CodeParams;
    return this.http.query(routes.getItem, request, reply, () => ({ code }));
  }

  @Post(nestPath(routes.defineItem.path))
  async define(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.http.command(routes.defineItem, request, reply, (body) => body);
    const code = (request.body as { item?: { code?: string } }).item?.code;
    if (code !== undefined) reply.header('location', `/api/catalogue/items/${encodeURIComponent(code)}`);
    return result;
  }

  @Put(nestPath(routes.reviseItem.path))
  revise(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { code } = request.params as CodeParams;
    return this.http.command(routes.reviseItem, request, reply, (body) => {
      const item = (body as { item: { code: string } }).item;
      if (item.code !== code)
        throw new HttpProblem(
          'CodeMismatch',
          'invalid',
          `the path names item ${code}, the body item ${item.code}`,
          {
            expected: code,
            actual: item.code,
          },
        );
      return body;
    });
  }

  @Post(nestPath(routes.withdrawItem.path))
  withdraw(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { code } = request.params as CodeParams;
    return this.http.command(routes.withdrawItem, request, reply, (body) => ({ ...(body as object), code }));
  }
}

import { parseRequest } from '@docket/contracts';
import { authorise, departmentStaffRule } from '@docket/identity';
import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GATEWAY, type GatewayDeps } from '../gateway-deps';
import { GatewayHttp } from '../http/gateway-http';
import { HttpProblem } from '../http/problem';
import { localRoutes as routes } from '../routes/local';
import { nestPath } from '../routes/route';

/** Who am I (any mode). */
@Controller()
export class IdentityController {
  constructor(private readonly http: GatewayHttp) {}

  @Get(nestPath(routes.me.path))
  me(@Req() request: FastifyRequest) {
    return this.http.actor(request);
  }

  /** The department tree with names: public, as a centre's organisation chart is. */
  @Get(nestPath(routes.departments.path))
  departments() {
    return this.http.deps.directory.tree.all.map(({ id, name, kind, parent }) => ({
      id,
      name,
      kind,
      ...(parent === undefined ? {} : { parent }),
    }));
  }

  /**
   * 分派's choice: the staff of a department, from the directory the gateway holds (no service keeps
   * people). The department and those above it may see them; an unknown department is 404.
   */
  @Get(nestPath(routes.departmentStaff.path))
  async departmentStaff(@Req() request: FastifyRequest, @Param('department') department: string) {
    const actor = await this.http.actor(request);
    const { tree, users } = this.http.deps.directory;
    tree.get(department);
    authorise(actor, departmentStaffRule, { department }, tree);
    return users
      .filter((user) => user.department === department && user.roles.some((role) => STAFF.includes(role)))
      .map(({ id, name, roles }) => ({ id, name, roles }));
  }
}

const STAFF: readonly string[] = ['officer', 'reviewer', 'head'];

/**
 * Development tokens for the seeded users. Registered only when the gateway is given a token issuer
 * (the embedded mode): in any other mode these routes do not exist (404).
 */
@Controller()
export class DevTokensController {
  constructor(@Inject(GATEWAY) private readonly deps: GatewayDeps) {}

  @Get(nestPath(routes.devUsers.path))
  users() {
    return this.deps.directory.users;
  }

  @Post(nestPath(routes.devToken.path))
  async token(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { userId } = parseRequest(routes.devToken.body, request.body);
    const user = this.deps.directory.findUser(userId);
    if (user === undefined)
      throw new HttpProblem('UnknownUser', 'not_found', `no seeded user ${userId}`, { userId });
    const dev = this.deps.devTokens!;
    reply.status(201);
    return { token: await dev.issuer.issue(user), tokenType: 'Bearer', expiresIn: dev.ttlSeconds, user };
  }
}

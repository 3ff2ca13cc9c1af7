import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { RateLimiter } from '../common/http/rate-limiter';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { ApiError } from '../common/http/api-error';
import { Actor, requestContext, Role } from '../common/request-context';
import { ALLOWED_ROLES, PAGE_ROUTE, PUBLIC_ROUTE } from './auth.decorators';
import { ApiTokensService } from './api-tokens.service';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { sameSecret } from './token-hash';

/** Every route needs a bearer token unless marked @Public() or a web page (whose session the page guard checks). */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ApiTokensService,
    private readonly limiter: RateLimiter,
    private readonly failures: AuthFailureLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    if (this.reflector.getAllAndOverride<string>(PAGE_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const refused = this.failures.waitFor(request.ip);
    if (refused !== null) throw tooMany(response, refused, AuthFailureLimiter.message(refused));
    const actor = await this.authenticate(request, response);
    requestContext.actAs(actor);
    const wait = await this.limiter.hit({
      key: `api:${actor.kind}:${actor.id ?? 'admin'}`,
      limit: this.config.apiRequestsPerMinute,
      windowSeconds: 60,
    });
    if (wait !== null)
      throw tooMany(
        response,
        wait,
        `This token made more than ${this.config.apiRequestsPerMinute} requests in a minute; try again in ${wait} s`,
      );

    const allowed = this.reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? ['secretariat'];
    if (!allowed.includes(actor.role)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        `This action needs the ${allowed.join(' or ')} role; your token has the ${actor.role} role`,
      );
    }
    return true;
  }

  private async authenticate(request: Request, response: Response): Promise<Actor> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.header('authorization') ?? '');
    if (!match) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'Send a token in the header "Authorization: Bearer <token>"');
    }
    const token = match[1];
    if (sameSecret(token, this.config.adminToken)) {
      return { kind: 'admin', id: null, name: 'admin token', role: 'secretariat' };
    }
    const found = await this.tokens.findActive(token);
    if (found) return { kind: 'token', id: found.id, name: found.name, role: found.role, memberId: found.memberId };
    const wait = await this.failures.failed(request.ip);
    if (wait !== null) throw tooMany(response, wait, AuthFailureLimiter.message(wait));
    throw new ApiError(HttpStatus.UNAUTHORIZED, 'The token is not valid or has been revoked');
  }
}

function tooMany(response: Response, wait: number, message: string): ApiError {
  response.setHeader('Retry-After', String(wait));
  return new ApiError(HttpStatus.TOO_MANY_REQUESTS, message);
}

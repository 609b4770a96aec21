// The global rate-limit guard: @nestjs/throttler's guard with our tracker (token, else address),
// our key (one counter per token per limit, whatever the route), our error body (429
// RATE_LIMITED with Retry-After) and one rule of its own: while Redis does not answer, requests
// pass (the api accepts runs while Redis is away — the store keeps them — and a limiter must
// not be what refuses them; the refusal is logged at most once a minute).
import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Logger } from '@caretwin/config';
import { APP_LOGGER } from '../config/config.tokens';
import { RateLimitedError } from './limit-errors';
import { isLimitedRequest, type RateLimitName } from './rate-limit';

/** What each limit counts, for the message. */
const COUNTED: Record<RateLimitName, string> = {
  default: 'requests',
  runs: 'runs started (POST /api/runs)',
  validations: 'validations (POST /api/scenarios/validate)',
  joins: 'workshop join lookups and joins (/api/workshops/join)',
};

/** Thrown inside the base guard's handleRequest and turned into RateLimitedError with the limit's name. */
class LimitReached extends Error {
  constructor(readonly detail: ThrottlerLimitDetail) {
    super('limit reached');
  }
}

const WARN_EVERY_MS = 60_000;

@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  private lastWarning = 0;

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(APP_LOGGER) private readonly appLogger: Logger,
  ) {
    super(options, storage, reflector);
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(!isLimitedRequest(context));
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(request);
    } catch (error) {
      if (error instanceof LimitReached) {
        const name = (request.throttler.name ?? 'default') as RateLimitName;
        throw new RateLimitedError(
          request.limit,
          Math.round(request.ttl / 1000),
          COUNTED[name] ?? 'requests',
          error.detail.timeToBlockExpire,
          error.detail.tracker.startsWith('token:') ? 'token' : 'client address',
        );
      }
      const now = Date.now();
      if (now - this.lastWarning > WARN_EVERY_MS) {
        this.lastWarning = now;
        this.appLogger.warn(
          { err: (error as Error).message },
          'rate limits not checked: Redis did not answer (requests pass until it does)',
        );
      }
      return true;
    }
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    return Promise.reject(new LimitReached(detail));
  }
}

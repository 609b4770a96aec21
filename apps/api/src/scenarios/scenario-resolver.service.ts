// The api's scenario resolver threads (libs/runner ScenarioResolverPool) as a Nest provider:
// every resolution of a request's scenario runs there, never on the event loop, under
// SCENARIO_RESOLVE_TIMEOUT_MS and SCENARIO_EXPRESSION_BUDGET, cached by content hash.
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { AppConfig, Logger } from '@caretwin/config';
import { ScenarioResolverPool, type Resolution, type ResolveRequest } from '@caretwin/runner';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { StoreScenarioSource } from '../store/store-scenario-source';

@Injectable()
export class ScenarioResolver implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pool: ScenarioResolverPool;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    saved: StoreScenarioSource,
  ) {
    const { shippedDir, regionsDir, resolveThreads, resolveTimeoutMs, expressionBudget, cacheEntries } =
      config.scenarios;
    this.pool = new ScenarioResolverPool({
      shippedDir,
      regionsDir,
      saved,
      threads: resolveThreads,
      timeoutMs: resolveTimeoutMs,
      expressionBudget,
      cacheEntries,
    });
  }

  /**
   * Before the api listens, every thread loads mathjs and the default region (about 2 s of CPU;
   * longer on a busy machine): the first requests then find them ready, not starting.
   */
  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    await this.pool.warm();
    this.logger.debug({ ms: Date.now() - started }, 'scenario resolver threads warm');
  }

  /** Throws ScenarioValidationError (400/404/413/422, SCENARIO_TIMEOUT, SCENARIO_TOO_COSTLY). */
  resolve(request: ResolveRequest): Promise<Resolution> {
    return this.pool.resolve({ file: '<request>', ...request });
  }

  get stats(): ScenarioResolverPool['stats'] {
    return this.pool.stats;
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }
}

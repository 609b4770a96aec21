// Whether a run may be accepted, decided synchronously just before it is stored (so two
// requests cannot both take the last place): its cost against the budget per run (422, the
// same request will never fit), its token's queued + running runs against the per-token cap
// (429) and every queued + running run against the queue depth cap (503). Both caps answer
// Retry-After: a run finishing frees a place.
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '@caretwin/config';
import { runCost } from '@caretwin/model';
import { maxReplications, type RunPlan } from '@caretwin/runner';
import type { ResolvedScenario } from '@caretwin/scenario';
import { APP_CONFIG } from '../config/config.tokens';
import { ActiveRunsRepository } from './active-runs.repository';
import { QueueFullError, RunTooCostlyError, TooManyActiveRunsError, formatCost } from './limit-errors';

@Injectable()
export class RunAdmission {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly active: ActiveRunsRepository,
  ) {}

  /** Throws the limit the run would break; `owner` is the principal id (null: counted in the total only). */
  admit(owner: string | null, resolved: ResolvedScenario, plan: RunPlan): void {
    const limits = this.config.limits;
    const replications = maxReplications(plan);
    const cost = runCost(resolved, replications);
    if (cost.cost > limits.maxRunCost) {
      const what = [
        `${replications} replications`,
        `${cost.simulatedDays} simulated days`,
        `population ${Math.round(cost.population).toLocaleString('en-US')}`,
        `mean demand ×${formatCost(cost.meanDemandMultiplier)}`,
      ].join(' × ');
      throw new RunTooCostlyError(
        cost.cost,
        limits.maxRunCost,
        plan.mode === 'precision' ? 'precision.max' : 'replications',
        what,
      );
    }
    if (owner !== null) {
      const mine = this.active.countOf(owner);
      if (mine >= limits.maxActiveRunsPerToken)
        throw new TooManyActiveRunsError(mine, limits.maxActiveRunsPerToken, limits.retryAfterS);
    }
    const all = this.active.count();
    if (all >= limits.maxQueueDepth) throw new QueueFullError(all, limits.maxQueueDepth, limits.retryAfterS);
  }
}

// The result document of a completed run, assembled exactly as the CLI assembles it
// (buildRunResult): provenance + replications + aggregate, with the service's timings, worker
// ids and run id apart in `execution`.
import { Injectable } from '@nestjs/common';
import type { AggregateResult, ReplicationResult } from '@caretwin/contracts';
import { buildRunResult, type JobExecution, type RunInput, type RunResultDocument } from '@caretwin/runner';
import { NotFoundError, RunNotFinishedError } from '../errors/api-error';
import { RunPrunedError } from '../limits/limit-errors';
import { RunRetention } from '../limits/run-retention.service';
import { RunsRepository } from '../store/runs.repository';

export interface ServiceExecution {
  source: 'service';
  runId: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  replications: Array<{ replication: number } & JobExecution>;
  aggregate: JobExecution & { rounds?: number };
}

@Injectable()
export class RunResultService {
  constructor(
    private readonly runs: RunsRepository,
    private readonly retention: RunRetention,
  ) {}

  result(id: string): RunResultDocument<ServiceExecution> {
    const run = this.runs.get(id);
    if (!run) throw new NotFoundError('run', id);
    const stored = this.runs.result(id);
    if (run.state !== 'completed' || !stored) throw new RunNotFinishedError(id, run.state);
    // its replications are gone: a document without them would be a different result
    const prunedAt = this.retention.prunedAt(id);
    if (prunedAt) throw new RunPrunedError(id, prunedAt);
    const rows = this.runs.replicationResults(id);
    const aggregate = JSON.parse(stored.aggregate) as AggregateResult;
    // Only the replications the aggregate used (a precision run never stores others, but be exact).
    const used = new Set(aggregate.replicationIndices);
    const kept = rows.filter((r) => used.has(r.replication));
    const execution: ServiceExecution = {
      source: 'service',
      runId: run.id,
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      durationMs:
        run.startedAt && run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : null,
      replications: kept.map((r) => ({
        replication: r.replication,
        ...(JSON.parse(r.execution) as JobExecution),
      })),
      aggregate: JSON.parse(stored.execution) as ServiceExecution['aggregate'],
    };
    const results = kept.map((r) => JSON.parse(r.result) as ReplicationResult);
    return buildRunResult(JSON.parse(run.input) as RunInput, results, execution, aggregate);
  }
}

// Paired (same seed and replications: common random numbers) or Welch comparison of two
// completed runs, b − a per KPI with its 95 % CI.
import { Injectable } from '@nestjs/common';
import { compareResults } from '@caretwin/model';
import type { Comparison } from '@caretwin/contracts';
import { RunResultService } from '../runs/run-result.service';

export interface ComparisonView {
  a: { runId: string; scenarioId: string };
  b: { runId: string; scenarioId: string };
  comparison: Comparison;
}

@Injectable()
export class CompareService {
  constructor(private readonly results: RunResultService) {}

  compare(a: string, b: string): ComparisonView {
    const ra = this.results.result(a);
    const rb = this.results.result(b);
    return {
      a: { runId: a, scenarioId: ra.provenance.scenario.id },
      b: { runId: b, scenarioId: rb.provenance.scenario.id },
      comparison: compareResults(ra.replications, rb.replications),
    };
  }
}

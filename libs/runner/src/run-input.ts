// What a replication needs, in a form that crosses BullMQ (JSON) and worker threads unchanged:
// the scenario as written (extends resolved, defaults filled), its region, and the hourly demand
// multiplier run-length encoded. JSON keeps doubles exact (shortest round-trip form), so a
// replication computed from a decoded input equals one computed from the original.
import { createHash } from 'node:crypto';
import type { Region, ResolvedScenario, Scenario } from '@caretwin/scenario';

/** Run-length encoded series: values[i] repeated counts[i] times. */
export interface EncodedSeries {
  values: number[];
  counts: number[];
}

export interface RunInput {
  scenario: Scenario;
  region: Region;
  demandMultiplierByHour: EncodedSeries;
  /** ResolvedScenario.censusMix (a forecast's), encoded like the multiplier */
  censusMix?: EncodedSeries;
}

export function encodeSeries(series: ArrayLike<number>): EncodedSeries {
  const values: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < series.length; i++) {
    const v = series[i];
    const last = values.length - 1;
    // Object.is keeps -0 and NaN distinct from their neighbours, so decoding is exact.
    if (last >= 0 && Object.is(values[last], v)) counts[last]++;
    else {
      values.push(v);
      counts.push(1);
    }
  }
  return { values, counts };
}

export function decodeSeries(encoded: EncodedSeries): Float64Array {
  let length = 0;
  for (const c of encoded.counts) length += c;
  const out = new Float64Array(length);
  let at = 0;
  for (let i = 0; i < encoded.values.length; i++) {
    out.fill(encoded.values[i], at, at + encoded.counts[i]);
    at += encoded.counts[i];
  }
  return out;
}

export function toRunInput(resolved: ResolvedScenario): RunInput {
  return {
    scenario: resolved.scenario,
    region: resolved.region,
    demandMultiplierByHour: encodeSeries(resolved.demandMultiplierByHour),
    ...(resolved.censusMix ? { censusMix: encodeSeries(resolved.censusMix) } : {}),
  };
}

export function fromRunInput(input: RunInput): ResolvedScenario {
  return {
    scenario: input.scenario,
    region: input.region,
    demandMultiplierByHour: decodeSeries(input.demandMultiplierByHour),
    ...(input.censusMix ? { censusMix: decodeSeries(input.censusMix) } : {}),
  };
}

/** Content hash of an input: threads cache the decoded scenario under it. */
export function runInputKey(input: RunInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 32);
}

/** Simulated days of a replication, warm-up included (what progress counts towards). */
export function totalDays(scenario: Pick<Scenario, 'warmupDays' | 'horizonDays'>): number {
  return scenario.warmupDays + scenario.horizonDays;
}

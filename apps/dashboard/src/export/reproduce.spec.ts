import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '@caretwin/scenario';
import type { ResultDocument } from '../api/types';
import { reproduceFile, reproduceScenario } from './reproduce';

const scenario: Scenario = {
  id: 'miyagi-acute-to-recovery',
  name: { ja: '宮城 急性期から回復期への病床転換', en: 'Miyagi: converting acute beds to recovery' },
  description: { ja: '説明', en: 'description' },
  extends: 'miyagi-2025-baseline',
  region: 'miyagi',
  year: 2025,
  startDate: '2025-04-01',
  horizonDays: 365,
  warmupDays: 90,
  replications: 10,
  precision: { kpi: 'occupancy.prefecture.acute', halfWidth: 0.001, max: 40 },
  seed: 7,
  demand: { multiplier: '1', maxMultiplier: 1.5 },
  initialCensus: { mode: 'expected' },
  policies: [{ kind: 'convertBeds', area: 'sendai', from: 'acute', to: 'recovery', count: 500 }],
};

type Provenance = ResultDocument['provenance'] & {
  reproducibility: { hash: string; covers: string[] };
  model: { name: string; version: string };
};
const provenance = (indices: number[]): Provenance => ({
  software: { name: 'caretwin', version: '0.1.0' },
  model: { name: '@caretwin/model', version: '0.2.0' },
  scenario,
  region: {} as ResultDocument['provenance']['region'],
  seed: 7,
  replications: indices.length,
  replicationIndices: indices,
  inputs: [],
  reproducibility: { hash: 'sha256:abc', covers: ['scenario', 'seed'] },
});

describe('reproduce download', () => {
  it('writes the resolved scenario without extends or precision, with the run’s seed and replication count', () => {
    const copy = reproduceScenario({ provenance: provenance([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) });
    expect(copy.extends).toBeUndefined();
    expect(copy.precision).toBeUndefined();
    expect(copy.seed).toBe(7);
    expect(copy.replications).toBe(12);
    expect(copy.policies).toEqual(scenario.policies);
    expect(scenario.extends).toBe('miyagi-2025-baseline'); // the result is not changed
  });

  it('is a YAML file whose comments carry the provenance and whose body is the scenario', () => {
    const file = reproduceFile({ provenance: provenance([0, 1, 2]) }, 'run-123');
    expect(file.fileName).toBe('miyagi-acute-to-recovery-reproduce.yaml');
    expect(file.text).toContain('# CareTwin: reproduces run run-123 of scenario miyagi-acute-to-recovery');
    expect(file.text).toContain('# Run it again with:  caretwin run miyagi-acute-to-recovery-reproduce.yaml');
    expect(file.text).toContain('# model: @caretwin/model 0.2.0');
    expect(file.text).toContain('sha256:abc');
    expect(parse(file.text)).toEqual(file.scenario);
  });

  it('warns when the replications that ran are not 0…n−1', () => {
    expect(reproduceFile({ provenance: provenance([0, 2]) }).text).toContain('WARNING');
    expect(reproduceFile({ provenance: provenance([0, 1]) }).text).not.toContain('WARNING');
  });
});

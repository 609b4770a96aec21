// A forecast job's payload is checked before anything runs: a malformed one fails without retry.
import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { ForecastJobData } from '@caretwin/runner';
import { parseForecastJobData } from './forecast-job.service';

const data = (): ForecastJobData =>
  ({
    id: 'f-1',
    censusDate: '2026-11-30',
    start: [],
    input: { scenario: {}, region: {}, demandMultiplierByHour: { values: [1], counts: [336] } },
    replications: 10,
    seed: 1,
    trigger: 'auto',
    requestedBy: null,
    requestedAt: '2026-12-01T00:00:00.000Z',
  }) as unknown as ForecastJobData;

describe('a forecast job payload', () => {
  it('is taken as it is when it has what a forecast needs', () => {
    expect(parseForecastJobData(data())).toEqual(data());
  });

  it.each([
    ['no id', { id: undefined }],
    ['a census date that is not YYYY-MM-DD', { censusDate: '30/11/2026' }],
    ['no start state', { start: undefined }],
    ['no input', { input: null }],
    ['zero replications', { replications: 0 }],
    ['a fractional seed', { seed: 1.5 }],
  ])('fails without retry with %s', (_what, change) => {
    expect(() => parseForecastJobData({ ...data(), ...change })).toThrow(UnrecoverableError);
  });

  it('fails without retry when it is not an object at all', () => {
    expect(() => parseForecastJobData(null)).toThrow(UnrecoverableError);
  });
});

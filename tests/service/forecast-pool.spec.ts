// runForecast on the built thread entry: a Miyagi forecast on a pool of threads (the worker's
// way) is the forecast made in one thread, figure for figure, and it starts from the census.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { censusRegion } from '@caretwin/census';
import { ScenarioCatalog } from '@caretwin/scenario';
import { ReplicationPool } from '../../libs/runner/src/pool';
import { runForecast, type ForecastRequest } from '../../libs/runner/src/forecast/run-forecast';
import { toRunInput, type RunInput } from '../../libs/runner/src/run-input';
import { reportedDay } from './harness/census-day';
import { ensureBuilt, ROOT } from './harness/build';

describe('a forecast on the replication pool', () => {
  let pool: ReplicationPool;
  let request: ForecastRequest;

  beforeAll(async () => {
    await ensureBuilt();
    pool = new ReplicationPool({ threads: 2 });
    const catalog = new ScenarioCatalog({
      shippedDir: join(ROOT, 'scenarios'),
      regionsDir: join(ROOT, 'scenarios', 'data'),
    });
    const region = catalog.resolve('miyagi-2025-baseline').region;
    // Every hospital but the first reports 85 % of its beds occupied; the first is missing.
    const start = reportedDay(censusRegion(region).hospitals.slice(1), '2026-11-30', 0.85);
    // as it arrives through BullMQ
    const input = JSON.parse(JSON.stringify(toRunInput(catalog.resolve('miyagi-2025-baseline')))) as RunInput;
    request = { input, censusDate: '2026-11-30', start, replications: 6, seed: 3, id: 'f', createdAt: 'now' };
  }, 180_000);

  afterAll(() => pool?.destroy());

  it('gives on threads exactly the forecast made in one thread', async () => {
    const [onThreads, inThread] = [await runForecast(request, { pool }), await runForecast(request)];
    expect(onThreads).toEqual(inThread);
    expect(onThreads.method).toMatch(/without a report in the last 7 days/);
  }, 180_000);

  it('starts each large area × function from the 85 % reported on the census date (70–100 % on day 1)', async () => {
    const forecast = await runForecast(request, { pool });
    for (const s of forecast.series) {
      const day1 = s.points[0];
      if (day1.beds < 200) continue; // small pools move by a few beds a day
      expect(day1.mean / day1.beds, `${s.area} ${s.function}`).toBeGreaterThan(0.7);
      // recovery beds take step-downs from acute overnight: up, never over the beds
      expect(day1.mean / day1.beds, `${s.area} ${s.function}`).toBeLessThanOrEqual(1);
    }
  }, 180_000);
});

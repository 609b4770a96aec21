// Runs the Miyagi baseline as the calibration measures it and prints the targets against the
// simulated figures with 95 % CIs (the table of docs/calibration.md). In this process, one
// replication after another, so it needs no build step.
//   npm run calibrate -- [--replications 10] [--days 365] [--json]
import { aggregate, runReplication } from '@caretwin/model';
import { BED_FUNCTIONS, type ReplicationResult } from '@caretwin/contracts';
import { calibrationScenario, checkTargets, formatFigure, formatHalfWidth } from './calibration-targets';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive integer`);
  return value;
}

const replications = option('replications', 10);
const resolved = calibrationScenario(option('days', 365));
const { warmupDays, horizonDays, seed, initialCensus } = resolved.scenario;
console.error(
  `Miyagi baseline: ${replications} replications, seed ${seed}, initial census ${initialCensus.mode}, ` +
    `${warmupDays} warm-up + ${horizonDays} measured days (from ${resolved.scenario.startDate})`,
);
const results: ReplicationResult[] = [];
const times: number[] = [];
for (let i = 0; i < replications; i++) {
  const t0 = performance.now();
  results.push(runReplication(resolved, i));
  times.push(performance.now() - t0);
  console.error(`  replication ${i}: ${(times[i] / 1000).toFixed(1)} s`);
}
const agg = aggregate(results);
const checks = checkTargets(agg);

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      {
        replications,
        warmupDays,
        horizonDays,
        seed,
        checks,
        warmup: agg.warmup?.byFunction,
        warnings: agg.warnings ?? [],
      },
      null,
      2,
    ),
  );
} else {
  console.log('| figure | KPI | reference | band | simulated (95 % CI) | |');
  console.log('|---|---|---|---|---|---|');
  for (const c of checks) {
    const bandText = `${formatFigure(c.lo, c.unit)} – ${formatFigure(c.hi, c.unit)}`;
    const sim = `${formatFigure(c.mean, c.unit)} ± ${formatHalfWidth(c.halfWidth, c.unit)}`;
    console.log(
      `| ${c.label}${c.kind === 'plausibility' ? ' (untuned)' : ''} | \`${c.kpi}\` | ${c.reference} | ${bandText} | ${sim} | ${c.met ? 'ok' : 'OUT'} |`,
    );
  }
  const area = (key: string) => {
    const e = agg.kpis[key];
    return e ? `${(100 * e.mean).toFixed(1)} ± ${(100 * e.halfWidth).toFixed(1)}` : '–';
  };
  console.log('\nOccupancy by area (%, 95 % CI)');
  console.log('| area | high-acute | acute | recovery | chronic |');
  console.log('|---|---|---|---|---|');
  for (const a of agg.flow.areas) {
    console.log(`| ${a} | ${BED_FUNCTIONS.map((f) => area(`occupancy.${a}.${f}`)).join(' | ')} |`);
  }
  const k = (key: string, digits = 1) => {
    const e = agg.kpis[key];
    return e ? `${e.mean.toFixed(digits)} ± ${e.halfWidth.toFixed(digits)}` : '–';
  };
  console.log(
    `\nOther figures: los.highAcute ${k('los.highAcute')} d, los.acute ${k('los.acute')} d, los.recovery ${k('los.recovery')} d, ` +
      `inquiries per accepted patient ${k('ambulance.inquiries.mean', 2)}, on scene ${k('ambulance.onScene.mean')} min, ` +
      `overflow ${k('overflow', 0)} patients, bed-blocking ${k('bedBlocking.days', 0)} days, refusals ${k('refusals', 0)}`,
  );
  if (agg.warmup)
    console.log(
      `MSER-5 on the mean daily series (days, warm-up included): ${JSON.stringify(agg.warmup.byFunction)}`,
    );
  for (const w of agg.warnings ?? []) console.log(`warning: ${w}`);
}
const warm = times.slice(1);
console.error(
  `mean ${(times.reduce((s, t) => s + t, 0) / times.length / 1000).toFixed(1)} s per replication (${warm.length ? `${(warm.reduce((s, t) => s + t, 0) / warm.length / 1000).toFixed(1)} s warm` : 'cold only'})`,
);
process.exitCode = checks.every((c) => c.met) ? 0 : 1;

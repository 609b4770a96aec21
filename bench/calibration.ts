// Runs the Miyagi baseline as the calibration measures it and prints the observations against
// the simulated figures with 95 % CIs and residuals: the tuned targets (docs/calibration.md), the
// figures another package fitted, and the hold-out observations (docs/validation.md). In this
// process, one replication after another, so it needs no build step. Exits 1 when a tuned target
// leaves its band; hold-outs are reported, never enforced.
//   npm run calibrate -- [--replications 10] [--days 365] [--json]
import { aggregate, runReplication } from '@caretwin/model';
import { BED_FUNCTIONS, type ReplicationResult } from '@caretwin/contracts';
import {
  calibrationScenario,
  checkTargets,
  formatFigure,
  formatHalfWidth,
  formatResidual,
  type TargetCheck,
} from './calibration-targets';

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
const checks = checkTargets(results);

function table(title: string, rows: TargetCheck[]): void {
  console.log(`\n${title}\n`);
  console.log('| figure | KPI | observed (source) | band | simulated (95 % CI) | residual | |');
  console.log('|---|---|---|---|---|---|---|');
  for (const c of rows) {
    const band = `${formatFigure(c.lo, c.unit)} – ${formatFigure(c.hi, c.unit)}`;
    const sim = `**${formatFigure(c.mean, c.unit)} ± ${formatHalfWidth(c.halfWidth, c.unit)}**`;
    console.log(
      `| ${c.label} | \`${c.kpi}\` | ${formatFigure(c.observed, c.unit)} (${c.source}) | ${band} | ${sim} | ${formatResidual(c)} | ${c.met ? 'in band' : 'OUT'} |`,
    );
  }
}

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      {
        replications,
        warmupDays,
        horizonDays,
        seed,
        checks: checks.map(({ value: _value, ...c }) => c),
        warnings: agg.warnings ?? [],
      },
      null,
      2,
    ),
  );
} else {
  table(
    'Tuned targets',
    checks.filter((c) => c.kind === 'tuned'),
  );
  table(
    'Fitted by the refusal rates (transport, issue 15 A)',
    checks.filter((c) => c.kind === 'fit'),
  );
  table(
    'Hold-out observations',
    checks.filter((c) => c.kind === 'holdout'),
  );
  const area = (key: string) => {
    const e = agg.kpis[key];
    return e ? `${(100 * e.mean).toFixed(1)} ± ${(100 * e.halfWidth).toFixed(1)}` : '–';
  };
  console.log('\nOccupancy by area and function (%, 95 % CI)\n');
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
      `occupancy high-acute/acute/recovery ${['highAcute', 'acute', 'recovery'].map((f) => area(`occupancy.prefecture.${f}`)).join(' / ')} %, ` +
      `inquiries per accepted patient ${k('inquiries.perAcceptedPatient.mean', 2)}, on scene ${k('ambulance.onScene.mean')} min, ` +
      `call → scene ${k('ambulance.response.mean')} min, overflow ${k('overflow', 0)} patients, bed-blocking ${k('bedBlocking.days', 0)} days, ` +
      `outflow ${agg.flow.areas.map((a) => `${a} ${area(`outflow.${a}`)} %`).join(', ')}`,
  );
  for (const w of agg.warnings ?? []) console.log(`warning: ${w}`);
}
const warm = times.slice(1);
console.error(
  `mean ${(times.reduce((s, t) => s + t, 0) / times.length / 1000).toFixed(1)} s per replication (${warm.length ? `${(warm.reduce((s, t) => s + t, 0) / warm.length / 1000).toFixed(1)} s warm` : 'cold only'})`,
);
process.exitCode = checks.filter((c) => c.kind === 'tuned').every((c) => c.met) ? 0 : 1;

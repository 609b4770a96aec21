// `caretwin validate <file|id>`: checks a scenario file or a shipped/saved scenario id and
// prints every problem (exit 1) or a summary of the resolved scenario (exit 0): what a planner
// reads before spending an hour of simulation on a typo.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  BED_FUNCTIONS,
  bedsAfterPolicies,
  formatIssues,
  SCENARIO_LIMITS,
  ScenarioCatalog,
  ScenarioValidationError,
  type Beds,
  type Policy,
  type ResolvedScenario,
  type ScenarioSource,
} from '@caretwin/scenario';

export interface ValidateOptions {
  /** Shipped scenarios (default: <repo>/scenarios, found from this package, not the cwd). */
  shippedDir?: string;
  /** Regions (default: <repo>/scenarios/data). */
  regionsDir?: string;
  saved?: ScenarioSource;
  /** Print the error body or the summary as JSON. */
  json?: boolean;
  /** ANSI colours (the CLI passes whether stdout is a terminal). */
  color?: boolean;
  /** Base of relative file arguments (default: process.cwd()). */
  cwd?: string;
}

export interface CommandOutcome {
  exitCode: number;
  output: string;
}

/** The repository root: the nearest ancestor of this file holding scenarios/data. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'scenarios', 'data')) && existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the CareTwin repository (scenarios/data) above ${from}`);
    dir = parent;
  }
}

const FUNCTION_LABELS: Record<(typeof BED_FUNCTIONS)[number], string> = {
  highAcute: 'high-acute',
  acute: 'acute',
  recovery: 'recovery',
  chronic: 'chronic',
};

const n = (x: number) => x.toLocaleString('en-US');

/** Terminal columns of a text: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}
const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
const signed = (x: number) => (x > 0 ? `+${n(x)}` : `−${n(-x)}`);
const round = (x: number) => (Math.round(x * 1000) / 1000).toString();

function looksLikeFile(argument: string): boolean {
  return /\.(ya?ml|json)$/i.test(argument) || argument.includes('/') || argument.includes('\\');
}

export function describePolicy(policy: Policy): string {
  const from = policy.fromDay ? ` from day ${policy.fromDay}` : '';
  const where = (p: { hospital?: string; area?: string }) =>
    p.hospital !== undefined ? `hospital ${p.hospital}` : `area ${p.area}`;
  switch (policy.kind) {
    case 'setBeds':
      return `setBeds ${where(policy)}: ${Object.entries(policy.beds)
        .map(([f, v]) => `${f} ${v}`)
        .join(', ')}${from}`;
    case 'convertBeds':
      return `convertBeds ${where(policy)}: ${policy.count} ${policy.from} → ${policy.to}${from}`;
    case 'closeHospital':
      return `closeHospital ${policy.hospital}${from}`;
    case 'mergeHospitals':
      return `mergeHospitals ${policy.hospitals.join(', ')} into ${policy.into}${from}`;
    case 'addHospital':
      return `addHospital ${policy.hospital.id} in ${policy.hospital.area}${from}`;
    case 'setAmbulances':
      return `setAmbulances ${policy.base !== undefined ? `base ${policy.base}` : `area ${policy.area}`}: ${policy.vehicles} vehicles${from}`;
    case 'lengthOfStay':
      return `lengthOfStay ×${policy.multiplier}${policy.function ? ` (${policy.function})` : ''}${policy.condition ? ` (${policy.condition})` : ''}${from}`;
    case 'eligibility': {
      const { kind: _kind, fromDay: _fromDay, note: _note, ...rest } = policy;
      return `eligibility ${Object.entries(rest)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}${from}`;
    }
    case 'travel':
      return `travel${policy.speedFactor !== undefined ? ` speed ×${policy.speedFactor}` : ''}${policy.closedLinks?.length ? ` closed ${policy.closedLinks.map(([a, b]) => `${a}–${b}`).join(', ')}` : ''}${from}`;
    case 'bedBorrowing':
      return `bedBorrowing ${policy.enabled ? 'on' : 'off'}${from}`;
  }
}

function bedsTable(resolved: ResolvedScenario): {
  lines: string[];
  after: Record<string, Beds>;
  before: Record<string, Beds>;
} {
  const { before, after } = bedsAfterPolicies(resolved.region, resolved.scenario.policies);
  const cellOf = (b: number, a: number) => (a === b ? n(a) : `${n(a)} (${signed(a - b)})`);
  const header = ['area', ...BED_FUNCTIONS.map((f) => FUNCTION_LABELS[f]), 'total'];
  const rows: string[][] = [];
  const totalBefore = { highAcute: 0, acute: 0, recovery: 0, chronic: 0 };
  const totalAfter = { ...totalBefore };
  for (const area of resolved.region.areas) {
    const b = before[area.id];
    const a = after[area.id];
    for (const f of BED_FUNCTIONS) {
      totalBefore[f] += b[f];
      totalAfter[f] += a[f];
    }
    const sum = (x: Beds) => BED_FUNCTIONS.reduce((s, f) => s + x[f], 0);
    rows.push([
      `${area.name.ja} ${area.id}`,
      ...BED_FUNCTIONS.map((f) => cellOf(b[f], a[f])),
      cellOf(sum(b), sum(a)),
    ]);
  }
  const sum = (x: Beds) => BED_FUNCTIONS.reduce((s, f) => s + x[f], 0);
  rows.push([
    'total',
    ...BED_FUNCTIONS.map((f) => cellOf(totalBefore[f], totalAfter[f])),
    cellOf(sum(totalBefore), sum(totalAfter)),
  ]);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? padEnd(c, widths[i]) : padStart(c, widths[i])))
      .join('  ')
      .trimEnd();
  return { lines: [line(header), ...rows.map(line)], after, before };
}

function flagged(resolved: ResolvedScenario): string[] {
  const { region } = resolved;
  const parts: string[] = [];
  const count = (
    label: string,
    items: Array<{ provenance?: { synthetic?: boolean; estimated?: boolean } }>,
  ) => {
    const synthetic = items.filter((i) => i.provenance?.synthetic).length;
    const estimated = items.filter((i) => i.provenance?.estimated).length;
    if (synthetic) parts.push(`${label} ${synthetic}/${items.length} synthetic`);
    if (estimated) parts.push(`${label} ${estimated}/${items.length} estimated`);
  };
  count('municipalities', region.municipalities);
  count('hospitals', region.hospitals);
  count('ambulance bases', region.ambulanceBases);
  count('conditions', region.conditions);
  count('arrival profiles', [region.arrivalProfiles]);
  count('transport', [region.transport]);
  return parts;
}

export function summarize(resolved: ResolvedScenario, file: string | undefined): string {
  const { scenario: s, region, demandMultiplierByHour: m } = resolved;
  let min = Infinity;
  let max = -Infinity;
  for (const v of m) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const vehicles = region.ambulanceBases.reduce((sum, b) => sum + b.vehicles, 0);
  const { openHospitals } = bedsAfterPolicies(region, s.policies);
  const added = s.policies.filter((p) => p.kind === 'addHospital').length;
  const row = (label: string, value: string) => `  ${label.padEnd(15)}${value}`;
  const lines = [
    `✔ ${s.id} — ${s.name.ja} / ${s.name.en}`,
    ...(file ? [row('file', file)] : []),
    ...(s.extends ? [row('extends', s.extends)] : []),
    row(
      'region',
      `${region.id} ${region.name.ja} / ${region.name.en}: ${region.areas.length} areas, ${region.municipalities.length} municipalities, ${region.hospitals.length} hospitals, ${region.ambulanceBases.length} ambulance bases (${vehicles} vehicles), ${region.conditions.length} conditions`,
    ),
    row('year', `${s.year} population, day 0 = ${s.startDate}`),
    row(
      'simulated',
      `${s.warmupDays} warm-up + ${s.horizonDays} reported = ${s.warmupDays + s.horizonDays} days`,
    ),
    row(
      'replications',
      `${s.precision ? `up to ${s.precision.max} (until ${s.precision.kpi} ±${s.precision.halfWidth})` : s.replications}, seed ${s.seed}`,
    ),
    row(
      'demand',
      `multiplier ${JSON.stringify(s.demand.multiplier)}: ${min === max ? `constant ${round(min)}` : `${round(min)}–${round(max)} over ${m.length} hours`} (bound ${s.demand.maxMultiplier})`,
    ),
    row('initial census', s.initialCensus.mode),
    row(
      'policies',
      s.policies.length === 0
        ? 'none'
        : `${s.policies.length} (${openHospitals} of ${region.hospitals.length + added} hospitals open at the end)`,
    ),
    ...s.policies.map((p, i) => `    ${i + 1}. ${describePolicy(p)}`),
    '  beds by area and function after policies (change vs region data):',
    ...bedsTable(resolved).lines.map((l) => `    ${l}`),
  ];
  const marks = flagged(resolved);
  if (marks.length > 0) lines.push(row('flagged data', marks.join('; ')));
  return lines.join('\n');
}

function jsonSummary(resolved: ResolvedScenario): string {
  const { before, after } = bedsAfterPolicies(resolved.region, resolved.scenario.policies);
  let min = Infinity;
  let max = -Infinity;
  for (const v of resolved.demandMultiplierByHour) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return JSON.stringify(
    {
      ok: true,
      scenario: resolved.scenario,
      bedsByArea: { before, after },
      demandMultiplier: { min, max, hours: resolved.demandMultiplierByHour.length },
    },
    null,
    2,
  );
}

function fail(error: ScenarioValidationError, options: ValidateOptions): CommandOutcome {
  return {
    exitCode: 1,
    output: options.json
      ? JSON.stringify({ ok: false, error: error.body }, null, 2)
      : formatIssues(error.body, { color: options.color }),
  };
}

export function runValidate(argument: string, options: ValidateOptions = {}): CommandOutcome {
  const root = options.shippedDir && options.regionsDir ? undefined : repoRoot();
  const shippedDir = resolve(options.shippedDir ?? join(root!, 'scenarios'));
  const regionsDir = resolve(options.regionsDir ?? join(root!, 'scenarios', 'data'));
  const cwd = options.cwd ?? process.cwd();
  const catalog = new ScenarioCatalog({ shippedDir, regionsDir, saved: options.saved, displayRoot: cwd });
  try {
    let resolved: ResolvedScenario;
    let file: string | undefined;
    const path = isAbsolute(argument) ? argument : resolve(cwd, argument);
    if (looksLikeFile(argument) || (existsSync(path) && !catalog.get(argument))) {
      const shown = relative(cwd, path).startsWith('..') ? path : relative(cwd, path);
      file = shown;
      if (!existsSync(path) || !statSync(path).isFile()) {
        const message = `${shown}: no such file`;
        throw new ScenarioValidationError('SCENARIO_NOT_FOUND', message, [
          { file: shown, path: '', line: null, column: null, message: 'no such file' },
        ]);
      }
      const size = statSync(path).size;
      if (size > SCENARIO_LIMITS.maxBytes) {
        const message = `${shown} is too large (${size} bytes, more than the limit of ${SCENARIO_LIMITS.maxBytes} bytes)`;
        throw new ScenarioValidationError('SCENARIO_TOO_LARGE', message, [
          { file: shown, path: '', line: null, column: null, message },
        ]);
      }
      const id = basename(path).replace(/\.(ya?ml|json)$/i, '');
      // A shipped scenario named by its path is checked as shipped (its id must match its name).
      resolved =
        dirname(path) === shippedDir && /\.ya?ml$/i.test(path) && catalog.get(id)?.source === 'shipped'
          ? catalog.resolve(id)
          : catalog.resolve(readFileSync(path, 'utf8'), { file: shown });
    } else {
      resolved = catalog.resolve(argument);
      file = catalog.get(argument)?.file;
    }
    return { exitCode: 0, output: options.json ? jsonSummary(resolved) : summarize(resolved, file) };
  } catch (error) {
    if (error instanceof ScenarioValidationError) return fail(error, options);
    throw error;
  }
}

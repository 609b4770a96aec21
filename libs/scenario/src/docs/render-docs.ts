// Renders docs/scenarios.md from the schemas' metadata (`npm run docs:scenarios`); a test
// fails when the committed file differs, so the reference always matches the code.

import { z } from 'zod';
import { ERROR_BODY_LIMITS } from '@caretwin/contracts';
import { ERROR_HTTP_STATUS } from '../errors/scenario-validation-error';
import {
  ALLOWED_FUNCTIONS,
  ALLOWED_OPERATORS,
  ALLOWED_SYMBOLS,
  EXPRESSION_MAX_DEPTH,
  EXPRESSION_MAX_LENGTH,
} from '../expressions/limits';
import { REGION_FILE_LIMITS, SCENARIO_LIMITS } from '../parse/limits';
import { unwrap } from '../schema/introspect';
import { POLICY_SCHEMAS } from '../schema/policies';
import { regionSchema } from '../schema/region';
import { EXTENDS_PATTERN, scenarioSchema } from '../schema/scenario';
import { MAX_EXTENDS_DEPTH } from '../scenario/resolve';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const anchor = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-');

interface Check {
  check: string;
  value?: unknown;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  length?: number;
  format?: string;
}

function checksOf(schema: z.ZodType): Check[] {
  const checks = (schema.def as { checks?: Array<{ _zod: { def: Check } }> }).checks ?? [];
  return checks.map((c) => c._zod.def);
}

function numberType(schema: z.ZodNumber): string {
  let type = 'number';
  const bounds: string[] = [];
  let low = '';
  let high = '';
  for (const c of checksOf(schema)) {
    if (c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32')) type = 'integer';
    if (c.check === 'greater_than') low = `${String(c.value)} ${c.inclusive ? '≤' : '<'} `;
    if (c.check === 'less_than')
      high = ` ${c.inclusive ? '≤' : '<'} ${c.value === Number.MAX_SAFE_INTEGER ? '2⁵³−1' : String(c.value)}`;
  }
  if (low || high) bounds.push(`${low}x${high}`);
  return bounds.length ? `${type}, ${bounds.join(', ')}` : type;
}

function lengthNote(schema: z.ZodType, noun: string): string {
  let min = 0;
  let max: number | undefined;
  for (const c of checksOf(schema)) {
    if (c.check === 'length_equals') return ` (exactly ${c.length} ${noun})`;
    if (c.check === 'min_length') min = c.minimum ?? 0;
    if (c.check === 'max_length') max = c.maximum;
  }
  if (max === undefined) return min > 0 ? ` (at least ${min} ${noun})` : '';
  return min > 0 ? ` (${min}–${max} ${noun})` : ` (at most ${max} ${noun})`;
}

/** Readable names of the patterned strings. */
const PATTERN_NAMES = new Map<string, string>([
  [String(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/), 'id'],
  [String(/^\d{5,6}$/), 'municipality code (quoted digits)'],
  [String(/^\d{4}$/), 'year'],
  [String(/^\d{4}-\d{2}-\d{2}$/), 'date YYYY-MM-DD'],
  [String(EXTENDS_PATTERN), '`<id>` or `<id>@<version>`'],
  [String(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/), 'KPI key (dotted)'],
]);

class DocWriter {
  /** Titled schemas still to document, in order of first mention. */
  private readonly queue: Array<{ title: string; schema: z.ZodType }> = [];
  private readonly seen = new Set<string>();

  constructor(documented: readonly string[] = []) {
    for (const title of documented) this.seen.add(title);
  }

  /** Link to a titled schema, queueing its section. */
  private link(title: string, schema: z.ZodType): string {
    if (!this.seen.has(title)) {
      this.seen.add(title);
      this.queue.push({ title, schema });
    }
    return `[${title}](#${anchor(title)})`;
  }

  typeOf(schema: z.ZodType, top = true): string {
    const u = unwrap(schema);
    const inner = u.inner;
    let type: string;
    if (u.title && !top && (inner instanceof z.ZodObject || inner instanceof z.ZodDiscriminatedUnion))
      type = this.link(u.title, inner);
    else if (inner instanceof z.ZodString) {
      const pattern = checksOf(inner).find((c) => c.format === 'regex') as { pattern?: RegExp } | undefined;
      type = pattern?.pattern
        ? (PATTERN_NAMES.get(String(pattern.pattern)) ?? 'string (pattern)')
        : `string${lengthNote(inner, 'characters')}`;
    } else if (inner instanceof z.ZodNumber) type = numberType(inner);
    else if (inner instanceof z.ZodBoolean) type = 'boolean';
    else if (inner instanceof z.ZodEnum)
      type = `one of ${(inner.options as string[]).map((o) => `\`${o}\``).join(', ')}`;
    else if (inner instanceof z.ZodLiteral)
      type = [...inner.values].map((v) => `\`${String(v)}\``).join(', ');
    else if (inner instanceof z.ZodArray)
      type = `list of ${this.typeOf(inner.element as z.ZodType, false)}${lengthNote(inner, 'items')}`;
    else if (inner instanceof z.ZodTuple)
      type = `[${(inner.def.items as z.ZodType[]).map((i) => this.typeOf(i, false)).join(', ')}]`;
    else if (inner instanceof z.ZodRecord) {
      type = `mapping of ${this.typeOf(inner.keyType as z.ZodType, false)} → ${this.typeOf(inner.valueType as z.ZodType, false)}`;
    } else if (inner instanceof z.ZodUnion)
      type = (inner.options as z.ZodType[]).map((o) => this.typeOf(o, false)).join(' or ');
    else if (inner instanceof z.ZodObject) type = u.title && top ? u.title : 'mapping';
    else type = inner.type;
    return u.nullable ? `${type} or null` : type;
  }

  defaultOf(schema: z.ZodType): string {
    const u = unwrap(schema);
    if (u.defaultNote !== undefined) return u.defaultNote;
    if (u.hasDefault) return `\`${JSON.stringify(u.defaultValue)}\``;
    return u.optional ? 'optional' : '**required**';
  }

  table(object: z.ZodObject, skip: readonly string[] = []): string {
    const rows = ['| Field | Type | Default | Unit | Description |', '|---|---|---|---|---|'];
    for (const [key, value] of Object.entries(object.shape)) {
      if (skip.includes(key)) continue;
      const field = value as z.ZodType;
      const u = unwrap(field);
      rows.push(
        `| \`${key}\` | ${cell(this.typeOf(field, false))} | ${cell(this.defaultOf(field))} | ${cell(u.unit ?? '')} | ${cell(u.description ?? '')} |`,
      );
    }
    return rows.join('\n');
  }

  section(title: string, schema: z.ZodType, level = '###'): string {
    const u = unwrap(schema);
    const inner = u.inner;
    const lines = [`${level} ${title}`, '', u.summary ?? u.description ?? ''];
    if (inner instanceof z.ZodObject) lines.push('', this.table(inner));
    else if (inner instanceof z.ZodDiscriminatedUnion) {
      const key = inner.def.discriminator;
      for (const option of inner.options as z.ZodType[]) {
        const o = unwrap(option).inner;
        if (!(o instanceof z.ZodObject)) continue;
        const literal = unwrap(o.shape[key] as z.ZodType).inner;
        const value = literal instanceof z.ZodLiteral ? [...literal.values].join('') : '?';
        const rest = Object.keys(o.shape).filter((k) => k !== key);
        lines.push('', `- \`${key}: ${value}\`${rest.length ? ':' : ''}`);
        if (rest.length) lines.push('', this.table(o, [key]));
      }
    }
    return lines.join('\n');
  }

  /** Sections for every titled schema mentioned so far (and those they mention). */
  drain(): string[] {
    const out: string[] = [];
    while (this.queue.length > 0) {
      const { title, schema } = this.queue.shift()!;
      out.push(this.section(title, schema));
    }
    return out;
  }
}

function policiesSection(writer: DocWriter): string {
  const lines = [
    '## Policies',
    '',
    'Every policy has a `kind` and may have `fromDay` (days from the scenario start, warm-up included; default 0) and `note`. Policies take effect in order of `fromDay`, then as listed; a what-if’s policies come after its baseline’s. Every hospital, area, base and condition a policy names must exist in the region (an unknown id is refused, naming the known ones).',
  ];
  for (const schema of POLICY_SCHEMAS) {
    const u = unwrap(schema);
    lines.push('', `### ${u.title}`, '', u.description ?? '', '', writer.table(schema, ['kind']));
  }
  return lines.join('\n');
}

function expressionsSection(): string {
  const operators = Object.entries(ALLOWED_OPERATORS)
    .map(([, written]) => `\`${written}\``)
    .join(' ');
  return [
    '## Expressions',
    '',
    '`demand.multiplier` is a number or an expression in `t`, the time in days from the scenario start (day 0 is the first day of warm-up). It is evaluated once per simulated hour (hour h gives t = h / 24) into a table the model reads; it is never evaluated per patient.',
    '',
    `- Symbols: ${ALLOWED_SYMBOLS.map((s) => `\`${s}\``).join(', ')} (no units, no other variables).`,
    `- Functions: ${ALLOWED_FUNCTIONS.map((f) => `\`${f}\``).join(', ')}.`,
    `- Operators: ${operators}, parentheses and \`condition ? a : b\`.`,
    `- At most ${EXPRESSION_MAX_LENGTH} characters and ${EXPRESSION_MAX_DEPTH} levels of nesting.`,
    '- Refused before evaluation: matrices and ranges, strings, units, assignments and function definitions (`f(x) = …`), property access and indexing, several statements, any other function (`zeros`, `ones`, `import`, `evaluate`, …).',
    '- Every hourly value must be a finite, non-negative real number (no complex numbers, booleans, NaN or infinity), and at most `demand.maxMultiplier`: arrivals are drawn by thinning against that bound, so levers never change how many random numbers arrivals consume.',
    '',
    'Examples: `1.1`; `1 + 0.15*cos(2*pi*(t - 15)/365)` (winter peak); `1 + 0.3*exp(-((t - 200)/20)^2)` (an infection wave); `t < 180 ? 1 : 1.2` (a step).',
  ].join('\n');
}

function regionIntro(): string {
  return [
    '## Region',
    '',
    'A region is a directory `scenarios/data/<region>/` of YAML (or JSON) files. Each file is a mapping with an optional `sources:` map (source key → source line, merged into the region’s `sources`) and one or more of the top-level fields below, conventionally `region.yaml` (id, name, censusYear, occupancyTargets, areas, provenance), `municipalities.yaml`, `hospitals.yaml`, `ambulance-bases.yaml`, `conditions.yaml`, `arrival-profiles.yaml`, `transport.yaml` and `eligibility.yaml`. The files are merged (a field defined in two files is an error naming both) and validated as one region: ids are unique and known, adjacency is symmetric, hospitals and bases stand in a municipality of their area, pathway branches name existing phases (or `home` / `death`) and sum to 1, every phase is reached and leads to an exit, and arrival profiles average 1. Mark synthetic and estimated figures with `provenance`.',
  ].join('\n');
}

function errorsSection(): string {
  const rows = Object.entries(ERROR_HTTP_STATUS).map(([code, status]) => `| \`${code}\` | ${status} |`);
  return [
    '## Errors and limits',
    '',
    'Every refusal has one body: `{code, message, issues: [{file, path, line, column, message}]}`, with `path` written like `policies[2].hospital` and 1-based `line` / `column` (null for input given as an object). All issues are reported at once. Unknown keys are errors with a “did you mean”.',
    '',
    '| Code | HTTP status |',
    '|---|---|',
    ...rows,
    '',
    `Scenario documents are at most ${SCENARIO_LIMITS.maxBytes} bytes (region files ${REGION_FILE_LIMITS.maxBytes}), nest at most ${SCENARIO_LIMITS.maxDepth} levels, use at most ${SCENARIO_LIMITS.maxAliases} YAML aliases, and hold at most ${SCENARIO_LIMITS.maxNodes} values with aliases expanded. Keys \`__proto__\`, \`constructor\` and \`prototype\` are refused, as are NaN and infinities (\`.nan\`, \`.inf\`). Only YAML 1.2 (and JSON) is read: no custom tags, no \`<<\` merge keys. An \`extends\` chain is at most ${MAX_EXTENDS_DEPTH} long. A key written twice in one mapping is a parse error. An error lists at most ${ERROR_BODY_LIMITS.maxIssues} issues (the last one counts the rest) and cuts every value it quotes to ${ERROR_BODY_LIMITS.maxEcho} characters. The api also bounds the demand expression's cost (its nodes × the simulated hours it is evaluated for, \`SCENARIO_EXPRESSION_BUDGET\`) and the time a resolution may take (\`SCENARIO_RESOLVE_TIMEOUT_MS\`): over either, \`SCENARIO_TOO_COSTLY\` or \`SCENARIO_TIMEOUT\` (422).`,
  ].join('\n');
}

export function renderScenarioDocs(): string {
  const scenario = new DocWriter(['Policies']);
  const scenarioSections = [
    '## Scenario',
    '',
    unwrap(scenarioSchema).summary ?? '',
    '',
    'A file `scenarios/<id>.yaml` is a shipped scenario (its file name is its id). A what-if names its baseline with `extends` and lists only its changes: objects deep-merge (the what-if wins), `policies` are appended to the baseline’s, lists whose items all have an `id` merge by id, other lists and values are replaced; `id`, `name` and `description` are not inherited. `extends` resolves among shipped and saved scenarios; `<id>@<version>` pins a saved one. Cycles are refused, naming the cycle.',
    '',
    scenario.table(scenarioSchema),
    '',
    ...scenario.drain().flatMap((s) => [s, '']),
  ];
  const policyWriter = new DocWriter([
    'Policies',
    'LocalizedText',
    'Hospital',
    'Beds',
    'Provenance',
    'PartialBeds',
  ]);
  const region = new DocWriter(['LocalizedText']);
  const regionSections = [
    regionIntro(),
    '',
    region.table(regionSchema),
    '',
    ...region.drain().flatMap((s) => [s, '']),
  ];
  const doc = [
    '# Scenario and region reference',
    '',
    '<!-- Generated from libs/scenario/src/schema by `npm run docs:scenarios`. Do not edit by hand. -->',
    '',
    'Scenarios and regions are YAML 1.2 or JSON. Run `caretwin validate <file|id>` to check one: it lists every problem with file, line and column, or summarises the resolved scenario.',
    '',
    ...scenarioSections,
    policiesSection(policyWriter),
    '',
    expressionsSection(),
    '',
    ...regionSections,
    errorsSection(),
    '',
  ];
  return doc.join('\n').replace(/\n{3,}/g, '\n\n');
}

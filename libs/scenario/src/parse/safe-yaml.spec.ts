import { describe, expect, it } from 'vitest';
import { ScenarioValidationError } from '../errors/scenario-validation-error';
import { parseText } from './safe-yaml';
import { sanitizeObject } from './sanitize-object';
import { scanNestingDepth } from './depth-scan';

function refusal(run: () => unknown): ScenarioValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioValidationError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioValidationError');
}

const parse = (text: string) => parseText(text, { file: 'test.yaml' });

describe('parseText', () => {
  it('records the line and column of every key and item', () => {
    const { doc } = parse('region: tiny\npolicies:\n  - kind: closeHospital\n    hospital: h-1\n');
    expect(doc.positions.get('policies[0].hospital')).toEqual({ file: 'test.yaml', line: 4, column: 5 });
    expect(doc.positions.get('policies[0]')).toEqual({ file: 'test.yaml', line: 3, column: 5 });
    expect(doc.positions.get('region')).toEqual({ file: 'test.yaml', line: 1, column: 1 });
  });

  it('reads JSON with positions (JSON is YAML)', () => {
    const { doc } = parse('{\n  "region": "tiny",\n\t"seed": 3\n}');
    expect(doc.value).toEqual({ region: 'tiny', seed: 3 });
    expect(doc.positions.get('seed')?.line).toBe(3);
  });

  it('refuses a YAML alias bomb without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const error = refusal(() => parse(levels.join('\n')));
    expect(error.code).toBe('SCENARIO_UNPARSEABLE');
    expect(error.issues[0].message).toMatch(/aliases|values/);
    expect(error.issues[0].line).toBeGreaterThan(1);
  });

  it('refuses 20,000-deep flow nesting before the parser recurses', () => {
    const error = refusal(() => parse('['.repeat(20_000) + ']'.repeat(20_000)));
    expect(error.code).toBe('SCENARIO_UNPARSEABLE');
    expect(error.issues[0]).toMatchObject({ line: 1, column: 65, message: 'nesting deeper than 64 levels' });
  });

  it('refuses 20,000-deep JSON objects and block sequences', () => {
    const json = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    expect(refusal(() => parse(json)).issues[0].message).toBe('nesting deeper than 64 levels');
    const compact = '- '.repeat(20_000) + 'x';
    expect(refusal(() => parse(compact)).issues[0].message).toBe('nesting deeper than 64 levels');
    const block = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1';
    expect(refusal(() => parse(block)).issues[0]).toMatchObject({
      line: 65,
      message: 'nesting deeper than 64 levels',
    });
  });

  it('refuses nesting that only aliases make deep', () => {
    const nest = (inner: string) => '['.repeat(40) + inner + ']'.repeat(40);
    const text = `a: &a ${nest('1')}\nb: ${nest('*a')}\n`;
    const error = refusal(() => parse(text));
    expect(error.issues[0].message).toBe('nesting deeper than 64 levels');
    expect(error.issues[0].path).toMatch(/^b/);
  });

  it('refuses a self-referencing alias', () => {
    expect(refusal(() => parse('a: &x [1, *x]')).issues[0].message).toMatch(/nesting deeper|aliases/);
  });

  it('refuses a 6 MB string as too large, before parsing', () => {
    const error = refusal(() => parse(`description: "${'x'.repeat(6 * 1024 * 1024)}"`));
    expect(error.code).toBe('SCENARIO_TOO_LARGE');
    expect(error.httpStatus).toBe(413);
    expect(error.issues[0].message).toContain('1048576 bytes');
  });

  it('counts UTF-8 bytes, not characters, against the size limit', () => {
    const error = refusal(() => parse(`name: "${'病'.repeat(400_000)}"`));
    expect(error.code).toBe('SCENARIO_TOO_LARGE');
    expect(error.issues[0].message).toContain('1200008 bytes');
  });

  it('refuses truncated input with the line and column where it breaks', () => {
    const error = refusal(() =>
      parse('{\n  "region": "tiny",\n  "policies": [\n    {"kind": "closeHospital"'),
    );
    expect(error.code).toBe('SCENARIO_UNPARSEABLE');
    expect(error.httpStatus).toBe(400);
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(issue.file).toBe('test.yaml');
      expect(issue.line).toBeGreaterThanOrEqual(1);
      expect(issue.column).toBeGreaterThanOrEqual(1);
    }
    const truncatedYaml = refusal(() => parse('region: tiny\npolicies:\n  - kind: "closeHosp'));
    expect(truncatedYaml.issues[0]).toMatchObject({ line: 3 });
  });

  it('drops and reports __proto__, constructor and prototype keys', () => {
    const { doc, issues } = parse(
      '__proto__: {polluted: true}\npolicies:\n  - constructor: {prototype: {polluted: true}}\n    kind: travel\n',
    );
    expect(issues.map((i) => [i.path, i.line, i.column])).toEqual([
      ['__proto__', 1, 1],
      ['policies[0].constructor', 3, 5],
    ]);
    expect(issues[0].message).toBe('key "__proto__" is not allowed (reserved JavaScript property name)');
    expect(Object.keys(doc.value as object)).toEqual(['policies']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(doc.value)).toBeNull();
  });

  it('keeps NaN and infinities for the schema to refuse at their path', () => {
    const { doc } = parse('seed: .nan\nhorizonDays: .inf\nwarmupDays: -.Inf\n');
    expect(doc.value).toEqual({ seed: NaN, horizonDays: Infinity, warmupDays: -Infinity });
  });

  it('refuses duplicate keys, custom tags and YAML 1.1', () => {
    expect(refusal(() => parse('seed: 1\nseed: 2\n')).issues[0]).toMatchObject({
      line: 2,
      message: expect.stringContaining('unique'),
    });
    expect(refusal(() => parse('seed: !!js/function "x"\n')).issues[0].message).toContain('Unresolved tag');
    expect(
      refusal(() => parse('%YAML 1.1\n---\nstartDate: 2025-04-01\n')).issues.some((i) =>
        i.message.includes('YAML 1.1'),
      ),
    ).toBe(true);
  });

  it('refuses several documents in one file', () => {
    expect(refusal(() => parse('seed: 1\n---\nseed: 2\n')).issues[0].message).toContain('multiple documents');
  });
});

describe('sanitizeObject', () => {
  it('drops an own __proto__ key that JSON.parse created and leaves Object.prototype clean', () => {
    const input = JSON.parse(
      '{"region": "tiny", "__proto__": {"polluted": true}, "demand": {"constructor": {"prototype": {"polluted": 1}}}}',
    ) as unknown;
    const { doc, issues } = sanitizeObject(input, { file: '<request>' });
    expect(issues.map((i) => i.path)).toEqual(['__proto__', 'demand.constructor']);
    expect(issues[0]).toMatchObject({ line: null, column: null, file: '<request>' });
    expect(doc.value).toEqual({ region: 'tiny', demand: {} });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses objects nested deeper than the limit without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    expect(refusal(() => sanitizeObject(deep, { file: '<request>' })).issues[0].message).toBe(
      'nesting deeper than 64 levels',
    );
  });

  it('reports values that are not JSON', () => {
    const { issues } = sanitizeObject({ seed: () => 1, startDate: new Date(0) }, { file: '<request>' });
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['seed', 'unsupported value of type function'],
      ['startDate', 'only plain JSON objects are accepted'],
    ]);
  });
});

describe('scanNestingDepth', () => {
  it('ignores brackets inside quoted strings and comments', () => {
    const text = `a: "${'['.repeat(100)}"\nb: '${'{'.repeat(100)}'\n# ${'['.repeat(100)}\nc: [1, 2]\n`;
    expect(scanNestingDepth(text, 64)).toBeUndefined();
  });

  it('counts flow brackets inside block nesting', () => {
    expect(scanNestingDepth('a:\n  b: [[[1]]]\n', 4)).toEqual({ line: 2, column: 8 });
    expect(scanNestingDepth('a:\n  b: [[[1]]]\n', 5)).toBeUndefined();
  });
});

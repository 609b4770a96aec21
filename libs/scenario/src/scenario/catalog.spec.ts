import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioValidationError } from '../errors/scenario-validation-error';
import { formatIssues } from '../errors/format-issues';
import { makeScenarioWorkspace, type ScenarioWorkspace } from '../testing/tiny-region';
import { ScenarioCatalog } from './catalog';
import { InMemoryScenarioSource } from './source';
import { validateScenario } from './validate';

let ws: ScenarioWorkspace;
let saved: InMemoryScenarioSource;
let catalog: ScenarioCatalog;

beforeAll(() => {
  ws = makeScenarioWorkspace();
  ws.ship('base', {
    name: { ja: '基準', en: 'Base' },
    description: { ja: '基準シナリオ', en: 'The baseline' },
    region: 'tiny',
    horizonDays: 200,
    demand: { multiplier: '1 + 0.1*sin(2*pi*t/365)', maxMultiplier: 1.5 },
    policies: [{ kind: 'bedBorrowing', enabled: true }],
  });
  ws.ship('whatif', {
    extends: 'base',
    name: { ja: '閉院', en: 'Closure' },
    demand: { maxMultiplier: 1.2 },
    policies: [{ kind: 'closeHospital', hospital: 'h-north-2', fromDay: 30 }],
  });
  ws.ship('cycle-a', { extends: 'cycle-b', region: 'tiny' });
  ws.ship('cycle-b', { extends: 'cycle-c', region: 'tiny' });
  ws.ship('cycle-c', { extends: 'cycle-a', region: 'tiny' });
  ws.ship('broken-base', 'region: tiny\npolicies:\n  - kind: closeHospital\n    hospital: h-nowhere\n');
  ws.ship('on-broken', { extends: 'broken-base', seed: 2 });
  saved = new InMemoryScenarioSource();
  saved.save('my-baseline', 'region: tiny\nhorizonDays: 100\n');
  saved.save('my-baseline', { region: 'tiny', horizonDays: 300 });
  catalog = new ScenarioCatalog({ shippedDir: ws.shippedDir, regionsDir: ws.regionsDir, saved });
});

afterAll(() => ws.remove());

function refusal(input: string | Record<string, unknown>, file?: string): ScenarioValidationError {
  const result = validateScenario(catalog, input, { file });
  if (result.ok) throw new Error('expected the scenario to be refused');
  return result.error;
}
const messages = (error: ScenarioValidationError) => error.issues.map((i) => `${i.path}: ${i.message}`);

describe('ScenarioCatalog.resolve', () => {
  it('fills every default: seed 1, year 2025, warm-up 120, horizon 365, 10 replications, multiplier 1', () => {
    const { scenario, region, demandMultiplierByHour } = catalog.resolve('region: tiny\n', {
      file: 'minimal.yaml',
    });
    expect(scenario).toEqual({
      id: 'minimal',
      name: { ja: 'minimal', en: 'minimal' },
      description: { ja: '', en: '' },
      region: 'tiny',
      year: 2025,
      startDate: '2025-04-01',
      horizonDays: 365,
      warmupDays: 120,
      replications: 10,
      seed: 1,
      demand: { multiplier: '1', maxMultiplier: 2 },
      initialCensus: { mode: 'expected' },
      policies: [],
    });
    expect(region.id).toBe('tiny');
    expect(demandMultiplierByHour.length).toBe((120 + 365) * 24);
    expect(demandMultiplierByHour.every((v) => v === 1)).toBe(true);
  });

  it('resolves YAML, JSON and objects alike', () => {
    const yaml = catalog.resolve('region: tiny\nseed: 7\ndemand: {multiplier: 1.2}\n', {
      file: 'a.yaml',
    }).scenario;
    const json = catalog.resolve('{"region": "tiny", "seed": 7, "demand": {"multiplier": 1.2}}', {
      file: 'a.json',
    }).scenario;
    const object = catalog.resolve(
      { region: 'tiny', seed: 7, demand: { multiplier: 1.2 } },
      { id: 'a' },
    ).scenario;
    expect(json).toEqual(yaml);
    expect(object).toEqual(yaml);
    expect(yaml.demand.multiplier).toBe('1.2');
  });

  it('resolves a shipped scenario by id, its id being its file name', () => {
    const { scenario } = catalog.resolve('base');
    expect(scenario.id).toBe('base');
    expect(scenario.horizonDays).toBe(200);
  });

  it('lists shipped then saved scenarios', () => {
    expect(catalog.list().map((s) => [s.id, s.source, s.version])).toEqual([
      ['base', 'shipped', undefined],
      ['broken-base', 'shipped', undefined],
      ['cycle-a', 'shipped', undefined],
      ['cycle-b', 'shipped', undefined],
      ['cycle-c', 'shipped', undefined],
      ['on-broken', 'shipped', undefined],
      ['whatif', 'shipped', undefined],
      ['my-baseline', 'saved', 2],
    ]);
    expect(catalog.list()[0].name).toEqual({ ja: '基準', en: 'Base' });
  });
});

describe('extends', () => {
  it('deep-merges objects, appends policies and keeps the what-if’s own id, name and description', () => {
    const { scenario } = catalog.resolve('whatif');
    expect(scenario.extends).toBe('base');
    expect(scenario.horizonDays).toBe(200);
    expect(scenario.demand).toEqual({ multiplier: '1 + 0.1*sin(2*pi*t/365)', maxMultiplier: 1.2 });
    expect(scenario.policies).toEqual([
      { kind: 'bedBorrowing', enabled: true },
      { kind: 'closeHospital', hospital: 'h-north-2', fromDay: 30 },
    ]);
    expect(scenario.name).toEqual({ ja: '閉院', en: 'Closure' });
    expect(scenario.description).toEqual({ ja: '', en: '' });
    expect(scenario.id).toBe('whatif');
  });

  it('resolves a baseline from text input wherever the text comes from', () => {
    const { scenario } = catalog.resolve('extends: base\nseed: 5\n', { file: '/elsewhere/mine.yaml' });
    expect(scenario.id).toBe('mine');
    expect(scenario.seed).toBe(5);
    expect(scenario.policies).toHaveLength(1);
  });

  it('refuses a cycle, naming it', () => {
    const error = refusal('cycle-a');
    expect(error.code).toBe('SCENARIO_INVALID');
    expect(error.issues).toContainEqual({
      file: 'scenarios/cycle-c.yaml',
      path: 'extends',
      line: 1,
      column: 1,
      message: 'extends cycle: cycle-a → cycle-b → cycle-c → cycle-a',
    });
  });

  it('refuses a scenario that extends itself', () => {
    ws.ship('selfish', { extends: 'selfish', region: 'tiny' });
    expect(messages(refusal('selfish'))).toContain('extends: extends cycle: selfish → selfish');
  });

  it('names an unknown baseline and the known ones', () => {
    const error = refusal('extends: bse\n', 'x.yaml');
    expect(error.issues[0]).toMatchObject({ file: 'x.yaml', path: 'extends', line: 1, column: 1 });
    expect(error.issues[0].message).toMatch(
      /^unknown baseline scenario "bse" \(did you mean "base"\?\); known scenarios: base, broken-base, /,
    );
  });

  it('pins a saved baseline by version, and takes the latest otherwise', () => {
    expect(catalog.resolve('extends: my-baseline@1\n').scenario.horizonDays).toBe(100);
    expect(catalog.resolve('extends: my-baseline@2\n').scenario.horizonDays).toBe(300);
    expect(catalog.resolve('extends: my-baseline\n').scenario.horizonDays).toBe(300);
    expect(catalog.resolve('my-baseline@1').scenario.horizonDays).toBe(100);
    expect(messages(refusal('extends: my-baseline@9\n'))[0]).toMatch(
      /^extends: unknown baseline scenario "my-baseline@9" \(did you mean "my-baseline"\?\)/,
    );
  });

  it('points an issue in an inherited policy at the baseline’s file', () => {
    const error = refusal('on-broken');
    expect(error.issues).toContainEqual(
      expect.objectContaining({
        file: 'scenarios/broken-base.yaml',
        path: 'policies[0].hospital',
        line: 4,
        column: 5,
      }),
    );
  });

  it('refuses a malformed extends reference', () => {
    expect(messages(refusal('extends: "a b"\n'))).toContain(
      'extends: write extends: <scenario id> or <scenario id>@<version>, got "a b"',
    );
  });
});

describe('errors', () => {
  it('reports every problem at once, each with file, path, line and column', () => {
    const text = [
      'region: tiny',
      'horizonDays: -5',
      'replications: 2.5',
      'seed: .inf',
      'policies:',
      '  - kind: setBeds',
      '    hosptal: h-north-1',
      '    beds: {acute: 10}',
      '  - kind: closeHospital',
      '    hospital: h-nrth-1',
    ].join('\n');
    const error = refusal(text, 'many.yaml');
    expect(error.code).toBe('SCENARIO_INVALID');
    expect(error.message).toBe('scenario "many" is invalid (6 problems)');
    expect(error.issues.map((i) => [i.path, i.line, i.column, i.message])).toEqual([
      ['horizonDays', 2, 1, 'must be at least 1, got -5 (days)'],
      ['replications', 3, 1, 'expected an integer, got 2.5'],
      ['seed', 4, 1, 'Infinity is not allowed: write a finite number'],
      ['policies[0].hosptal', 7, 5, 'unknown key "hosptal" (did you mean "hospital"?)'],
      ['policies[0]', 6, 5, 'give exactly one of "hospital" or "area"'],
      [
        'policies[1].hospital',
        10,
        5,
        'unknown hospital "h-nrth-1" (did you mean "h-north-1"?); known hospitals: h-north-1, h-north-2, h-south-1',
      ],
    ]);
    for (const issue of error.issues) expect(issue.file).toBe('many.yaml');
  });

  it('carries the one error body: {code, message, issues}', () => {
    const error = refusal('region: tiny\nseed: -1\n', 's.yaml');
    expect(error).toBeInstanceOf(ScenarioValidationError);
    expect(error.name).toBe('ScenarioValidationError');
    expect(error.httpStatus).toBe(422);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'SCENARIO_INVALID',
      message: 'scenario "s" is invalid (1 problem)',
      issues: [{ file: 's.yaml', path: 'seed', line: 2, column: 1, message: 'must be at least 0, got -1' }],
    });
  });

  it('refuses absurd and negative sizes and wrong types', () => {
    const error = refusal(
      {
        region: 'tiny',
        horizonDays: 100_000,
        warmupDays: -1,
        replications: 1e6,
        year: 2031,
        startDate: '2025-02-30',
        demand: { maxMultiplier: 0 },
        name: 'x',
        seed: NaN,
      },
      'obj',
    );
    expect(messages(error)).toEqual([
      'name: expected a mapping, got "x"',
      'year: 2031 is not one of: 2020, 2025, 2030, 2035, 2040',
      'startDate: not a calendar date',
      'horizonDays: must be at most 3650, got 100000 (days)',
      'warmupDays: must be at least 0, got -1 (days)',
      'replications: must be at most 1000, got 1000000 (replications)',
      'seed: NaN is not allowed: write a finite number',
      'demand.maxMultiplier: must be more than 0, got 0',
    ]);
    expect(error.issues.every((i) => i.line === null && i.file === 'obj')).toBe(true);
  });

  it('names the known policy kinds for a misspelt kind', () => {
    expect(messages(refusal('region: tiny\npolicies: [{kind: convertBed}]\n'))[0]).toBe(
      'policies[0].kind: unknown kind "convertBed" (did you mean "convertBeds"?); one of: setBeds, convertBeds, closeHospital, mergeHospitals, addHospital, setAmbulances, lengthOfStay, eligibility, travel, bedBorrowing',
    );
  });

  it('suggests the nearest top-level key, and lists the allowed ones when nothing is near', () => {
    const found = messages(refusal('region: tiny\nhorizonDay: 30\nzzzzzzzzz: 1\n'));
    expect(found[0]).toBe('horizonDay: unknown key "horizonDay" (did you mean "horizonDays"?)');
    expect(found[1]).toMatch(
      /^zzzzzzzzz: unknown key "zzzzzzzzz"; allowed keys: id, name, description, extends, region, year,/,
    );
  });

  it('names unknown regions, areas, bases and conditions with the known ones', () => {
    expect(messages(refusal('region: tinny\n'))).toEqual([
      'region: unknown region "tinny" (did you mean "tiny"?); known regions: tiny',
    ]);
    const found = messages(
      refusal(
        [
          'region: tiny',
          'policies:',
          '  - {kind: setBeds, area: nort, beds: {acute: 1}}',
          '  - {kind: setAmbulances, base: base-nort, vehicles: 3}',
          '  - {kind: lengthOfStay, multiplier: 0.9, condition: strok}',
          '  - {kind: travel, closedLinks: [[north, west]]}',
        ].join('\n'),
      ),
    );
    expect(found).toEqual([
      'policies[0].area: unknown area "nort" (did you mean "north"?); known areas: north, south',
      'policies[1].base: unknown ambulance base "base-nort" (did you mean "base-north"?); known bases: base-north, base-south',
      'policies[2].condition: unknown condition "strok" (did you mean "stroke"?); known conditions: stroke, other',
      'policies[3].closedLinks[0][1]: unknown area "west"; known areas: north, south',
    ]);
  });

  it('checks lever coherence: conversions within existing beds, merges, new hospitals, late policies', () => {
    const found = messages(
      refusal({
        region: 'tiny',
        horizonDays: 30,
        warmupDays: 0,
        policies: [
          { kind: 'convertBeds', hospital: 'h-north-2', from: 'acute', to: 'recovery', count: 60 },
          { kind: 'convertBeds', area: 'south', from: 'chronic', to: 'chronic', count: 1 },
          { kind: 'mergeHospitals', hospitals: ['h-north-1', 'h-north-2'], into: 'h-north-2' },
          {
            kind: 'addHospital',
            hospital: {
              id: 'h-south-1',
              name: { ja: '新', en: 'New' },
              area: 'south',
              municipality: '01001',
              lat: 38,
              lng: 140,
              beds: { acute: 10 },
            },
          },
          { kind: 'closeHospital', hospital: 'h-south-1', fromDay: 30 },
          { kind: 'setBeds', hospital: 'h-north-1', area: 'north', beds: {} },
        ],
      }),
    );
    expect(found).toEqual([
      'policies[1].to: "to" must differ from "from" (chronic)',
      'policies[2].hospitals[1]: "h-north-2" is the hospital merged into; list only the ones folded into it',
      'policies[3].hospital.id: hospital id "h-south-1" already exists; a new hospital needs a new id',
      'policies[3].hospital.municipality: municipality 01001 is in area "north", not "south"',
      'policies[4].fromDay: day 30 is after the end of the run (warm-up + horizon = 30 days): the policy would never take effect',
      'policies[5]: give exactly one of "hospital" or "area", not both',
      'policies[5].beds: list at least one function: highAcute, acute, recovery, chronic',
      'policies[0].count: hospital "h-north-2" has 50 acute beds at that point, fewer than 60',
    ]);
  });

  it('refuses the removed postpone and forgo fields of the eligibility lever, saying what replaced them', () => {
    const found = messages(
      refusal({
        region: 'tiny',
        policies: [{ kind: 'eligibility', failureRate: 0.1, postponeShare: 0.3, forgoShare: 0.05 }],
      }),
    ).filter((m) => m.startsWith('policies'));
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(
      /^policies\[0\]\.postponeShare: "postponeShare" was removed: a failed online eligibility check never postpones or forgoes care/,
    );
    expect(found[0]).toContain('proofShare');
    expect(found[1]).toMatch(/^policies\[0\]\.forgoShare: "forgoShare" was removed/);
    expect(
      catalog.resolve({ region: 'tiny', policies: [{ kind: 'eligibility', proofShare: 0.5 }] }).scenario
        .policies,
    ).toHaveLength(1);
  });

  it('refuses an initial census beyond a hospital’s beds or naming an unknown hospital', () => {
    const found = messages(
      refusal({
        region: 'tiny',
        initialCensus: { mode: 'given', hospitals: { 'h-north-2': { acute: 51 }, 'h-x': { acute: 1 } } },
      }),
    );
    expect(found).toEqual([
      'initialCensus.hospitals.h-north-2.acute: 51 occupied acute beds, but the hospital has 50',
      'initialCensus.hospitals.h-x: unknown hospital "h-x"; known hospitals: h-north-1, h-north-2, h-south-1',
    ]);
  });

  it('refuses a projection year without population data', () => {
    expect(messages(refusal('region: tiny\nyear: 2040\n'))).toEqual([
      'year: region "tiny" has no population for 2040 in 3 of 3 municipalities (e.g. 01001); years with data: 2020, 2025',
    ]);
  });

  it('refuses a demand expression at demand.multiplier, with its line', () => {
    const error = refusal('region: tiny\ndemand:\n  multiplier: "zeros(1e5, 1e5)"\n', 'e.yaml');
    expect(error.issues).toEqual([
      {
        file: 'e.yaml',
        path: 'demand.multiplier',
        line: 3,
        column: 3,
        message: expect.stringMatching(/^function "zeros" is not allowed/),
      },
    ]);
    const above = messages(
      refusal('region: tiny\nwarmupDays: 0\ndemand: {multiplier: "1 + t/100", maxMultiplier: 1.5}\n'),
    );
    expect(above).toEqual([
      'demand.multiplier: the multiplier reaches 1.5004 at t = 50.0417 (day 50, hour 1), above demand.maxMultiplier = 1.5; raise maxMultiplier or lower the expression',
    ]);
  });

  it('answers SCENARIO_NOT_FOUND for an unknown id, listing the known ones', () => {
    const error = refusal('nosuch');
    expect(error.code).toBe('SCENARIO_NOT_FOUND');
    expect(error.httpStatus).toBe(404);
    expect(error.message).toBe('scenario "nosuch" not found');
    expect(error.issues[0].message).toMatch(/^unknown scenario "nosuch"; known scenarios: base, /);
    expect(refusal('bsae').issues[0].message).toMatch(/^unknown scenario "bsae" \(did you mean "base"\?\)/);
  });

  it('refuses a shipped scenario whose written id differs from its file name', () => {
    ws.ship('named-wrong', { id: 'other-name', region: 'tiny' });
    expect(messages(refusal('named-wrong'))).toContain(
      'id: id "other-name" must equal the file name "named-wrong"',
    );
  });

  it('answers REGION_INVALID when only the region data is at fault', () => {
    const broken = makeScenarioWorkspace({
      'region.yaml': 'id: tiny\nname: {ja: 小, en: Tiny}\nareas: []\n',
    });
    try {
      const other = new ScenarioCatalog({ shippedDir: broken.shippedDir, regionsDir: broken.regionsDir });
      const result = validateScenario(other, 'region: tiny\n');
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('REGION_INVALID');
      expect(result.error.issues.map((i) => i.file)).toContain('scenarios/data/tiny/region.yaml');
    } finally {
      broken.remove();
    }
  });

  it('refuses unparseable and oversized text with their own codes', () => {
    expect(refusal('region: [tiny\n').code).toBe('SCENARIO_UNPARSEABLE');
    expect(refusal(`region: tiny\nnote: "${'x'.repeat(6_000_000)}"\n`).code).toBe('SCENARIO_TOO_LARGE');
  });

  it('refuses a document that is not a mapping', () => {
    expect(messages(refusal('- region: tiny\n'))).toEqual([
      ': a scenario is a mapping of keys (region, year, horizonDays, policies, …)',
    ]);
    expect(refusal('').code).toBe('SCENARIO_INVALID');
  });

  it('formats issues for a terminal as file:line:column path: message', () => {
    const text = formatIssues(refusal('region: tiny\nseed: -1\n', 's.yaml').body);
    expect(text).toBe('✖ scenario "s" is invalid (1 problem)\n  s.yaml:2:1 seed: must be at least 0, got -1');
  });
});

describe('prototype pollution', () => {
  it('leaves Object.prototype clean whatever the input tries', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const attempts: Array<string | Record<string, unknown>> = [
      '__proto__: {polluted: true}\nregion: tiny\n',
      'region: tiny\ndemand: {__proto__: {polluted: true}}\n',
      '{"region": "tiny", "__proto__": {"polluted": true}, "policies": [{"kind": "travel", "speedFactor": 0.5, "constructor": {"prototype": {"polluted": true}}}]}',
      'extends: base\n__proto__: {polluted: true}\ndemand: {constructor: {prototype: {polluted: true}}}\n',
      JSON.parse(
        '{"region": "tiny", "__proto__": {"polluted": true}, "initialCensus": {"mode": "given", "hospitals": {"__proto__": {"acute": 1}}}}',
      ) as Record<string, unknown>,
    ];
    for (const input of attempts) {
      const error = refusal(input);
      expect(
        error.issues.some((i) => i.message.includes('is not allowed (reserved JavaScript property name)')),
      ).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });
});

// Proposals against lever bounds: what fits is accepted, what does not is refused at the JSON
// path of the offending field with the bound named in the message.
import { describe, expect, it } from 'vitest';
import type { LeverBound } from '@caretwin/contracts';
import { checkLevers, checkProposal, type BaselineFacts } from './levers';

const facts: BaselineFacts = {
  areas: ['sennan', 'sendai', 'osaki'],
  hospitals: ['h-sendai-1', 'h-sendai-2', 'h-osaki'],
  ambulancesByArea: { sennan: 8, sendai: 42, osaki: 12 },
  conditions: ['stroke', 'hipFracture'],
  areaNames: { sendai: '仙台', sennan: '仙南' },
};

const levers: LeverBound[] = [
  { kind: 'convertBeds', area: 'sendai', maxBeds: 300, from: ['acute'], to: ['recovery', 'chronic'] },
  { kind: 'ambulances', maxChange: 10 },
  { kind: 'closeHospital', hospitals: ['h-sendai-2'] },
  { kind: 'lengthOfStay', min: 0.8, max: 1 },
  { kind: 'eligibility', maxFailureRate: 0.05 },
];

const convert = (count: number, extra: Record<string, unknown> = {}) => ({
  kind: 'convertBeds',
  area: 'sendai',
  from: 'acute',
  to: 'recovery',
  count,
  ...extra,
});

describe('checkProposal', () => {
  it('accepts policies that each fit a lever, up to the bounds themselves', () => {
    expect(
      checkProposal(
        levers,
        [
          convert(200),
          convert(100, { to: 'chronic', fromDay: 30 }),
          { kind: 'setAmbulances', area: 'sendai', vehicles: 52 },
          { kind: 'setAmbulances', area: 'sennan', vehicles: 0 },
          { kind: 'closeHospital', hospital: 'h-sendai-2' },
          { kind: 'lengthOfStay', multiplier: 0.8, condition: 'stroke' },
          { kind: 'eligibility', failureRate: 0.05 },
        ],
        facts,
      ),
    ).toEqual([]);
  });

  it('refuses beds converted in an area beyond its bound, summed over the policies, at the policy that crosses it', () => {
    const issues = checkProposal(levers, [convert(200), convert(150, { to: 'chronic' })], facts);
    expect(issues).toEqual([
      {
        path: ['policies', 1, 'count'],
        message: 'at most 300 beds may be converted in 仙台 (sendai); this proposal converts 350',
      },
    ]);
  });

  it('refuses a single conversion above the bound at its count', () => {
    const [issue] = checkProposal(levers, [convert(301)], facts);
    expect(issue.path).toEqual(['policies', 0, 'count']);
    expect(issue.message).toContain('at most 300 beds');
    expect(issue.message).toContain('converts 301');
  });

  it('refuses a conversion from or to a function the lever does not allow, naming the allowed ones', () => {
    const from = checkProposal(levers, [convert(10, { from: 'highAcute' })], facts);
    expect(from).toHaveLength(1);
    expect(from[0].path).toEqual(['policies', 0, 'from']);
    expect(from[0].message).toMatch(/from acute only; this proposal converts from highAcute/);

    const to = checkProposal(levers, [convert(10, { to: 'highAcute' })], facts);
    expect(to[0].path).toEqual(['policies', 0, 'to']);
    expect(to[0].message).toMatch(/to recovery\/chronic only; this proposal converts to highAcute/);
  });

  it('refuses a conversion in an area no lever names, and in an area the region lacks', () => {
    const other = checkProposal(levers, [convert(10, { area: 'osaki' })], facts);
    expect(other[0].path).toEqual(['policies', 0, 'area']);
    expect(other[0].message).toMatch(/no lever of this workshop converts beds in osaki/);
    expect(other[0].message).toContain('convertBeds (仙台 (sendai) ≤ 300 beds');

    const unknown = checkProposal(levers, [convert(10, { area: 'atlantis' })], facts);
    expect(unknown).toEqual([
      { path: ['policies', 0, 'area'], message: 'unknown area "atlantis"; areas: sennan, sendai, osaki' },
    ]);
  });

  it('refuses a conversion at a hospital when the lever is by area', () => {
    const issues = checkProposal(
      levers,
      [{ kind: 'convertBeds', hospital: 'h-sendai-1', from: 'acute', to: 'recovery', count: 5 }],
      facts,
    );
    expect(issues[0].path).toEqual(['policies', 0, 'hospital']);
    expect(issues[0].message).toContain('by area');
  });

  it('refuses ambulances beyond ±maxChange of the baseline count, naming the baseline and the range', () => {
    expect(checkProposal(levers, [{ kind: 'setAmbulances', area: 'sendai', vehicles: 53 }], facts)).toEqual([
      {
        path: ['policies', 0, 'vehicles'],
        message:
          "ambulances in 仙台 (sendai) may change by at most ±10 from the baseline's 42 (32–52); this proposal sets 53",
      },
    ]);
    const down = checkProposal(levers, [{ kind: 'setAmbulances', area: 'osaki', vehicles: 1 }], facts);
    expect(down[0].path).toEqual(['policies', 0, 'vehicles']);
    expect(down[0].message).toContain("baseline's 12 (2–22)");
  });

  it('limits an area-bound ambulance lever to its area', () => {
    const bound: LeverBound[] = [{ kind: 'ambulances', area: 'sendai', maxChange: 5 }];
    expect(checkProposal(bound, [{ kind: 'setAmbulances', area: 'sendai', vehicles: 47 }], facts)).toEqual(
      [],
    );
    const issues = checkProposal(bound, [{ kind: 'setAmbulances', area: 'osaki', vehicles: 12 }], facts);
    expect(issues[0].path).toEqual(['policies', 0, 'area']);
    expect(issues[0].message).toContain('no lever of this workshop changes ambulances in osaki');
  });

  it('refuses a policy kind no lever allows at its kind, listing what is allowed', () => {
    const issues = checkProposal(
      levers.filter((l) => l.kind === 'convertBeds'),
      [{ kind: 'setBeds', area: 'sendai', beds: { acute: 10 } }],
      facts,
    );
    expect(issues).toEqual([
      {
        path: ['policies', 0, 'kind'],
        message:
          'no lever of this workshop allows setBeds; allowed: convertBeds (仙台 (sendai) ≤ 300 beds (acute → recovery/chronic))',
      },
    ]);
  });

  it('names malformed policies by path as scenario validation does: unknown kind, wrong type, unknown key, out of range', () => {
    const issues = checkProposal(
      levers,
      [
        { kind: 'convertBed', area: 'sendai' },
        convert(Number.NaN),
        convert(5, { colour: 'red' }),
        { kind: 'lengthOfStay', multiplier: 0 },
        'convert 5 beds',
      ],
      facts,
    );
    expect(issues.map((i) => i.path)).toEqual([
      ['policies', 0, 'kind'],
      ['policies', 1, 'count'],
      ['policies', 2, 'colour'],
      ['policies', 3, 'multiplier'],
      ['policies', 4],
    ]);
    expect(issues[0].message).toMatch(/^unknown kind "convertBed"; one of: setBeds, convertBeds/);
    expect(issues[2].message).toMatch(
      /^unknown key "colour"; allowed keys: kind, hospital, area, from, to, count/,
    );
    expect(issues[3].message).toBe('must be more than 0, got 0');
    expect(issues[4].message).toBe('expected an object, got "convert 5 beds"');
  });

  it('refuses a missing field of a policy with its path', () => {
    const issues = checkProposal(
      levers,
      [{ kind: 'convertBeds', area: 'sendai', from: 'acute', to: 'recovery' }],
      facts,
    );
    expect(issues).toEqual([{ path: ['policies', 0, 'count'], message: 'required field is missing' }]);
  });

  it('refuses an empty or missing list of policies at policies', () => {
    const empty = checkProposal(levers, [], facts);
    expect(empty).toHaveLength(1);
    expect(empty[0].path).toEqual(['policies']);
    expect(empty[0].message).toMatch(/at least one policy; allowed: convertBeds/);
    expect(checkProposal(levers, undefined, facts)[0].path).toEqual(['policies']);
  });

  it('refuses closing a hospital outside the lever, a length of stay outside its range and a failure rate above its bound', () => {
    const issues = checkProposal(
      levers,
      [
        { kind: 'closeHospital', hospital: 'h-osaki' },
        { kind: 'lengthOfStay', multiplier: 1.2 },
        { kind: 'eligibility', failureRate: 0.2 },
        { kind: 'eligibility', failureRate: 0.01, regionOutagesPerYear: 3 },
      ],
      facts,
    );
    expect(issues).toEqual([
      {
        path: ['policies', 0, 'hospital'],
        message: 'the hospitals this workshop may close are h-sendai-2; this proposal closes h-osaki',
      },
      {
        path: ['policies', 1, 'multiplier'],
        message: 'the length-of-stay multiplier must lie within 0.8–1; this proposal sets 1.2',
      },
      {
        path: ['policies', 2, 'failureRate'],
        message: 'the eligibility-check failure rate may be at most 0.05; this proposal sets 0.2',
      },
      {
        path: ['policies', 3, 'regionOutagesPerYear'],
        message: `this workshop's eligibility lever sets failureRate only; remove "regionOutagesPerYear"`,
      },
    ]);
  });

  it('refuses setting the same area’s ambulances twice in one proposal', () => {
    const issues = checkProposal(
      levers,
      [
        { kind: 'setAmbulances', area: 'sendai', vehicles: 40 },
        { kind: 'setAmbulances', area: 'sendai', vehicles: 44 },
      ],
      facts,
    );
    expect(issues).toEqual([
      {
        path: ['policies', 1, 'area'],
        message: 'ambulances in 仙台 (sendai) are already set by policies[0]',
      },
    ]);
  });
});

describe('checkLevers', () => {
  it('names lever areas and hospitals the baseline lacks', () => {
    expect(
      checkLevers(
        [
          { kind: 'convertBeds', area: 'sendai', maxBeds: 10 },
          { kind: 'convertBeds', area: 'tokyo', maxBeds: 10 },
          { kind: 'closeHospital', hospitals: ['h-osaki', 'h-gone'] },
        ],
        facts,
      ),
    ).toEqual([
      { path: ['levers', 1, 'area'], message: 'unknown area "tokyo"; areas: sennan, sendai, osaki' },
      {
        path: ['levers', 2, 'hospitals', 1],
        message: 'unknown hospital "h-gone" (or closed in the baseline)',
      },
    ]);
  });
});

// The levers a workshop lets participants touch, and whether a proposal stays within them
// (issue 19: "out-of-bounds proposals are refused with the bound named"). A proposal's policies
// are scenario policies (libs/scenario's schema decides their shape); each must then fit one of
// the workshop's lever bounds. Every refusal names the JSON path in the proposal body and the
// bound, so the api's 422 and the dashboard's form say the same thing.
import { z } from 'zod';
import { BED_FUNCTIONS, type BedFunction, type LeverBound, type LeverKind } from '@caretwin/contracts';
import { policySchema, type Policy } from '@caretwin/scenario';
import { isRecord, zodIssues, type IssuePath, type ProposalIssue } from './issues';

/** What the baseline run says about the region, for the checks that need it. */
export interface BaselineFacts {
  /** area ids of the baseline's region */
  areas: string[];
  /** hospital ids open in the baseline */
  hospitals: string[];
  /** ambulances per area in the baseline (after its own policies) */
  ambulancesByArea: Record<string, number>;
  /** condition ids (a lengthOfStay lever limited to one is checked when given) */
  conditions?: string[];
  /** display names for messages (`仙台 (sendai)`); ids alone when absent */
  areaNames?: Record<string, string>;
  hospitalNames?: Record<string, string>;
}

/** At most this many policies in one proposal: a variant is a what-if, not a new plan. */
export const MAX_PROPOSAL_POLICIES = 20;

/** Which lever a scenario policy kind falls under (the other kinds are never proposable). */
export const LEVER_OF_POLICY: Partial<Record<Policy['kind'], LeverKind>> = {
  convertBeds: 'convertBeds',
  setAmbulances: 'ambulances',
  closeHospital: 'closeHospital',
  lengthOfStay: 'lengthOfStay',
  eligibility: 'eligibility',
};

const idSchema = z.string().min(1).max(100);
const bedFunctions = z.array(z.enum(BED_FUNCTIONS)).min(1).max(BED_FUNCTIONS.length);

/** A lever bound as `CreateWorkshopRequest.levers` and the export file carry it. */
export const leverBoundSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('convertBeds'),
    area: idSchema,
    maxBeds: z.number().int().min(1).max(100_000),
    from: bedFunctions.optional(),
    to: bedFunctions.optional(),
  }),
  z.strictObject({
    kind: z.literal('ambulances'),
    area: idSchema.optional(),
    maxChange: z.number().int().min(1).max(1000),
  }),
  z.strictObject({ kind: z.literal('closeHospital'), hospitals: z.array(idSchema).min(1).max(1000) }),
  z
    .strictObject({
      kind: z.literal('lengthOfStay'),
      min: z.number().gt(0).max(10),
      max: z.number().gt(0).max(10),
    })
    .refine((l) => l.min <= l.max, { path: ['max'], message: 'max must be at least min' }),
  z.strictObject({ kind: z.literal('eligibility'), maxFailureRate: z.number().min(0).max(1) }),
]) satisfies z.ZodType<LeverBound>;

export const leverBoundsSchema = z.array(leverBoundSchema).min(1).max(50);

const named = (id: string, names: Record<string, string> | undefined): string => {
  const name = names?.[id];
  return name && name !== id ? `${name} (${id})` : id;
};

const fnList = (fns: readonly BedFunction[] | undefined): string => (fns ? fns.join('/') : 'any function');

/** One lever in words, for messages: "convertBeds in sendai ≤ 300 beds (acute → recovery)". */
export function describeLever(
  lever: LeverBound,
  facts?: Pick<BaselineFacts, 'areaNames' | 'hospitalNames'>,
): string {
  switch (lever.kind) {
    case 'convertBeds': {
      const fns = lever.from || lever.to ? ` (${fnList(lever.from)} → ${fnList(lever.to)})` : '';
      return `convertBeds (${named(lever.area, facts?.areaNames)} ≤ ${lever.maxBeds} beds${fns})`;
    }
    case 'ambulances':
      return `setAmbulances (${lever.area ? named(lever.area, facts?.areaNames) : 'any area'} ±${lever.maxChange} vehicles)`;
    case 'closeHospital':
      return `closeHospital (${lever.hospitals.map((h) => named(h, facts?.hospitalNames)).join(', ')})`;
    case 'lengthOfStay':
      return `lengthOfStay (multiplier ${lever.min}–${lever.max})`;
    case 'eligibility':
      return `eligibility (failureRate ≤ ${lever.maxFailureRate})`;
  }
}

/** Lever bounds that name an area or hospital the baseline lacks (the api answers 422). */
export function checkLevers(
  levers: readonly LeverBound[],
  facts: BaselineFacts,
  prefix: IssuePath = ['levers'],
): ProposalIssue[] {
  const issues: ProposalIssue[] = [];
  const areas = new Set(facts.areas);
  const hospitals = new Set(facts.hospitals);
  levers.forEach((lever, i) => {
    if (
      (lever.kind === 'convertBeds' || lever.kind === 'ambulances') &&
      lever.area !== undefined &&
      !areas.has(lever.area)
    )
      issues.push({
        path: [...prefix, i, 'area'],
        message: `unknown area "${lever.area}"; areas: ${facts.areas.join(', ')}`,
      });
    if (lever.kind === 'ambulances') {
      const missing = (lever.area ? [lever.area] : facts.areas).filter(
        (a) => areas.has(a) && facts.ambulancesByArea[a] === undefined,
      );
      if (missing.length > 0)
        issues.push({
          path: [...prefix, i, 'area'],
          message: `the baseline has no ambulances in ${missing.join(', ')} to change`,
        });
    }
    if (lever.kind === 'closeHospital')
      lever.hospitals.forEach((h, j) => {
        if (!hospitals.has(h))
          issues.push({
            path: [...prefix, i, 'hospitals', j],
            message: `unknown hospital "${h}" (or closed in the baseline)`,
          });
      });
  });
  return issues;
}

/** Keys a policy of this kind may have (libs/scenario's strict object), for an unknown-key message. */
function policyKeys(kind: unknown): readonly string[] | undefined {
  const option = policySchema.options.find((o) => o.shape.kind.value === kind);
  return option ? Object.keys(option.shape) : undefined;
}

/**
 * Whether a proposal's policies stay within the workshop's levers; [] when they do. Paths are
 * relative to the proposal body (`['policies', 0, 'count']`); each message names the bound.
 */
export function checkProposal(
  levers: readonly LeverBound[],
  policies: unknown,
  facts: BaselineFacts,
): ProposalIssue[] {
  const allowed = `allowed: ${levers.map((l) => describeLever(l, facts)).join(', ') || 'nothing (the workshop has no levers)'}`;
  if (!Array.isArray(policies)) return [{ path: ['policies'], message: 'expected a list of policies' }];
  if (policies.length === 0)
    return [{ path: ['policies'], message: `a proposal needs at least one policy; ${allowed}` }];
  if (policies.length > MAX_PROPOSAL_POLICIES)
    return [
      {
        path: ['policies'],
        message: `at most ${MAX_PROPOSAL_POLICIES} policies in one proposal, got ${policies.length}`,
      },
    ];

  const issues: ProposalIssue[] = [];
  const valid: Array<{ i: number; policy: Policy }> = [];
  policies.forEach((raw, i) => {
    const at: IssuePath = ['policies', i];
    const kind = isRecord(raw) ? raw.kind : undefined;
    const leverKind =
      typeof kind === 'string' && Object.hasOwn(LEVER_OF_POLICY, kind)
        ? LEVER_OF_POLICY[kind as Policy['kind']]
        : undefined;
    // A real scenario kind no lever allows: that is the one thing to say, not its field errors.
    if (policyKeys(kind) && !levers.some((l) => l.kind === leverKind)) {
      issues.push({
        path: [...at, 'kind'],
        message: `no lever of this workshop allows ${String(kind)}; ${allowed}`,
      });
      return;
    }
    const parsed = policySchema.safeParse(raw);
    if (!parsed.success) {
      issues.push(
        ...zodIssues(parsed.error, raw, at, (path) => (path.length === 0 ? policyKeys(kind) : undefined)),
      );
      return;
    }
    valid.push({ i, policy: parsed.data as Policy });
  });

  const converted = new Map<
    Extract<LeverBound, { kind: 'convertBeds' }>,
    { beds: number; over: number | undefined }
  >();
  const ambulanceAreas = new Map<string, number>();
  for (const { i, policy } of valid) {
    const at: IssuePath = ['policies', i];
    const area = (id: string) => named(id, facts.areaNames);
    switch (policy.kind) {
      case 'convertBeds': {
        if (policy.area === undefined) {
          issues.push({
            path: [...at, policy.hospital !== undefined ? 'hospital' : 'area'],
            message: `this workshop converts beds by area; give "area" (one of ${convertAreas(levers, facts)})`,
          });
          break;
        }
        if (policy.hospital !== undefined) {
          issues.push({ path: [...at, 'hospital'], message: 'give an area or a hospital, not both' });
          break;
        }
        const inArea = levers.filter(
          (l): l is Extract<LeverBound, { kind: 'convertBeds' }> =>
            l.kind === 'convertBeds' && l.area === policy.area,
        );
        if (!facts.areas.includes(policy.area)) {
          issues.push({
            path: [...at, 'area'],
            message: `unknown area "${policy.area}"; areas: ${facts.areas.join(', ')}`,
          });
          break;
        }
        if (inArea.length === 0) {
          issues.push({
            path: [...at, 'area'],
            message: `no lever of this workshop converts beds in ${area(policy.area)}; ${allowed}`,
          });
          break;
        }
        if (policy.from === policy.to) {
          issues.push({
            path: [...at, 'to'],
            message: `converting ${policy.from} beds to ${policy.to} changes nothing; choose another function`,
          });
          break;
        }
        const byFrom = inArea.filter((l) => !l.from || l.from.includes(policy.from));
        if (byFrom.length === 0) {
          issues.push({
            path: [...at, 'from'],
            message: `beds in ${area(policy.area)} may be converted from ${inArea.map((l) => fnList(l.from)).join(' or ')} only; this proposal converts from ${policy.from}`,
          });
          break;
        }
        const lever = byFrom.find((l) => !l.to || l.to.includes(policy.to));
        if (!lever) {
          issues.push({
            path: [...at, 'to'],
            message: `beds in ${area(policy.area)} may be converted to ${byFrom.map((l) => fnList(l.to)).join(' or ')} only; this proposal converts to ${policy.to}`,
          });
          break;
        }
        // The bound is on the area's total: several policies converting there add up (転換病床数).
        const sum = converted.get(lever) ?? { beds: 0, over: undefined };
        sum.beds += policy.count;
        if (sum.beds > lever.maxBeds && sum.over === undefined) sum.over = i;
        converted.set(lever, sum);
        break;
      }
      case 'setAmbulances': {
        if (policy.area === undefined) {
          issues.push({
            path: [...at, 'base'],
            message: 'this workshop sets ambulances by area; give "area" instead of "base"',
          });
          break;
        }
        if (policy.base !== undefined) {
          issues.push({ path: [...at, 'base'], message: 'give an area or a base, not both' });
          break;
        }
        if (!facts.areas.includes(policy.area)) {
          issues.push({
            path: [...at, 'area'],
            message: `unknown area "${policy.area}"; areas: ${facts.areas.join(', ')}`,
          });
          break;
        }
        const lever = levers.find(
          (l): l is Extract<LeverBound, { kind: 'ambulances' }> =>
            l.kind === 'ambulances' && (l.area === undefined || l.area === policy.area),
        );
        if (!lever) {
          issues.push({
            path: [...at, 'area'],
            message: `no lever of this workshop changes ambulances in ${area(policy.area)}; ${allowed}`,
          });
          break;
        }
        const earlier = ambulanceAreas.get(policy.area);
        if (earlier !== undefined) {
          issues.push({
            path: [...at, 'area'],
            message: `ambulances in ${area(policy.area)} are already set by policies[${earlier}]`,
          });
          break;
        }
        ambulanceAreas.set(policy.area, i);
        const base = facts.ambulancesByArea[policy.area];
        if (base === undefined) {
          issues.push({
            path: [...at, 'area'],
            message: `the baseline has no ambulances in ${area(policy.area)} to change`,
          });
          break;
        }
        if (Math.abs(policy.vehicles - base) > lever.maxChange)
          issues.push({
            path: [...at, 'vehicles'],
            message: `ambulances in ${area(policy.area)} may change by at most ±${lever.maxChange} from the baseline's ${base} (${Math.max(0, base - lever.maxChange)}–${base + lever.maxChange}); this proposal sets ${policy.vehicles}`,
          });
        break;
      }
      case 'closeHospital': {
        const closable = levers.flatMap((l) => (l.kind === 'closeHospital' ? l.hospitals : []));
        if (!closable.includes(policy.hospital))
          issues.push({
            path: [...at, 'hospital'],
            message: `the hospitals this workshop may close are ${closable.map((h) => named(h, facts.hospitalNames)).join(', ')}; this proposal closes ${named(policy.hospital, facts.hospitalNames)}`,
          });
        else if (!facts.hospitals.includes(policy.hospital))
          issues.push({
            path: [...at, 'hospital'],
            message: `${named(policy.hospital, facts.hospitalNames)} is not open in the baseline`,
          });
        else if (
          valid.some(
            (v) => v.i < i && v.policy.kind === 'closeHospital' && v.policy.hospital === policy.hospital,
          )
        )
          issues.push({
            path: [...at, 'hospital'],
            message: `${named(policy.hospital, facts.hospitalNames)} is closed twice`,
          });
        break;
      }
      case 'lengthOfStay': {
        const ranges = levers.filter(
          (l): l is Extract<LeverBound, { kind: 'lengthOfStay' }> => l.kind === 'lengthOfStay',
        );
        if (!ranges.some((l) => policy.multiplier >= l.min && policy.multiplier <= l.max))
          issues.push({
            path: [...at, 'multiplier'],
            message: `the length-of-stay multiplier must lie within ${ranges.map((l) => `${l.min}–${l.max}`).join(' or ')}; this proposal sets ${policy.multiplier}`,
          });
        if (
          policy.condition !== undefined &&
          facts.conditions &&
          !facts.conditions.includes(policy.condition)
        )
          issues.push({
            path: [...at, 'condition'],
            message: `unknown condition "${policy.condition}"; conditions: ${facts.conditions.join(', ')}`,
          });
        break;
      }
      case 'eligibility': {
        const max = Math.max(...levers.flatMap((l) => (l.kind === 'eligibility' ? [l.maxFailureRate] : [])));
        // The lever is the failure rate (マイナ保険証の資格確認エラー率); the outage and cost
        // parameters stay the region's.
        for (const key of Object.keys(policy))
          if (!['kind', 'failureRate', 'fromDay', 'note'].includes(key))
            issues.push({
              path: [...at, key],
              message: `this workshop's eligibility lever sets failureRate only; remove "${key}"`,
            });
        if (policy.failureRate === undefined)
          issues.push({
            path: [...at, 'failureRate'],
            message: `required field is missing (failureRate ≤ ${max})`,
          });
        else if (policy.failureRate > max)
          issues.push({
            path: [...at, 'failureRate'],
            message: `the eligibility-check failure rate may be at most ${max}; this proposal sets ${policy.failureRate}`,
          });
        break;
      }
      default:
        // LEVER_OF_POLICY and the kind check above leave no other kind here.
        issues.push({
          path: [...at, 'kind'],
          message: `no lever of this workshop allows ${policy.kind}; ${allowed}`,
        });
    }
  }
  for (const [lever, { beds, over }] of converted)
    if (over !== undefined)
      issues.push({
        path: ['policies', over, 'count'],
        message: `at most ${lever.maxBeds} beds may be converted in ${named(lever.area, facts.areaNames)}; this proposal converts ${beds}`,
      });
  return issues.sort((a, b) => (a.path[1] as number) - (b.path[1] as number));
}

function convertAreas(levers: readonly LeverBound[], facts: BaselineFacts): string {
  const areas = levers.flatMap((l) => (l.kind === 'convertBeds' ? [named(l.area, facts.areaNames)] : []));
  return areas.join(', ') || 'none';
}

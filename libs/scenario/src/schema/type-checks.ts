// Compile-time proof that the schemas produce exactly the binding types of types.ts: if either
// side changes without the other, `npm run typecheck` fails here.

import type { z } from 'zod';
import type { Condition, Hospital, InitialCensus, Policy, Region, Scenario } from '../types';
import type { conditionSchema, hospitalSchema, regionSchema } from './region';
import type { policySchema } from './policies';
import type { initialCensusSchema, scenarioSchema } from './scenario';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const typeChecks: {
  region: Same<z.output<typeof regionSchema>, Region>;
  hospital: Same<z.output<typeof hospitalSchema>, Hospital>;
  condition: Same<z.output<typeof conditionSchema>, Condition>;
  policy: Same<z.output<typeof policySchema>, Policy>;
  initialCensus: Same<z.output<typeof initialCensusSchema>, InitialCensus>;
  scenario: Same<z.output<typeof scenarioSchema>, Scenario>;
} = { region: true, hospital: true, condition: true, policy: true, initialCensus: true, scenario: true };

// A scenario arrives as a JSON object (application/json) or as YAML text (application/yaml;
// other media types are refused with 415 before parsing, http/write-checks.ts); anything else
// is refused, 400, before the scenario library
// sees it (which then reports what is wrong inside it, with lines and columns).
import { z } from 'zod';
import { ApiError } from '../errors/api-error';
import { ZodValidationPipe } from '../http/zod-validation.pipe';

export type ScenarioInput = string | Record<string, unknown>;

const EMPTY = 'empty';
const NOT_A_MAPPING = 'expected a scenario mapping';

/** A mapping passes as it came (the scenario library checks its keys, `__proto__` included). */
const mapping = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
);

export const scenarioInputSchema: z.ZodType<ScenarioInput> = z.union(
  [z.string().refine((text) => text.trim() !== '', EMPTY), mapping],
  { error: NOT_A_MAPPING },
);

/** `@Body(scenarioInputPipe) body: ScenarioInput` */
export const scenarioInputPipe = new ZodValidationPipe(
  scenarioInputSchema,
  (issues) =>
    new ApiError(
      400,
      'REQUEST_UNPARSEABLE',
      issues.some((issue) => issue.message === EMPTY)
        ? 'the scenario text is empty'
        : 'send a scenario as a JSON object (application/json) or as YAML text (application/yaml)',
      issues,
    ),
);

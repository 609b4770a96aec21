// validateScenario: the non-throwing form of ScenarioCatalog.resolve, for edges that answer
// with the error body rather than an exception.

import { ScenarioValidationError } from '../errors/scenario-validation-error';
import type { ResolvedScenario } from '../types';
import type { ScenarioCatalog } from './catalog';
import type { ScenarioInputOptions } from './parse-scenario';

export type ValidationResult =
  { ok: true; resolved: ResolvedScenario } | { ok: false; error: ScenarioValidationError };

export function validateScenario(
  catalog: ScenarioCatalog,
  input: string | Record<string, unknown>,
  options: ScenarioInputOptions = {},
): ValidationResult {
  try {
    return { ok: true, resolved: catalog.resolve(input, options) };
  } catch (error) {
    if (error instanceof ScenarioValidationError) return { ok: false, error };
    throw error;
  }
}

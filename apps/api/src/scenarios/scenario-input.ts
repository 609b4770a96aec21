// A scenario arrives as a JSON object (application/json) or as YAML text (text/yaml,
// application/yaml, text/plain); anything else is refused before the scenario library sees it.
import { ApiError, requestIssue } from '../errors/api-error';

export type ScenarioInput = string | Record<string, unknown>;

export function scenarioInputOf(body: unknown, path = ''): ScenarioInput {
  if (typeof body === 'string') {
    if (body.trim() === '')
      throw new ApiError(400, 'REQUEST_UNPARSEABLE', 'the scenario text is empty', [
        requestIssue(path, 'empty'),
      ]);
    return body;
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body))
    return body as Record<string, unknown>;
  throw new ApiError(
    400,
    'REQUEST_UNPARSEABLE',
    'send a scenario as a JSON object (application/json) or as YAML text (text/yaml)',
    [requestIssue(path, 'expected a scenario mapping')],
  );
}

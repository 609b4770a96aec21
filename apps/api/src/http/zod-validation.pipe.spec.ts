// The validation pipe on the api's own request schemas: what a controller receives, and the
// one error body a mismatch answers (status, code, message and the path of each problem).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error';
import { mapError } from '../errors/error-mapping';
import { createRunSchema, idempotencyKeySchema, listRunsSchema } from '../runs/runs.dto';
import { scenarioInputPipe } from '../scenarios/scenario-input';
import { ZodValidationPipe } from './zod-validation.pipe';

/** What the api answers when `transform` throws. */
function refusal(run: () => unknown): ReturnType<typeof mapError> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return mapError(error);
  }
  throw new Error('the pipe accepted the value');
}

describe('ZodValidationPipe', () => {
  it('hands the controller the parsed value, defaults and coercions applied', () => {
    const pipe = new ZodValidationPipe(listRunsSchema, 'query');
    expect(pipe.transform({ limit: '5', state: 'running' })).toEqual({
      limit: 5,
      offset: 0,
      state: 'running',
    });
    expect(new ZodValidationPipe(idempotencyKeySchema, 'Idempotency-Key header').transform(undefined)).toBe(
      undefined,
    );
  });

  it('refuses with 422 REQUEST_INVALID, one issue per problem at its path and one per unknown key', () => {
    const pipe = new ZodValidationPipe(createRunSchema, 'run request');
    const { status, body } = refusal(() =>
      pipe.transform({ scenarioId: 'miyagi-2025-baseline', replications: -1, colour: 'red', size: 1 }),
    );
    expect(status).toBe(422);
    expect(body.code).toBe('REQUEST_INVALID');
    expect(body.message).toBe('run request is invalid (3 problems)');
    expect(body.issues.map((i) => [i.file, i.path, i.line, i.column])).toEqual([
      ['<request>', 'replications', null, null],
      ['<request>', 'colour', null, null],
      ['<request>', 'size', null, null],
    ]);
    expect(body.issues[1].message).toBe('unknown key "colour"');
  });

  it('counts a single problem in the singular', () => {
    const pipe = new ZodValidationPipe(listRunsSchema, 'query');
    const { body } = refusal(() => pipe.transform({ limit: '0' }));
    expect(body.message).toBe('query is invalid (1 problem)');
    expect(body.issues.map((i) => i.path)).toEqual(['limit']);
  });

  it('takes a refusal of its own instead of the 422', () => {
    const { status, body } = refusal(() => scenarioInputPipe.transform('   '));
    expect([status, body.code, body.message]).toEqual([
      400,
      'REQUEST_UNPARSEABLE',
      'the scenario text is empty',
    ]);
    expect(body.issues).toEqual([
      { file: '<request>', path: '', line: null, column: null, message: 'empty' },
    ]);
    for (const value of [undefined, null, 5, [1]]) {
      const refused = refusal(() => scenarioInputPipe.transform(value));
      expect([refused.status, refused.body.message]).toEqual([
        400,
        'send a scenario as a JSON object (application/json) or as YAML text (application/yaml)',
      ]);
    }
  });

  it('passes a scenario mapping through as the same object, so the scenario library sees every key', () => {
    const document = JSON.parse('{"id":"x","__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(scenarioInputPipe.transform(document)).toBe(document);
    expect(scenarioInputPipe.transform('id: x\n')).toBe('id: x\n');
  });
});

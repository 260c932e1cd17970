// The generator writes only what the validator reads: header parameters (the request ids) are the
// transport's, never a caller's value, so they are left out of the constraints.
import { describe, expect, it } from 'vitest';
import { extractConstraints, type OpenApiDocument } from '../scripts/constraints.js';
import { spec } from '../src/generated/usage-v2.constraints.gen.js';

function documentWith(parameters: object[]): OpenApiDocument {
  return { openapi: '3.0.3', info: { title: 't', version: '1' }, servers: [{ url: 'https://api.example/v1' }], paths: { '/things/{id}': { get: { operationId: 'getThing', parameters } } } } as unknown as OpenApiDocument;
}

describe('extractConstraints', () => {
  it('leaves header parameters out of the table and the operation', () => {
    const constraints = extractConstraints(documentWith([
      { name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 10 } },
      { name: 'X-Request-ID', in: 'header', schema: { type: 'string', maxLength: 128 } },
    ]));
    expect(constraints.operations).toEqual({ getThing: { parameters: ['getThing.id'] } });
    expect(Object.keys(constraints.parameters as object)).toEqual(['getThing.id']);
  });

  it('refuses a required header parameter: no caller value could ever fill it', () => {
    expect(() => extractConstraints(documentWith([{ name: 'X-Key', in: 'header', required: true, schema: { type: 'string' } }]))).toThrow(/required header parameter \(X-Key\)/);
  });

  it('holds no header parameter for the Usage API', () => {
    expect(Object.values(spec.parameters).filter((p) => (p.in as string) === 'header')).toEqual([]);
  });
});

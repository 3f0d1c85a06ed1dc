// @vitest-environment node
// The OpenAPI document is generated from the route table and the schema module; a real
// OpenAPI 3.1 validator from npm checks it.
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../worker/openapi';

describe('openapi.json', () => {
  const doc = openApiDocument('http://localhost:8787');

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does refuse a broken document.
    const broken = await new Validator().validate({
      ...doc,
      paths: { '/x': { get: { responses: { '200': {} } } } },
    } as unknown as Parameters<Validator['validate']>[0]);
    expect(broken.valid).toBe(false);
  });

  it('covers reads and writes, with the authoring API behind bearer auth', () => {
    const box = doc.paths['/v1/factboxes/{slug}'] as Record<string, { security?: unknown; responses: Record<string, unknown> }>;
    expect(Object.keys(box)).toEqual(['get', 'put', 'delete']);
    expect(box.put!.security).toEqual([{ bearer: [] }]);
    expect(box.get!.security).toBeUndefined();
    expect(Object.keys(box.put!.responses)).toEqual(
      expect.arrayContaining(['200', '201', '400', '401', '409', '412', '413', '415', '428']),
    );
    expect(doc.paths).toHaveProperty(['/v1/factboxes/{slug}/corrections', 'post']);
    expect(doc.paths).toHaveProperty(['/v1/factboxes/{slug}/revisions/{n}', 'get']);
    const input = doc.components.schemas.FactBoxInput as { required: string[]; additionalProperties: boolean };
    expect(input.required).toContain('figures');
    expect(input.additionalProperties).toBe(false);
  });
});

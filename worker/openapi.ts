// The OpenAPI 3.1 document, generated from the route table and the schema module.
import { errorBody } from './errors';
import { jsonSchemas, REPORT_STATUSES } from './factbox/schema';
import { ROUTES, type Operation } from './routes/table';

const strip = (s: unknown): Record<string, unknown> => {
  const { $schema: _, ...rest } = s as Record<string, unknown>;
  return rest;
};

function components() {
  const s = jsonSchemas();
  const item = {
    type: 'object',
    required: ['slug', 'title', 'revision', 'updatedAt'],
    properties: {
      slug: { type: 'string' },
      title: { type: 'string' },
      revision: { type: 'integer' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  };
  const str = { type: 'string' };
  const orNull = (type: string) => ({ type: [type, 'null'] });
  const report = {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      slug: str,
      target: { type: 'string', description: 'JSON Pointer into the box at `revision`' },
      revision: { type: 'integer' },
      text: str,
      contact: { ...orNull('string'), description: "The reader's address; null once the report is closed" },
      status: { enum: [...REPORT_STATUSES] },
      note: orNull('string'),
      correction: { ...orNull('integer'), description: 'Index of the correction in the box that resolved it' },
      createdAt: { type: 'string', format: 'date-time' },
      closedAt: orNull('string'),
      closedBy: orNull('string'),
    },
  };
  return {
    schemas: {
      FactBox: strip(s.FactBox),
      FactBoxInput: strip(s.FactBoxInput),
      PinnedFactBox: strip(s.PinnedFactBox),
      FactBoxOrPinned: { oneOf: [{ $ref: '#/components/schemas/FactBox' }, { $ref: '#/components/schemas/PinnedFactBox' }] },
      NewCorrection: strip(s.NewCorrection),
      NewTakedown: strip(s.NewTakedown),
      NewReport: strip(s.NewReport),
      ReportUpdate: strip(s.ReportUpdate),
      ReportAccepted: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
      Report: report,
      Reports: {
        type: 'object',
        required: ['slug', 'status', 'items', 'next'],
        properties: {
          slug: { type: 'string' },
          status: { enum: [...REPORT_STATUSES] },
          items: { type: 'array', items: report },
          next: { type: ['string', 'null'], description: 'Cursor of the next page, or null' },
        },
      },
      Takedown: {
        type: 'object',
        required: ['slug', 'removedAt', 'reason', 'note'],
        properties: {
          slug: { type: 'string' },
          removedAt: { type: 'string', format: 'date-time' },
          reason: { type: 'string' },
          note: { type: 'string' },
        },
      },
      List: {
        type: 'object',
        required: ['items', 'next'],
        properties: {
          items: { type: 'array', items: item },
          next: { type: ['string', 'null'], description: 'Cursor of the next page, or null' },
        },
      },
      Batch: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              required: ['slug'],
              properties: {
                slug: { type: 'string' },
                etag: { type: 'string', description: 'The ETag GET /v1/factboxes/{slug} gives' },
                box: { $ref: '#/components/schemas/FactBox' },
                error: { type: 'object', description: 'Why this box is not here: its own URL would answer this error' },
              },
            },
          },
        },
      },
      ListOrBatch: { oneOf: [{ $ref: '#/components/schemas/List' }, { $ref: '#/components/schemas/Batch' }] },
      Revisions: {
        type: 'object',
        properties: {
          slug: { type: 'string' },
          revisions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                revision: { type: 'integer' },
                updatedAt: { type: 'string' },
                author: { type: 'string' },
                state: { enum: ['live', 'archived'] },
              },
            },
          },
          next: { type: ['integer', 'null'], description: 'Pass as ?after= for the next page, or null' },
        },
      },
      Health: { type: 'object', properties: { ok: { const: true } } },
      OEmbed: {
        type: 'object',
        properties: {
          type: { const: 'rich' },
          version: { const: '1.0' },
          html: { type: 'string' },
          width: { type: 'integer' },
          height: { type: 'integer' },
          title: { type: 'string' },
        },
      },
      EmbedManifest: {
        type: 'object',
        properties: { src: { type: 'string' }, integrity: { type: 'string' }, crossorigin: { const: 'anonymous' } },
      },
      Labels: { type: 'object', additionalProperties: { type: 'string' } },
      Error: {
        type: 'object',
        required: ['error'],
        example: errorBody('not_found', 'No fact box "x".'),
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              problems: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['path', 'message'],
                  properties: { path: { type: 'string', description: 'JSON Pointer' }, message: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from FACTBOX_TOKENS' } },
  };
}

function content(kind: string | undefined) {
  if (!kind) return undefined;
  if (kind.includes('/')) return { [kind]: { schema: { type: 'string' } } };
  return { 'application/json': { schema: { $ref: `#/components/schemas/${kind}` } } };
}

function operation(path: string, method: string, op: Operation) {
  const params = [...path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  return {
    operationId: `${method}${path.replace(/[/:.](\w)/g, (_, c: string) => c.toUpperCase()).replace(/\W/g, '')}`,
    summary: op.summary,
    ...(op.auth ? { security: [{ bearer: [] }] } : {}),
    parameters: [
      ...params,
      ...(op.query ?? []).map((q) => ({ name: q.name, in: 'query', required: !!q.required, description: q.description, schema: q.schema })),
      ...(op.headers ?? []).map((h) => ({
        name: h.name,
        in: 'header',
        required: !!h.required,
        description: h.description,
        schema: { type: 'string' },
      })),
    ],
    ...(op.body ? { requestBody: { required: true, content: content(op.body) } } : {}),
    responses: Object.fromEntries(
      Object.entries(op.responses).map(([status, [description, kind]]) => {
        const body = Number(status) >= 400 ? content('Error') : content(kind);
        return [status, { description, ...(body ? { content: body } : {}) }];
      }),
    ),
  };
}

export function openApiDocument(origin: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Factbox',
      version: '1.0.0',
      description: 'Fact boxes for news stories: public reads (CORS-open, cached at the edge) and an authenticated authoring API.',
    },
    servers: [{ url: origin }],
    paths: Object.fromEntries(
      Object.entries(ROUTES).map(([path, ops]) => [
        path.replace(/:(\w+)/g, '{$1}'),
        Object.fromEntries(Object.entries(ops).map(([m, op]) => [m, operation(path, m, op)])),
      ]),
    ),
    components: components(),
  };
}

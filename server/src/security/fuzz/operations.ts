import type { RouteOptions } from 'fastify';

/** A JSON Schema as @fastify/swagger renders the zod contracts (the parts the fuzzer reads). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  minItems?: number;
  minimum?: number;
}

interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: JsonSchema }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** Where a fuzzed string goes in the request. */
export type Place = 'path' | 'query' | 'body' | 'multipart file name' | 'Upload-Metadata filename';

export interface Field {
  place: Place;
  /** The parameter name, or the path to a string inside the body («poll.options.0»). */
  path: Array<string | number>;
  /** For a body that is one of several shapes (kind: class | group …): which one. */
  variant?: number;
}

/** One method of one route, with every place a person's text can reach. */
export interface Operation {
  method: string;
  url: string;
  pathParams: string[];
  query: Array<{ name: string; required: boolean; schema: JsonSchema }>;
  body: JsonSchema | null;
  fields: Field[];
}

/**
 * Inputs no schema describes: tus takes the file's name base64-encoded in a header. Checked to exist,
 * so a moved route fails the test instead of losing its case.
 */
export const headerInputs: Record<string, Place> = { 'POST /api/uploads': 'Upload-Metadata filename' };

const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

/** Every string leaf of a schema: objects' properties, array items (as index 0), each shape of a oneOf. */
function stringLeaves(schema: JsonSchema, path: Array<string | number> = []): Array<Array<string | number>> {
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) {
    if (variants.every((v) => v.type === 'string')) return [path];
    return stringLeaves(variants[0] as JsonSchema, path);
  }
  if (schema.type === 'object' || schema.properties) {
    return Object.entries(schema.properties ?? {}).flatMap(([key, sub]) => stringLeaves(sub, [...path, key]));
  }
  if (schema.type === 'array' && schema.items) return stringLeaves(schema.items, [...path, 0]);
  return schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string')) ? [path] : [];
}

/**
 * The operations of the app as it was built: every route Fastify added (each method of it; the HEAD
 * twin of a GET is the GET), with its inputs read from the OpenAPI document the zod contracts produce.
 * Throws when a route validates a body or query that the document does not show, since its fields
 * would then go unfuzzed.
 */
export function operationsOf(routes: RouteOptions[], doc: OpenApiDocument): Operation[] {
  const seen = new Set<string>();
  const ops: Operation[] = [];
  const gets = new Set(routes.flatMap((r) => ([r.method].flat().includes('GET') ? [r.url] : [])));
  for (const route of routes) {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' && gets.has(route.url) && [route.method].flat().length === 1) continue;
      const key = `${method} ${route.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const api = doc.paths[toOpenApiPath(route.url)]?.[method.toLowerCase()];
      const schema = (route.schema ?? {}) as { body?: unknown; querystring?: unknown; consumes?: string[]; hide?: boolean };
      if ((schema.body || schema.querystring) && !schema.hide && !api) throw new Error(`${key} validates input the OpenAPI document does not show`);
      const pathParams = [...route.url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
      const query = (api?.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} }));
      const body = api?.requestBody?.content['application/json']?.schema ?? null;
      if (schema.body && !body) throw new Error(`${key} has a body schema the OpenAPI document does not show`);
      const fields: Field[] = [
        ...pathParams.map((name) => ({ place: 'path' as const, path: [name] })),
        ...query.map((q) => ({ place: 'query' as const, path: [q.name] })),
      ];
      if (body) {
        const shapes = body.oneOf ?? [body];
        shapes.forEach((shape, variant) => {
          for (const path of stringLeaves(shape)) fields.push({ place: 'body', path, ...(body.oneOf ? { variant } : {}) });
        });
      }
      if (schema.consumes?.includes('multipart/form-data')) fields.push({ place: 'multipart file name', path: ['filename'] });
      const header = headerInputs[key];
      if (header) fields.push({ place: header, path: ['filename'] });
      ops.push({ method, url: route.url, pathParams, query, body, fields });
    }
  }
  for (const key of Object.keys(headerInputs)) {
    if (!seen.has(key)) throw new Error(`headerInputs names ${key}, which the app no longer has`);
  }
  return ops;
}

/** A field's name as the log shows it. */
export function fieldName(f: Field): string {
  return `${f.place} ${f.path.join('.')}${f.variant === undefined ? '' : ` (shape ${f.variant + 1})`}`;
}

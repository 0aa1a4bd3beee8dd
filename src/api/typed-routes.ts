import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyPluginOptions,
  FastifyTypeProvider,
  RawServerDefault,
} from 'fastify';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { SHARED_SCHEMAS } from './schemas/shared';

/**
 * Adds a capability's routes. It runs in the authenticated context: every route it adds needs a token,
 * and can use requireRole/assertAreaInScope. It registers its route plugins under their prefixes
 * (/api/v1/...; see mountedAt), their paths relative to it.
 */
export type RouteRegistrar = (app: FastifyInstance) => Promise<void>;

/** `$ref: 'Area#'` and the like resolve to the shared schemas fastify knows by the same $id. */
type References = [...typeof SHARED_SCHEMAS];

/**
 * A reply may carry a Date where its schema says date-time (the serializer writes it as an ISO string) and
 * bytes where it says binary (sent as they are). Requests never do: validated input is what the client sent.
 */
type ReplyValues = [
  { pattern: { type: 'string'; format: 'date-time' }; output: Date | string },
  { pattern: { type: readonly ['string', 'null']; format: 'date-time' }; output: Date | string | null },
  { pattern: { type: 'string'; format: 'binary' }; output: Buffer },
];

/**
 * A reply object without its open index signature: json-schema-to-ts reads a schema without
 * `additionalProperties` as open (`[x: string]: unknown`), which no interface satisfies; the serializer
 * drops the extra properties anyway.
 */
type Closed<T> = T extends Date | Buffer
  ? T
  : T extends readonly (infer Item)[]
    ? Closed<Item>[]
    : T extends object
      ? { [K in keyof T as string extends K ? never : K]: Closed<T[K]> }
      : T;

/** What a request schema admits once validated, defaults applied. */
type Validated<Schema extends JSONSchema> = FromSchema<Schema, { references: References }>;

/**
 * Request and reply types derived from each route's JSON schemas by json-schema-to-ts: what
 * @fastify/type-provider-json-schema-to-ts does, with replies closed (see Closed).
 */
export interface ApiTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends JSONSchema ? Validated<this['schema']> : unknown;
  serializer: this['schema'] extends JSONSchema
    ? Closed<FromSchema<this['schema'], { references: References; deserialize: ReplyValues }>>
    : unknown;
}

/** A plugin of routes whose handlers are typed by their schemas. */
export type ApiRoutes<Options extends FastifyPluginOptions = Record<never, never>> = FastifyPluginAsync<
  Options,
  RawServerDefault,
  ApiTypeProvider
>;

/**
 * Routes with paths relative to `prefix`, as a capability's registrar. A route at '' answers at the
 * prefix itself, and only there ('/' would add a twin with a trailing slash).
 */
export function mountedAt(prefix: string, routes: ApiRoutes): RouteRegistrar {
  return async (app) => {
    await app.register(routes, { prefix });
  };
}

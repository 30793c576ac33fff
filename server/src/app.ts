import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppDeps } from './deps.js';
import { installRequestContext } from './http/context.js';
import { installErrorHandler, sendError } from './http/errorHandler.js';
import { installOriginCheck } from './http/originCheck.js';
import { installRateLimits } from './http/rateLimit.js';
import { installTextHygiene } from './http/textHygiene.js';
import { registerModules } from './modules/index.js';
import { registerRealtime } from './realtime/route.js';

export async function buildApp(deps: AppDeps, opts: { logger?: boolean | object } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? { level: deps.config.logLevel },
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  // Before every route, the API docs' too: one error shape; a flood refused before anything else is done; who is asking.
  installErrorHandler(app);
  await installRateLimits(app, deps);
  installRequestContext(app, deps);
  await app.register(swagger, {
    openapi: { info: { title: 'Parta API', version: '0.1.0', description: 'School communication platform' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installOriginCheck(app, deps.config.publicUrl);
  installTextHygiene(app);
  // Before the modules: the socket route needs the WebSocket plugin's hooks, and the actor from the context.
  await registerRealtime(app, deps);

  app.get('/api/health', async () => ({ ok: true }));
  await app.register(async (api) => registerModules(api.withTypeProvider<ZodTypeProvider>(), deps), { prefix: '/api' });

  await serveWebApp(app, deps.config.webDist);
  return app;
}

/** Serves the built SPA; unknown non-API paths get index.html so client routes work on reload. */
async function serveWebApp(app: FastifyInstance, webDist: string) {
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return sendError(reply, req, 404, 'not_found');
  });
}

import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import {
  jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppDeps } from './deps.js';
import { installRequestContext } from './http/context.js';
import { frameworkError, installErrorHandler } from './http/errorHandler.js';
import { installOriginCheck } from './http/originCheck.js';
import { installCspReports, installSecurityHeaders } from './http/securityHeaders.js';
import { httpTimeoutOptions, installBodyDeadline } from './http/slowRequests.js';
import { installRateLimits } from './http/rateLimit.js';
import { installTextHygiene } from './http/textHygiene.js';
import { serveWebApp } from './http/webApp.js';
import { registerModules } from './modules/index.js';
import { loggerOptions } from './observability/prettyLog.js';
import { installObservability } from './observability/routes.js';
import { registerRealtime } from './realtime/route.js';

export interface BuildOptions {
  logger?: boolean | object;
  /** Sees every route as it is added (the fuzz test of every endpoint counts them, so none is left out unseen). */
  onRoute?: (route: RouteOptions) => void;
}

export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(deps.config),
    // One proxy hop: the client's address is the one our proxy appended to X-Forwarded-For, never one the client wrote
    // in front of it (`true` would take the leftmost, which anyone can set).
    trustProxy: deps.config.trustProxy ? (_address: string, hop: number) => hop < 1 : false,
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkError,
    ...httpTimeoutOptions(deps.config.http),
  });
  const { onRoute } = opts;
  if (onRoute) app.addHook('onRoute', (route) => onRoute(route));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  // First: every answer, including Swagger UI's, 404s and errors, carries the headers.
  await installSecurityHeaders(app, deps.config.publicUrl);
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
  installBodyDeadline(app, deps.config.http.bodyTimeoutMs);
  installTextHygiene(app);
  // Before the modules: the socket route needs the WebSocket plugin's hooks, and the actor from the context.
  await registerRealtime(app, deps);

  installObservability(app, deps);
  installCspReports(app);
  await app.register(async (api) => registerModules(api.withTypeProvider<ZodTypeProvider>(), deps), { prefix: '/api' });

  await serveWebApp(app, deps.config.webDist);
  return app;
}

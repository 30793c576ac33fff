import {
  createOperatorRequest, loadDemoResponse, meResponse, sendCodeResponse, setupCodeRequest, setupStatusResponse,
  setupVerifyRequest, verifyCodeResponse,
} from '@parta/contracts';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.js';
import { clientIp, deviceId, setSessionCookie } from '../../http/context.js';
import type { ApiInstance } from '../../http/types.js';
import type { AuthDeps } from '../auth/otp.js';
import { createOperator } from './createOperator.js';
import { getSetupStatus } from './getSetupStatus.js';
import { loadDemoSchool } from './loadDemoSchool.js';
import { isLocalRequest } from './policy.js';
import { sendSetupCode, verifySetupCode } from './setupCode.js';

/** The first run of a fresh installation: the operator's account, or the demo school. */
export async function registerSetupRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const tags = ['setup'];
  const local = (req: FastifyRequest) =>
    isLocalRequest({ socketAddress: req.socket.remoteAddress, headers: req.headers, trustProxy: deps.config.trustProxy });
  const auth = (req: FastifyRequest): AuthDeps => ({
    db: deps.db,
    clock: deps.clock,
    secret: deps.secret,
    sms: deps.sms,
    smsPerIpPerHour: deps.config.smsPerIpPerHour,
    events: deps.events,
    log: req.log,
  });

  api.get('/setup', { schema: { tags, response: { 200: setupStatusResponse } } }, async (req) => ({
    data: await getSetupStatus(deps, local(req)),
  }));

  api.post('/setup/code', { schema: { tags, body: setupCodeRequest, response: { 200: sendCodeResponse } } }, (req, reply) =>
    sendSetupCode(auth(req), local(req), { phone: req.body.phone, ip: clientIp(req), deviceId: deviceId(req, reply, deps) }),
  );

  api.post('/setup/verify', { schema: { tags, body: setupVerifyRequest, response: { 200: verifyCodeResponse } } }, (req, reply) =>
    verifySetupCode(auth(req), local(req), { ...req.body, ip: clientIp(req), deviceId: deviceId(req, reply, deps) }),
  );

  api.post('/setup/operator', { schema: { tags, body: createOperatorRequest, response: { 200: meResponse } } }, async (req, reply) => {
    const result = await createOperator(auth(req), local(req), {
      ...req.body,
      deviceId: deviceId(req, reply, deps),
      userAgent: req.headers['user-agent'],
    });
    setSessionCookie(reply, deps, result.sessionToken);
    return { data: result.me };
  });

  api.post('/setup/demo', { schema: { tags, response: { 200: loadDemoResponse } } }, async (req) => ({
    data: await loadDemoSchool(deps, local(req), req.log),
  }));
}

import {
  type Me,
  identifyRequest, identifyResponse, meResponse, okResponse, resetPasswordRequest, sendCodeRequest,
  sendCodeResponse, signInRequest, signUpRequest, updateProfileRequest, verifyCodeRequest, verifyCodeResponse,
} from '@parta/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.js';
import { clearSessionCookie, clientIp, deviceId, setSessionCookie } from '../../http/context.js';
import type { ApiInstance } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { getMe } from './getMe.js';
import { identifyPhone } from './identifyPhone.js';
import type { AuthDeps } from './otp.js';
import { resetPassword } from './resetPassword.js';
import { sendCode } from './sendCode.js';
import { SESSION_COOKIE } from './sessions.js';
import { signIn } from './signIn.js';
import { signOut } from './signOut.js';
import { signUp } from './signUp.js';
import { updateProfile } from './updateProfile.js';
import { verifyCode } from './verifyCode.js';

function signedIn(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated');
  return req.actor;
}

/** ACC-1..4, ACC-6: the /auth/* steps of «Войти или создать аккаунт» and the /me profile. */
export async function registerAuthRoutes(api: ApiInstance, deps: AppDeps): Promise<void> {
  const auth = (req: FastifyRequest): AuthDeps => ({
    db: deps.db,
    clock: deps.clock,
    secret: deps.secret,
    sms: deps.sms,
    smsPerIpPerHour: deps.config.smsPerIpPerHour,
    smsPerPhone: deps.config.smsPerPhone,
    events: deps.events,
    log: req.log,
  });
  const tags = ['auth'];

  api.post('/auth/identify', { schema: { tags, body: identifyRequest, response: { 200: identifyResponse } } }, (req, reply) =>
    identifyPhone(auth(req), { phone: req.body.phone, deviceId: deviceId(req, reply, deps), ip: clientIp(req) }),
  );

  api.post('/auth/code', { schema: { tags, body: sendCodeRequest, response: { 200: sendCodeResponse } } }, (req, reply) =>
    sendCode(auth(req), { ...req.body, ip: clientIp(req), deviceId: deviceId(req, reply, deps) }),
  );

  api.post('/auth/verify', { schema: { tags, body: verifyCodeRequest, response: { 200: verifyCodeResponse } } }, (req, reply) =>
    verifyCode(auth(req), { ...req.body, ip: clientIp(req), deviceId: deviceId(req, reply, deps) }),
  );

  /** What every step that ends signed in needs to know about this browser. */
  const browser = (req: FastifyRequest, reply: FastifyReply) => ({
    deviceId: deviceId(req, reply, deps),
    userAgent: req.headers['user-agent'],
    previousSessionToken: req.cookies[SESSION_COOKIE],
  });
  /** Sign-up, sign-in and reset all end the same way: a session cookie and the person. */
  const signedInAnswer = (reply: FastifyReply, result: { me: Me; sessionToken: string }) => {
    setSessionCookie(reply, deps, result.sessionToken);
    return { data: result.me };
  };

  api.post('/auth/signup', { schema: { tags, body: signUpRequest, response: { 200: meResponse } } }, async (req, reply) =>
    signedInAnswer(reply, await signUp(auth(req), { ...req.body, ...browser(req, reply) })),
  );

  api.post('/auth/signin', { schema: { tags, body: signInRequest, response: { 200: meResponse } } }, async (req, reply) =>
    signedInAnswer(reply, await signIn(auth(req), { ...req.body, ...browser(req, reply), ip: clientIp(req) })),
  );

  api.post('/auth/reset', { schema: { tags, body: resetPasswordRequest, response: { 200: meResponse } } }, async (req, reply) =>
    signedInAnswer(reply, await resetPassword(auth(req), { ...req.body, ...browser(req, reply) })),
  );

  api.post('/auth/signout', { schema: { tags, response: { 200: okResponse } } }, async (req, reply) => {
    signedIn(req);
    const token = req.cookies[SESSION_COOKIE];
    if (token) await signOut(auth(req), token);
    clearSessionCookie(reply, deps);
    return { ok: true as const };
  });

  api.get('/me', { schema: { tags, response: { 200: meResponse } } }, async (req) => ({
    data: await getMe(deps.db, signedIn(req)),
  }));

  api.patch('/me', { schema: { tags, body: updateProfileRequest, response: { 200: meResponse } } }, async (req) => ({
    data: await updateProfile(deps, signedIn(req), req.body),
  }));
}

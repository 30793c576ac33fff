import { AppError, notFound } from '../../lib/errors.js';
import { isLoopbackAddress, isLoopbackHost } from '../../lib/loopback.js';

/** What of a request decides whether it comes from the server's own machine. */
export interface RequestOrigin {
  /** The TCP peer, from the socket itself: never a header. */
  socketAddress: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** TRUST_PROXY=1: a proxy stands in front, so every request reaches us from it. */
  trustProxy: boolean;
}

/** Headers a reverse proxy adds: a request that carries one came through a proxy, whatever its socket says. */
const PROXY_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded', 'x-forwarded-host', 'x-forwarded-proto', 'via'];

/**
 * Whether a request may set the server up: it comes from a browser on the server's machine. Three things must
 * hold, each against a way a stranger could pass for local:
 * - the socket's peer is loopback (X-Forwarded-For is whatever the client wrote);
 * - no proxy stands between: with TRUST_PROXY=1 every request arrives from the proxy, so none counts as local,
 *   and a request with a proxy's headers came through one (nginx on the same machine without TRUST_PROXY);
 * - the Host header is a loopback name, so a page on another site whose name resolves to 127.0.0.1 (DNS
 *   rebinding) cannot drive the browser of someone at the server.
 */
export function isLocalRequest(origin: RequestOrigin): boolean {
  if (origin.trustProxy) return false;
  if (!isLoopbackAddress(origin.socketAddress)) return false;
  if (PROXY_HEADERS.some((name) => origin.headers[name] !== undefined)) return false;
  return isLoopbackHost(origin.headers.host);
}

/** Where the installation stands. */
export interface SetupState {
  operatorExists: boolean;
  local: boolean;
}

/**
 * Every setup step: once an operator exists the setup endpoints are gone (404, as for any unknown address), and
 * before that they answer only a browser on the server's machine.
 */
export function authorizeSetup(state: SetupState): void {
  if (state.operatorExists) throw notFound();
  if (!state.local) throw new AppError('setup_local_only');
}

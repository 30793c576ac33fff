import { createHmac } from 'node:crypto';

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface TurnConfig {
  /** turn:/turns: URLs of the TURN server(s) (coturn), e.g. turn:turn.school.ru:3478?transport=udp. */
  urls: string[];
  /** coturn's `static-auth-secret` (`use-auth-secret` mode). */
  secret: string;
  /** How long a credential stays valid, in seconds. */
  ttlSeconds: number;
}

/**
 * Time-limited TURN credentials in coturn's `use-auth-secret` scheme (the "TURN REST API"): the user name is
 * `<expiry unix time>:<user id>` and the password is base64(HMAC-SHA1(secret, user name)). coturn checks both
 * without asking us, and a leaked pair stops working when it expires.
 */
export function turnCredentials(turn: TurnConfig, userId: string, now: Date): IceServer {
  const expiry = Math.floor(now.getTime() / 1000) + turn.ttlSeconds;
  const username = `${expiry}:${userId}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return { urls: turn.urls, username, credential };
}

/** What a browser's RTCPeerConnection gets: STUN if configured, TURN with fresh credentials if configured. */
export function iceServersFor(media: { stunUrls: string[]; turn: TurnConfig | null }, userId: string, now: Date): IceServer[] {
  const servers: IceServer[] = [];
  if (media.stunUrls.length > 0) servers.push({ urls: media.stunUrls });
  if (media.turn) servers.push(turnCredentials(media.turn, userId, now));
  return servers;
}

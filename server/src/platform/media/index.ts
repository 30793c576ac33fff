import type { Config } from '../../config.js';
import type { MediaServer } from './mediaServer.js';
import { defaultMediaIp, WeriftMediaServer } from './werift/weriftMediaServer.js';

/** The SFU the configuration names. Janus (MEDIA_SFU=janus, JANUS_URL) comes next; until then werift serves. */
export function createMediaServer(config: Config): MediaServer {
  if (config.media.sfu === 'janus') throw new Error('MEDIA_SFU=janus is not available yet: use the embedded werift SFU');
  return new WeriftMediaServer({ ip: config.media.ip ?? defaultMediaIp(), ports: config.media.ports });
}

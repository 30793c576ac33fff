import type { Config } from '../../config.js';
import { JanusMediaServer } from './janus/janusMediaServer.js';
import type { MediaServer } from './mediaServer.js';
import { defaultMediaIp, WeriftMediaServer } from './werift/weriftMediaServer.js';

/** The SFU the configuration names: Janus (MEDIA_SFU=janus, JANUS_URL) or the embedded werift. */
export function createMediaServer(config: Config): MediaServer {
  if (config.media.sfu === 'janus') return new JanusMediaServer(config.media.janusUrls);
  return new WeriftMediaServer({ ip: config.media.ip ?? defaultMediaIp(), ports: config.media.ports });
}

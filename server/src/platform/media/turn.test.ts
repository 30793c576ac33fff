import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { iceServersFor, turnCredentials } from './turn.js';

describe('TURN credentials (coturn use-auth-secret)', () => {
  it('user name is expiry:user, password is base64 HMAC-SHA1 of it with the shared secret', () => {
    const now = new Date('2026-09-01T08:00:00Z');
    const c = turnCredentials({ urls: ['turn:t.example:3478'], secret: 's3cret-s3cret-s3cret', ttlSeconds: 3600 }, 'u1', now);
    expect(c.username).toBe(`${now.getTime() / 1000 + 3600}:u1`);
    expect(c.credential).toBe(createHmac('sha1', 's3cret-s3cret-s3cret').update(c.username ?? '').digest('base64'));
  });

  it('config: TURN only with both URL and secret; no STUN or TURN servers by default', () => {
    expect(() => loadConfig({ TURN_URL: 'turn:t.example' })).toThrow(/TURN_URL and TURN_SECRET/);
    const plain = loadConfig({});
    expect(iceServersFor(plain.media, 'u1', new Date())).toEqual([]);
    const both = loadConfig({ TURN_URL: 'turn:a.example, turns:b.example:5349', TURN_SECRET: 'x'.repeat(16), STUN_URL: 'stun:a.example' });
    const servers = iceServersFor(both.media, 'u1', new Date());
    expect(servers[0]).toEqual({ urls: ['stun:a.example'] });
    expect(servers[1]?.urls).toEqual(['turn:a.example', 'turns:b.example:5349']);
    expect(() => loadConfig({ MEDIA_PORTS: '5000-4000' })).toThrow(/MEDIA_PORTS/);
  });
});

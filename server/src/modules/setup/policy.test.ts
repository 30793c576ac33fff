import { describe, expect, it } from 'vitest';
import { isLocalRequest } from './policy.js';

const at = (socketAddress: string | undefined, headers: Record<string, string> = {}, trustProxy = false) =>
  isLocalRequest({ socketAddress, headers: { host: 'localhost:3000', ...headers }, trustProxy });

describe('who counts as the server’s own machine', () => {
  it('a browser on the machine: loopback socket, loopback Host', () => {
    expect(at('127.0.0.1')).toBe(true);
    expect(at('::1')).toBe(true);
    expect(at('::ffff:127.0.0.1')).toBe(true);
    expect(at('127.0.0.1', { host: '127.0.0.1:3000' })).toBe(true);
    expect(at('::1', { host: '[::1]:3000' })).toBe(true);
    expect(at('127.0.0.1', { host: 'parta.localhost' })).toBe(true);
  });

  it('not a browser elsewhere, whatever it writes in X-Forwarded-For', () => {
    expect(at('203.0.113.7')).toBe(false);
    expect(at('192.168.1.20', { 'x-forwarded-for': '127.0.0.1' })).toBe(false);
    expect(at('10.0.0.5', { 'x-real-ip': '127.0.0.1' })).toBe(false);
    expect(at('::ffff:10.0.0.5')).toBe(false);
    expect(at(undefined)).toBe(false);
  });

  it('not a request through a proxy on the same machine (nginx without TRUST_PROXY): it carries the proxy’s headers', () => {
    expect(at('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' })).toBe(false);
    expect(at('127.0.0.1', { 'x-forwarded-for': '127.0.0.1' })).toBe(false);
    expect(at('127.0.0.1', { forwarded: 'for=203.0.113.7' })).toBe(false);
    expect(at('127.0.0.1', { 'x-real-ip': '203.0.113.7' })).toBe(false);
    expect(at('127.0.0.1', { via: '1.1 nginx' })).toBe(false);
  });

  it('nothing at all with TRUST_PROXY=1: every request comes from the proxy', () => {
    expect(at('127.0.0.1', {}, true)).toBe(false);
    expect(at('127.0.0.1', { 'x-forwarded-for': '127.0.0.1' }, true)).toBe(false);
  });

  it('not a page of another site whose name resolves to 127.0.0.1 (DNS rebinding): its Host is not a loopback name', () => {
    expect(at('127.0.0.1', { host: 'rebind.evil.example:3000' })).toBe(false);
    expect(at('127.0.0.1', { host: 'parta.school.ru' })).toBe(false);
    expect(at('127.0.0.1', { host: 'localhost.evil.example' })).toBe(false);
    expect(isLocalRequest({ socketAddress: '127.0.0.1', headers: {}, trustProxy: false })).toBe(false);
  });
});

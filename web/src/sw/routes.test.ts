import { describe, expect, it } from 'vitest';
import { keepable, routeOf, unreachable } from './routes';

const origin = 'https://school.example';
const precached = new Set(['/assets/index-abc.js', '/icons/icon-192.png']);
const get = (path: string, mode = 'cors') => ({ method: 'GET', url: `${origin}${path}`, mode });

describe('which requests the service worker answers', () => {
  it('pages of the app are navigations (network first, the shell offline); /api pages are not', () => {
    expect(routeOf(get('/chats/1', 'navigate'), origin, precached)).toBe('navigation');
    expect(routeOf(get('/', 'navigate'), origin, precached)).toBe('navigation');
    expect(routeOf(get('/api/files/1', 'navigate'), origin, precached)).toBeNull();
    expect(routeOf(get('/api/docs', 'navigate'), origin, precached)).toBeNull();
  });

  it('JSON the app shows is kept; files, uploads, the health probe and reports pass by', () => {
    for (const path of ['/api/me', '/api/chats', '/api/chats/1/messages?beforeSeq=40', '/api/schools/2/news?feed=channel']) {
      expect(routeOf(get(path), origin, precached), path).toBe('api');
    }
    for (const path of ['/api/files/1', '/api/files/1/preview', '/api/uploads/2', '/api/health', '/api/docs/json', '/api/csp-report']) {
      expect(routeOf(get(path), origin, precached), path).toBeNull();
    }
  });

  it('only GET, only our origin', () => {
    expect(routeOf({ method: 'POST', url: `${origin}/api/chats`, mode: 'cors' }, origin, precached)).toBeNull();
    expect(routeOf({ method: 'GET', url: 'https://other.example/api/me', mode: 'cors' }, origin, precached)).toBeNull();
    expect(routeOf({ method: 'GET', url: 'https://other.example/', mode: 'navigate' }, origin, precached)).toBeNull();
  });

  it("this build's files from the cache; another build's (or a query) from the network", () => {
    expect(routeOf(get('/assets/index-abc.js'), origin, precached)).toBe('precached');
    expect(routeOf(get('/icons/icon-192.png'), origin, precached)).toBe('precached');
    expect(routeOf(get('/assets/index-new.js'), origin, precached)).toBeNull();
    expect(routeOf(get('/assets/index-abc.js?v=2'), origin, precached)).toBeNull();
  });
});

describe('which answers are kept', () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  it('a 200 of JSON', () => {
    expect(keepable(200, headers({ 'content-type': 'application/json; charset=utf-8' }))).toBe(true);
    expect(keepable(200, headers({ 'content-type': 'application/problem+json' }))).toBe(true);
  });
  it('never errors, never other types, never what says no-store', () => {
    expect(keepable(404, headers({ 'content-type': 'application/json' }))).toBe(false);
    expect(keepable(401, headers({ 'content-type': 'application/json' }))).toBe(false);
    expect(keepable(200, headers({ 'content-type': 'text/html' }))).toBe(false);
    expect(keepable(200, headers({ 'content-type': 'application/json', 'cache-control': 'private, no-store' }))).toBe(false);
  });
  it('a gateway answering for a server that is down counts as no answer', () => {
    expect(unreachable(502)).toBe(true);
    expect(unreachable(504)).toBe(true);
    expect(unreachable(503)).toBe(false);
    expect(unreachable(500)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { appPath, parsePushPayload } from './protocol';

describe('a notification leads only into the app', () => {
  it('keeps app paths', () => {
    expect(appPath('/chats/7f1c')).toBe('/chats/7f1c');
    expect(appPath('/news/1?comment=2#c2')).toBe('/news/1?comment=2#c2');
  });
  it('turns anything else into /', () => {
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'chats/1', '', 42, null, undefined]) {
      expect(appPath(bad), String(bad)).toBe('/');
    }
  });
});

describe('the push payload', () => {
  it('reads the JSON the push module sends', () => {
    expect(parsePushPayload(JSON.stringify({ title: 'Ирина Кузнецова', body: 'Привет', url: '/chats/1', tag: 'chat:1' }))).toEqual({
      title: 'Ирина Кузнецова',
      body: 'Привет',
      url: '/chats/1',
      tag: 'chat:1',
    });
    expect(parsePushPayload(JSON.stringify({ title: 'Новость', body: '', url: '/news/5' }))).toEqual({ title: 'Новость', body: '', url: '/news/5' });
  });
  it('refuses what is not it, and never lets a url out of the app', () => {
    expect(parsePushPayload(null)).toBeNull();
    expect(parsePushPayload('not json')).toBeNull();
    expect(parsePushPayload('[]')).toBeNull();
    expect(parsePushPayload(JSON.stringify({ title: '', body: 'x', url: '/' }))).toBeNull();
    expect(parsePushPayload(JSON.stringify({ title: 'x', url: '/' }))).toBeNull();
    expect(parsePushPayload(JSON.stringify({ title: 'x', body: 'y', url: 'https://evil.example' }))?.url).toBe('/');
  });
  it('cuts what is too long for a notification', () => {
    const p = parsePushPayload(JSON.stringify({ title: 'т'.repeat(500), body: 'б'.repeat(5000), url: '/' }));
    expect(p?.title).toHaveLength(200);
    expect(p?.body).toHaveLength(1000);
  });
});

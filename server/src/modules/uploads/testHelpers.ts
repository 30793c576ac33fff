/** A tus client in a few lines, over real HTTP to a listening test app: what tus-js-client sends. */
export function tusClient(base: string, cookie: string) {
  const headers = (extra: Record<string, string> = {}) => ({ 'Tus-Resumable': '1.0.0', cookie, ...extra });
  const meta = (m: Record<string, string>) =>
    Object.entries(m)
      .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
      .join(',');
  return {
    create: (length: number, metadata: Record<string, string>, extra: Record<string, string> = {}) =>
      fetch(`${base}/api/uploads`, { method: 'POST', headers: headers({ 'Upload-Length': String(length), 'Upload-Metadata': meta(metadata), ...extra }) }),
    head: (location: string) => fetch(`${base}${location}`, { method: 'HEAD', headers: headers() }),
    patch: (location: string, offset: number, body: Buffer, extra: Record<string, string> = {}) =>
      fetch(`${base}${location}`, {
        method: 'PATCH',
        headers: headers({ 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream', ...extra }),
        body: new Uint8Array(body),
      }),
    del: (location: string) => fetch(`${base}${location}`, { method: 'DELETE', headers: headers() }),
  };
}

import { describe, expect, it } from 'vitest';
import { EMPTY_SHA256, sha256Hex, signatureParts, uriEncode } from './sigv4.js';

// The example «GET Object» from the AWS documentation (sig-v4-header-based-auth): every value below is theirs.
const creds = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 's3',
};

describe('AWS Signature V4', () => {
  it('signs the documentation example GET Object with Range exactly as AWS does', () => {
    const parts = signatureParts(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { range: 'bytes=0-9' },
        payloadHash: EMPTY_SHA256,
      },
      creds,
      new Date('2013-05-24T00:00:00Z'),
    );
    expect(sha256Hex(parts.canonicalRequest)).toBe('7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972');
    expect(parts.signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
    expect(parts.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('encodes reserved characters the SigV4 way and keeps slashes in paths', () => {
    expect(uriEncode("a b/c*(d)!'", true)).toBe('a%20b/c%2A%28d%29%21%27');
    expect(uriEncode('a/b', false)).toBe('a%2Fb');
  });
});

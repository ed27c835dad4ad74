import { FileId, Id } from '../../../shared/common/ids.schema';

describe('Id', () => {
  it.each<[string, unknown, boolean]>([
    ['accepts a CloudBase document id', '9a7b3c1d2e4f5a6b7c8d9e0f1a2b3c4d', true],
    ['accepts an openid', 'oABCD1234-efgh_5678ijklmnopqr', true],
    ['rejects a query operator object', { $gt: '' }, false],
    ['rejects an operator-like string', '$gt', false],
    ['rejects an empty string', '', false],
    ['rejects whitespace and dots', 'a b.c', false],
    ['rejects a 65-character id', 'a'.repeat(65), false],
  ])('%s', (_name, input, ok) => {
    expect(Id.safeParse(input).success).toBe(ok);
  });
});

describe('FileId', () => {
  it.each<[string, string, boolean]>([
    ['accepts a cloud file id', 'cloud://env-1a2b.656e-env-1a2b-1300/tickets/2026/abc.jpg', true],
    ['rejects a web url', 'https://example.com/a.jpg', false],
    ['rejects path traversal characters outside the safe set', 'cloud://env/a b.jpg', false],
  ])('%s', (_name, input, ok) => {
    expect(FileId.safeParse(input).success).toBe(ok);
  });
});

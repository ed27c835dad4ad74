import {
  CancelRequest,
  CreateFindingRequest,
  CreateReportRequest,
  RectifyRequest,
  VerifyRequest,
} from '../../../shared/tickets/ticket.requests.schema';

const photo = (n: number) => `cloud://env-1.656e/tickets/p${n}.jpg`;
const report = {
  requestId: '3f2b8a4e-9c1d-4e5f-8a7b-6c5d4e3f2a1b',
  sceneId: 'b1f2',
  categoryCode: 'hygiene',
  text: '  二楼走廊有垃圾  ',
};

describe('CreateReportRequest', () => {
  it('trims the text and defaults photos to none', () => {
    expect(CreateReportRequest.parse(report)).toEqual({ ...report, text: '二楼走廊有垃圾', photos: [] });
  });

  it.each<[string, object]>([
    ['an unknown key', { state: 'closed' }],
    ['text longer than 500 characters', { text: '脏'.repeat(501) }],
    ['blank text', { text: '   ' }],
    ['seven photos', { photos: [1, 2, 3, 4, 5, 6, 7].map(photo) }],
    ['a rating of 6', { rating: 6 }],
    ['a request id that is not a uuid', { requestId: 'abc' }],
    ['an operator object as scene id', { sceneId: { $gt: '' } }],
  ])('rejects %s', (_name, override) => {
    expect(CreateReportRequest.safeParse({ ...report, ...override }).success).toBe(false);
  });
});

describe('CreateFindingRequest', () => {
  it('defaults to a problem', () => {
    const finding = CreateFindingRequest.parse({ zoneId: 'z1', categoryCode: 'safety', severity: 'critical', description: '消防通道堵塞' });
    expect(finding.kind).toBe('problem');
  });
});

describe('action requests', () => {
  it.each<[string, { safeParse(x: unknown): { success: boolean } }, object, boolean]>([
    ['a rectification needs an after photo', RectifyRequest, { ticketId: 't1', afterPhotos: [], note: '已清理', cause: '漏扫' }, false],
    [
      'a rectification with one photo passes',
      RectifyRequest,
      { ticketId: 't1', afterPhotos: [photo(1)], note: '已清理', cause: '漏扫' },
      true,
    ],
    ['an approval needs no note', VerifyRequest, { ticketId: 't1', approve: true, rating: 5 }, true],
    ['a rejection needs a note', VerifyRequest, { ticketId: 't1', approve: false }, false],
    ['a rejection with a note passes', VerifyRequest, { ticketId: 't1', approve: false, note: '仍有垃圾' }, true],
    ['a cancellation reason is duplicate or invalid', CancelRequest, { ticketId: 't1', reason: 'boring', note: 'x' }, false],
    ['a ticket id cannot be an operator object', CancelRequest, { ticketId: { $ne: null }, reason: 'duplicate', note: 'x' }, false],
  ])('%s', (_name, schema, input, ok) => {
    expect(schema.safeParse(input).success).toBe(ok);
  });
});

import {
  createdReply,
  foreignFiles,
  HOUR,
  isJoinable,
  isOwnUpload,
  isUpload,
  joinEffect,
  joinTarget,
  MAX_FOLLOWERS,
  pathOfFileId,
  type ReportCandidate,
  rateWindow,
  replayOf,
} from '../../../shared/tickets';

const NOW = new Date('2026-11-23T04:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MIN = 60_000;

const ticket = (over: Partial<ReportCandidate> = {}): ReportCandidate => ({
  _id: 't1',
  no: 'XC-20261123-0001',
  requestId: 'r-created',
  joinedRequestIds: ['r-joined'],
  zoneId: 'z1',
  categoryCode: 'hygiene',
  kind: 'problem',
  state: 'assigned',
  createdAt: ago(10 * MIN),
  reporterOpenid: 'o-reporter',
  held: false,
  repeat: null,
  followers: [],
  ...over,
});

describe('rate limit over a rolling hour', () => {
  it.each<[string, number[], number, boolean, number]>([
    ['no earlier reports', [], 10, true, 1],
    ['nine in the hour: the tenth passes', Array(9).fill(5 * MIN), 10, true, 10],
    ['ten in the hour: the eleventh is refused', Array(10).fill(5 * MIN), 10, false, 10],
    ['ten, the oldest exactly an hour ago: it no longer counts', [HOUR, ...Array(9).fill(MIN)], 10, true, 10],
    ['ten, the oldest a millisecond inside the hour: refused', [HOUR - 1, ...Array(9).fill(MIN)], 10, false, 10],
    ['old entries are dropped from the stored window', [2 * HOUR, 3 * HOUR, MIN], 10, true, 2],
    ['a concurrent call’s time a little after now counts', [-5, ...Array(9).fill(MIN)], 10, false, 10],
    ['a limit of one', [30 * MIN], 1, false, 1],
  ])('%s', (_name, agesMs, limit, allowed, stored) => {
    const r = rateWindow(
      agesMs.map((a) => ago(a)),
      NOW,
      limit,
    );
    expect(r.allowed).toBe(allowed);
    expect(r.times).toHaveLength(stored);
    if (allowed) expect(r.times.at(-1)).toEqual(NOW);
  });
});

describe('join window', () => {
  it.each<[string, Partial<ReportCandidate>, boolean]>([
    ['an open problem created 10 minutes ago', {}, true],
    ['created exactly 30 minutes ago', { createdAt: ago(30 * MIN) }, true],
    ['created 30 minutes and 1 ms ago', { createdAt: ago(30 * MIN + 1) }, false],
    ['held for review', { held: true }, false],
    ['a positive example', { kind: 'positive' }, false],
    ...(['reported', 'assigned', 'accepted', 'paused', 'coordinating', 'rectified', 'rework'] as const).map(
      (state) => [`in ${state}`, { state }, true] as [string, Partial<ReportCandidate>, boolean],
    ),
    ...(['verified', 'closed', 'cancelled'] as const).map(
      (state) => [`in ${state}`, { state }, false] as [string, Partial<ReportCandidate>, boolean],
    ),
  ])('%s joins: %s', (_name, over, joinable) => {
    expect(isJoinable(ticket(over), NOW, 30)).toBe(joinable);
  });

  it('picks the first joinable ticket of the same zone and category only', () => {
    const recent = [
      ticket({ _id: 'other-zone', zoneId: 'z2' }),
      ticket({ _id: 'other-cat', categoryCode: 'safety' }),
      ticket({ _id: 'closed', state: 'closed' }),
      ticket({ _id: 'target' }),
    ];
    expect(joinTarget(recent, 'z1', 'hygiene', NOW, 30)?._id).toBe('target');
    expect(joinTarget(recent, 'z3', 'hygiene', NOW, 30)).toBeUndefined();
  });
});

describe('one join per person', () => {
  const full = Array.from({ length: MAX_FOLLOWERS }, (_, i) => `o-${i}`);
  it.each<[string, Partial<ReportCandidate>, string, 'add' | 'known' | 'full']>([
    ['a new follower', {}, 'o-new', 'add'],
    ['the reporter', {}, 'o-reporter', 'known'],
    ['a follower again', { followers: ['o-a'] }, 'o-a', 'known'],
    ['the 50th follower', { followers: full.slice(1) }, 'o-new', 'add'],
    ['the 51st', { followers: full }, 'o-new', 'full'],
    ['an existing follower of a full ticket', { followers: full }, 'o-3', 'known'],
  ])('%s → %s', (_name, over, openid, effect) => {
    expect(joinEffect(ticket(over), openid)).toBe(effect);
  });
});

describe('replay detection', () => {
  it.each<[string, Partial<ReportCandidate>, string, ReturnType<typeof replayOf>]>([
    ['a new request', {}, 'r-new', null],
    ['the request that created it', {}, 'r-created', { outcome: 'created', ticketId: 't1', no: 'XC-20261123-0001', repeat: false }],
    ['the request that joined it', {}, 'r-joined', { outcome: 'joined', ticketId: 't1', no: 'XC-20261123-0001', repeat: false }],
    [
      'a repeat problem keeps repeat: true',
      { repeat: { count: 2, ofTicketId: 't0' } },
      'r-created',
      { outcome: 'created', ticketId: 't1', no: 'XC-20261123-0001', repeat: true },
    ],
    [
      'a report held when made answers held even after release',
      { heldAtReport: true, held: false },
      'r-created',
      { outcome: 'held', ticketId: 't1', no: 'XC-20261123-0001', repeat: false },
    ],
  ])('%s', (_name, over, requestId, reply) => {
    expect(replayOf([ticket(over)], requestId)).toEqual(reply);
  });

  it('answers a created ticket the same way the first call did', () => {
    expect(createdReply(ticket({ repeat: { count: 1, ofTicketId: 'x' } }))).toEqual(
      replayOf([ticket({ repeat: { count: 1, ofTicketId: 'x' } })], 'r-created'),
    );
  });
});

describe('uploaded files', () => {
  const own = 'cloud://env-1.bucket/uploads/report/o-1/20260301/a.jpg';
  it.each<[string, string, boolean]>([
    ['the caller’s upload for the purpose', own, true],
    ['another user’s', 'cloud://env-1.bucket/uploads/report/o-2/20260301/a.jpg', false],
    ['an openid that only starts like the caller’s', 'cloud://env-1.bucket/uploads/report/o-10/20260301/a.jpg', false],
    ['another purpose', 'cloud://env-1.bucket/uploads/rectify/o-1/20260301/a.jpg', false],
    ['the bare folder', 'cloud://env-1.bucket/uploads/report/o-1/', false],
    ['a climb out', 'cloud://env-1.bucket/uploads/report/o-1/../../briefings/x.html', false],
    ['a generated file', 'cloud://env-1.bucket/briefings/briefing-3-draft.html', false],
    ['not a cloud file id', 'https://example.com/uploads/report/o-1/a.jpg', false],
  ])('%s: %s', (_name, fileId, ok) => {
    expect(isOwnUpload(fileId, 'report', 'o-1')).toBe(ok);
    expect(foreignFiles([fileId], 'report', 'o-1')).toEqual(ok ? [] : [fileId]);
  });

  it.each<[string, boolean]>([
    ['cloud://e.b/uploads/finding/o-1/x.jpg', true],
    ['cloud://e.b/uploads/other/o-1/x.jpg', false],
    ['cloud://e.b/exports/assessment-2026-10-r.xlsx', false],
    ['cloud://e.b/zone-codes/b1f2.png', false],
  ])('%s is an upload a ticket may show: %s', (fileId, upload) => {
    expect(isUpload(fileId)).toBe(upload);
  });

  it('reads the path inside the bucket', () => {
    expect(pathOfFileId(own)).toBe('uploads/report/o-1/20260301/a.jpg');
    expect(pathOfFileId('cloud://e.b//x')).toBeNull();
  });
});

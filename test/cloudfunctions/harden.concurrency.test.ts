import { randomUUID } from 'node:crypto';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { shanghaiDate } from '../../shared/time/shanghai';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, call, type Loose, PEOPLE, type Reply, report, startWithFixtures, zone } from './fixtures';

/**
 * 32 callers at once through the real SDK for every check-then-act of issue 11 (README "Reports under
 * concurrency"). Each assertion is an invariant that a race would break (one ticket per problem, at most the
 * rate limit, one join per person, one counted rating per person, uses never above the limit), so these tests
 * catch the race as soon as the local cloud interleaves invocations the way CloudBase instances do.
 */
const N = 32;
const CATEGORIES = [
  'hygiene',
  'attitude',
  'on_post',
  'discipline',
  'safety',
  'facility',
  'food_safety',
  'standards',
  'work_style',
  'contract',
  'other',
];
const ZONES = Array.from({ length: 12 }, (_, i) => zone(`zone-c${i}`, `c${i}`));

const db = () => wxCloud().database();
const count = async (collection: string, where: Record<string, unknown>): Promise<number> =>
  ((await db().collection(collection).where(where).count()) as { total: number }).total;
const docOf = async (collection: string, id: string): Promise<Loose> =>
  ((await db().collection(collection).where({ _id: id }).limit(1).get()) as { data: Loose[] }).data[0];
const rollup = async (): Promise<Loose> =>
  (await docOf('satRollups', `sat-contractor-clean-${shanghaiDate(new Date()).slice(0, 7)}`)) ?? { n: 0, sum: 0 };
const all = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));

describe('check-then-act under 32 concurrent callers', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures(ZONES);
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it('merges 32 simultaneous first reports of one problem into one ticket with 31 followers, every rating counted', async () => {
    // Prepare
    const before = await rollup();

    // Act
    const replies = await all(N, (i) => report(cloud, { sceneId: 'c0', categoryCode: 'hygiene', rating: 1 + (i % 5) }, `o-crowd-${i}`));

    // Figures for the report: acknowledged writes missing from the store, duplicate tickets and ratings
    const stored = (await db().collection('tickets').where({ zoneId: 'zone-c0' }).limit(100).get()) as { data: Loose[] };
    const followers = new Set(stored.data.flatMap((t) => [t.reporterOpenid, ...t.followers]));
    const lost = replies.filter((r, i) => r.code === 0 && !followers.has(`o-crowd-${i}`)).length;
    const ratings = await count('feedback', { ticketId: db().command.in(stored.data.map((t) => t._id)) });
    process.stdout.write(
      `32 concurrent first reports: acknowledged ${replies.filter((r) => r.code === 0).length}, lost ${lost}, tickets ${stored.data.length} (duplicates ${stored.data.length - 1}), ratings ${ratings} of 32\n`,
    );

    // Assess: every call acknowledged; one ticket; the 31 others joined it and are all on it (no lost write)
    expect(replies.map((r) => r.code)).toEqual(Array(N).fill(0));
    expect(lost).toBe(0);
    const ids = new Set(replies.map((r) => r.data.ticketId));
    expect(ids.size).toBe(1);
    expect(replies.filter((r) => r.data.outcome === 'created')).toHaveLength(1);
    const [ticketId] = [...ids];
    const t = await docOf('tickets', ticketId);
    expect(await count('tickets', { zoneId: 'zone-c0' })).toBe(1);
    expect(t.joins).toBe(N - 1);
    expect([...t.followers].sort()).toEqual(
      replies
        .map((r, i) => [r, `o-crowd-${i}`] as const)
        .filter(([r]) => r.data.outcome === 'joined')
        .map(([, o]) => o)
        .sort(),
    );
    expect(t.joinedRequestIds).toHaveLength(N - 1);
    // The stars of all 32 (creator and "+1"s): 32 different people, so 32 counted ratings
    const after = await rollup();
    expect(after.n - before.n).toBe(N);
    expect(after.sum - before.sum).toBe(Array.from({ length: N }, (_, i) => 1 + (i % 5)).reduce((a, b) => a + b, 0));
    expect(await count('feedback', { ticketId })).toBe(N);
  });

  it('holds the rate limit of 10 an hour when one user sends 32 reports at once', async () => {
    // Act: 32 different problems (zone × category), so none joins another
    const replies = await all(N, (i) =>
      report(cloud, { sceneId: `c${1 + (i % 11)}`, categoryCode: CATEGORIES[Math.floor(i / 11)] }, 'o-flooder'),
    );

    // Assess
    const created = replies.filter((r) => r.code === 0);
    expect(created).toHaveLength(10);
    expect(replies.filter((r) => r.code === 'TICKET.RATE_LIMITED')).toHaveLength(N - 10);
    expect(await count('tickets', { reporterOpenid: 'o-flooder' })).toBe(10);
  });

  it('creates one ticket and gives 32 identical replies when one request is sent 32 times at once', async () => {
    const requestId = randomUUID();

    const replies = await all(N, () => report(cloud, { requestId, sceneId: 'c1', categoryCode: 'safety', rating: 3 }, 'o-resender'));

    expect(replies.map((r) => r.code)).toEqual(Array(N).fill(0));
    for (const r of replies) expect(r).toEqual(replies[0]);
    expect(await count('tickets', { requestId })).toBe(1);
    expect(await count('feedback', { ticketId: replies[0].data.ticketId })).toBe(1);
  });

  it('counts one join when one person sends 32 "+1"s at once', async () => {
    const first = await report(cloud, { sceneId: 'c2', categoryCode: 'facility' }, 'o-first-c2');

    const replies = await all(N, () => report(cloud, { sceneId: 'c2', categoryCode: 'facility', rating: 5 }, 'o-plus-one'));

    expect(replies.every((r) => r.code === 0 && r.data.outcome === 'joined' && r.data.ticketId === first.data.ticketId)).toBe(true);
    const t = await docOf('tickets', first.data.ticketId);
    expect(t.followers).toEqual(['o-plus-one']);
    expect(t.joins).toBe(1);
    expect(t.joinedRequestIds).toHaveLength(1);
    expect(await count('feedback', { ticketId: first.data.ticketId })).toBe(1);
  });

  it('moves the unit’s count by one when one person sends 32 ratings at once', async () => {
    const before = await rollup();

    const replies = await all(N, (i) =>
      call(cloud, 'o-rating-flood', 'createReport', { requestId: randomUUID(), sceneId: 'c3', rating: 1 + (i % 5) }),
    );

    expect(replies.map((r) => r.code)).toEqual(Array(N).fill(0));
    expect(new Set(replies.map((r) => r.data.feedbackId)).size).toBe(1);
    const after = await rollup();
    expect(after.n - before.n).toBe(1);
    const stored = await docOf('feedback', replies[0].data.feedbackId);
    expect(after.sum - before.sum).toBe(stored.rating);
  });

  it('gives a five-use invite to exactly five of 32 users redeeming at once', async () => {
    const admin = (action: string, payload: unknown) =>
      cloud.host.invoke('admin', { action, payload }, { source: 'wx_client', openid: PEOPLE.admin.openid }) as Promise<Reply>;
    const code = (await admin('createInvite', { roles: ['staff'], unitId: 'contractor-clean', maxUses: 5 })).data.code;

    const replies = await all(
      N,
      (i) =>
        cloud.host.invoke(
          'org',
          { action: 'redeemInvite', payload: { code, name: `新人${i}` } },
          { source: 'wx_client', openid: `o-inv-${i}` },
        ) as Promise<Reply>,
    );

    expect(replies.filter((r) => r.code === 0)).toHaveLength(5);
    expect(replies.filter((r) => r.code === 'INVITE.USED_UP')).toHaveLength(N - 5);
    const invite = await docOf('invites', code);
    expect(invite.uses).toBe(5);
    expect(invite.redeemedBy).toHaveLength(5);
    expect(await count('people', { createdBy: `invite:${code}` })).toBe(5);
  });

  describe('survey answers', () => {
    const sv = (openid: string, action: string, payload: unknown) =>
      cloud.host.invoke('surveys', { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;
    async function openSurvey(): Promise<string> {
      const today = shanghaiDate(new Date());
      const created = await sv(PEOPLE.admin.openid, 'create', {
        title: '保洁满意度',
        intro: '一分钟',
        unitId: 'contractor-clean',
        zoneId: 'zone-c4',
        from: today,
        to: today,
        questions: [
          { kind: 'rating', title: '总体满意度' },
          { kind: 'choice', title: '频率', options: ['每天', '很少'] },
        ],
      });
      expect(created.code).toBe(0);
      expect((await sv(PEOPLE.admin.openid, 'open', { surveyId: created.data._id })).code).toBe(0);
      return created.data._id;
    }

    it('keeps all 32 answers of 32 people answering at once, and their ratings', async () => {
      const surveyId = await openSurvey();
      const before = await rollup();

      const replies = await all(N, (i) => sv(`o-sv-${i}`, 'respond', { surveyId, requestId: randomUUID(), answers: { q1: 4, q2: 1 } }));

      expect(replies.map((r) => r.code)).toEqual(Array(N).fill(0));
      expect(await count('surveyResponses', { surveyId })).toBe(N);
      expect(await docOf('surveyAggregates', surveyId)).toMatchObject({ n: N, q: { q1: { n: N, sum: 4 * N } } });
      expect((await rollup()).n - before.n).toBe(N);
    });

    it('keeps one answer when one person answers 32 times at once', async () => {
      const surveyId = await openSurvey();

      const replies = await all(N, () => sv('o-sv-eager', 'respond', { surveyId, requestId: randomUUID(), answers: { q1: 2, q2: 1 } }));

      expect(replies.map((r) => r.code).filter((c) => c !== 'SURVEY.ALREADY_RESPONDED')).toEqual([0]);
      expect(await count('surveyResponses', { surveyId })).toBe(1);
      expect(await docOf('surveyAggregates', surveyId)).toMatchObject({ n: 1 });
    });
  });
});

import path from 'node:path';
import { isQuotaError, withQuotaRetry } from '../../cloudfunctions/_lib/quota';
import type { LocalCloud } from '../../scripts/local-cloud/cloud';
import { PROFILES } from '../../scripts/local-cloud/profile';
import { invokeConcurrently, tally } from '../helpers/concurrency';
import { startLocalCloud, wxCloud } from '../helpers/local-cloud';
import { FIXTURE_DB } from './database.suite';

const FUNCTIONS = path.join(__dirname, 'fixtures', 'functions');

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ databaseConfig: FIXTURE_DB, functionsDir: FUNCTIONS });
});
afterAll(() => cloud.close());
afterEach(() => {
  cloud.setProfile('none');
  cloud.latency = null;
});

const db = () => wxCloud().database();
async function counter(id: string): Promise<number> {
  return ((await db().collection('others').doc(id).get()) as unknown as { data: { n: number } }).data.n;
}

describe('concurrent invocations interleave at every database request', () => {
  it.each([
    ['naive', 'read, wait, write back', 2, 1],
    ['inc', 'an atomic _.inc', 2, 2],
    ['tx', 'a transaction retried on conflict', 2, 2],
  ] as const)('two invocations adding one with %s (%s) leave the counter at %i + %i', async (mode, _what, n, expected) => {
    // Prepare
    const id = `pair-${mode}`;
    await db()
      .collection('others')
      .add({ data: { _id: id, n: 0 } });
    // Act
    const outcomes = await invokeConcurrently(cloud, n, () => ({ name: 'counter', data: { mode, id, waitMs: 5 } }));
    // Assess
    expect(tally(outcomes)).toEqual({ ok: n });
    expect(await counter(id)).toBe(expected);
  });

  it('loses updates among 32 truly concurrent read-then-write callers, and none with _.inc or a transaction', async () => {
    // Prepare
    for (const mode of ['naive', 'inc', 'tx']) {
      await db()
        .collection('others')
        .add({ data: { _id: `many-${mode}`, n: 0 } });
    }
    // Act
    const run = (mode: string) => invokeConcurrently(cloud, 32, () => ({ name: 'counter', data: { mode, id: `many-${mode}`, waitMs: 1 } }));
    const naive = await run('naive');
    const inc = await run('inc');
    const tx = await run('tx');
    // Assess
    expect(tally(naive)).toEqual({ ok: 32 });
    expect(await counter('many-naive')).toBeLessThan(32);
    expect(tally(inc)).toEqual({ ok: 32 });
    expect(await counter('many-inc')).toBe(32);
    expect(tally(tx)).toEqual({ ok: 32 });
    expect(await counter('many-tx')).toBe(32);
  });

  it('keeps each invocation its own WeChat identity while they interleave', async () => {
    const outcomes = await invokeConcurrently(cloud, 24, (i) => ({ name: 'whoami', data: { waitMs: i % 5 }, openid: `o-${i}` }), {
      latency: '0-4',
    });
    outcomes.forEach((o, i) => {
      expect(o.ok && o.result).toMatchObject({ before: `o-${i}`, after: `o-${i}` });
    });
  });
});

describe('cloud profiles', () => {
  it('costs every database request its round trip when a latency is set', async () => {
    cloud.latency = { minMs: 30, maxMs: 30 };
    const t0 = performance.now();
    await db().collection('others').where({ never: true }).count();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(28);
  });

  it('refuses database requests over the per-second quota with EXCEED_REQUEST_LIMIT (errCode -501003)', async () => {
    // Prepare: the basic plan's 30 requests per second (its 20 connections aside).
    cloud.setProfile({ ...PROFILES.basic, dbConnections: null });
    // Act: 40 at once.
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => db().collection('others').where({ never: true }).count()));
    // Assess
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(refused).toHaveLength(40 - PROFILES.basic.dbQps!);
    expect(refused[0]).toMatchObject({ errCode: -501003 });
    expect(refused.every(isQuotaError)).toBe(true);
    expect(cloud.refused.rate).toBe(10);
  });

  it('refuses database requests over the connection quota with EXCEED_CONCURRENT_REQUEST_LIMIT (errCode -501004)', async () => {
    cloud.setProfile({ name: 'tiny', functionConcurrency: null, dbConnections: 3, dbQps: null });
    cloud.latency = { minMs: 20, maxMs: 20 };
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => db().collection('others').where({ never: true }).count()));
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatchObject({ errCode: -501004 });
  });

  it("refuses invocations beyond the plan's concurrent executions of one function", async () => {
    cloud.setProfile('basic');
    const outcomes = await invokeConcurrently(cloud, 25, (i) => ({ name: 'whoami', data: { waitMs: 50 }, openid: `o-${i}` }), {
      latency: null,
    });
    expect(tally(outcomes)).toEqual({ ok: 20, EXCEED_CONCURRENT_REQUEST_LIMIT: 5 });
  });

  it('lets callers that back off and retry on quota refusals all succeed under the basic plan', async () => {
    cloud.setProfile('basic');
    const results = await Promise.all(
      Array.from({ length: 45 }, () =>
        withQuotaRetry(() => db().collection('others').where({ never: true }).count() as Promise<unknown>, { attempts: 20, baseMs: 100 }),
      ),
    );
    expect(results).toHaveLength(45);
    expect(cloud.refused.rate).toBeGreaterThan(0);
  });
});

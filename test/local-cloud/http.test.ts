import path from 'node:path';
import { nodeSdkApp, type Spawned, spawnLocalCloud, tempDir } from '../helpers/local-cloud';
import { FIXTURE_DB } from './database.suite';

const FUNCTIONS = path.join(__dirname, 'fixtures', 'functions');

const post = (url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${url}/admin`, { method: 'POST', body, headers }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as { code?: string; data?: { total: number } },
  }));

describe('the local cloud over HTTP', () => {
  let server: Spawned;
  const count = async () =>
    (await post(server.url, JSON.stringify({ action: 'database.calculateDocument', collectionName: 'others', queryType: 'WHERE' }))).body
      .data?.total;

  beforeAll(async () => {
    server = await spawnLocalCloud(tempDir(), { DATABASE_CONFIG: FIXTURE_DB, FUNCTIONS_DIR: FUNCTIONS });
  });
  afterAll(() => server.stop());

  it('listens on loopback only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('invokes a cloud function for an unmodified node-sdk client (functions.invokeFunction)', async () => {
    const app = nodeSdkApp(server.url);
    const res = await app.callFunction({ name: 'whoami', data: { hello: '你好' } });
    expect(res.result).toMatchObject({ source: 'tcb_admin', event: { hello: '你好' } });
    expect((res.result as { before?: string }).before).toBeUndefined();
  });

  it('reports a missing function with a code', async () => {
    const app = nodeSdkApp(server.url);
    await expect(app.callFunction({ name: 'nope', data: {} })).rejects.toMatchObject({ code: 'FUNCTIONS_FUNCTION_NOT_FOUND' });
  });

  const bad: Array<[string, () => Promise<{ status: number; body: { code?: string } }>, number, string]> = [
    ['malformed JSON', () => post(server.url, '{"action": "database.getDocument",'), 200, 'INVALID_PARAM'],
    ['a JSON array instead of an object', () => post(server.url, '[1,2]'), 200, 'INVALID_PARAM'],
    ['an unknown action', () => post(server.url, JSON.stringify({ action: 'database.dropEverything' })), 200, 'INVALID_ACTION'],
    ['no action at all', () => post(server.url, JSON.stringify({ collectionName: 'others' })), 200, 'INVALID_ACTION'],
    [
      'a wrong type (limit as a string)',
      () => post(server.url, JSON.stringify({ action: 'database.getDocument', collectionName: 'others', limit: '10' })),
      200,
      'INVALID_PARAM',
    ],
    [
      'malformed EJSON in a query',
      () =>
        post(server.url, JSON.stringify({ action: 'database.getDocument', collectionName: 'others', query: '{"a": {"$numberInt": "x"}' })),
      200,
      'INVALID_PARAM',
    ],
    [
      'malformed EJSON in an insert',
      () => post(server.url, JSON.stringify({ action: 'database.insertDocument', collectionName: 'others', data: ['{"a":'] })),
      200,
      'INVALID_PARAM',
    ],
    [
      'an unknown update operator',
      () =>
        post(
          server.url,
          JSON.stringify({
            action: 'database.modifyDocument',
            collectionName: 'others',
            queryType: 'WHERE',
            query: '{}',
            data: '{"$where":"1"}',
            multi: true,
          }),
        ),
      200,
      'INVALID_PARAM',
    ],
    [
      'a JavaScript $where query',
      () =>
        post(server.url, JSON.stringify({ action: 'database.getDocument', collectionName: 'others', query: '{"$where":"sleep(1000)"}' })),
      200,
      'INVALID_PARAM',
    ],
    [
      'a bad collection name',
      () => post(server.url, JSON.stringify({ action: 'database.insertDocument', collectionName: '../x', data: ['{}'] })),
      200,
      'INVALID_PARAM',
    ],
    [
      'an oversized request (over 5 MiB)',
      () =>
        post(
          server.url,
          JSON.stringify({
            action: 'database.insertDocument',
            collectionName: 'others',
            data: [JSON.stringify({ s: 'x'.repeat(6 * 1024 * 1024) })],
          }),
        ),
      413,
      'INVALID_REQUEST_SIZE',
    ],
  ];
  it.each(bad)('answers %s with a coded error and writes nothing', async (_label, send, status, code) => {
    // Prepare
    const before = await count();
    // Act
    const res = await send();
    // Assess
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(await count()).toBe(before);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('answers 404 with a code for an unknown path', async () => {
    const res = await fetch(`${server.url}/nothing-here`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('NOT_FOUND');
  });
});

describe('durability', () => {
  it('keeps every acknowledged write after kill -9 of the server', async () => {
    // Prepare
    const dataDir = tempDir();
    const first = await spawnLocalCloud(dataDir, { DATABASE_CONFIG: FIXTURE_DB });
    const db = nodeSdkApp(first.url).database();
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push((await db.collection('others').add({ i, note: `写入 ${i}` })).id as string);
    const t = await db.startTransaction();
    await t.collection('others').doc(ids[0]).update({ committed: true });
    await t.commit();
    // Act: no shutdown, no flush — the process is killed outright, then started again.
    expect(await first.kill9()).toBe('SIGKILL');
    await expect(fetch(`${first.url}/health`)).rejects.toThrow(); // the server is really gone
    const second = await spawnLocalCloud(dataDir, { DATABASE_CONFIG: FIXTURE_DB });
    try {
      const db2 = nodeSdkApp(second.url).database();
      // Assess
      expect((await db2.collection('others').count()).total).toBe(200);
      expect((await db2.collection('others').doc(ids[199]).get()).data[0]).toMatchObject({ i: 199, note: '写入 199' });
      expect((await db2.collection('others').doc(ids[0]).get()).data[0]).toMatchObject({ committed: true });
    } finally {
      await second.stop();
    }
  });
});

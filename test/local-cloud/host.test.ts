import fs from 'node:fs';
import path from 'node:path';
import type { LocalCloud } from '../../scripts/local-cloud/cloud';
import { DEFAULT_TIMEOUT_S, FunctionHost, setLongTimeout } from '../../scripts/local-cloud/host';
import { startLocalCloud, tempDir, wxCloud } from '../helpers/local-cloud';
import { FIXTURE_DB } from './database.suite';

const FUNCTIONS = path.join(__dirname, 'fixtures', 'functions');

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ databaseConfig: FIXTURE_DB, functionsDir: FUNCTIONS });
});
afterAll(() => cloud.close());

type Who = { before: string; after: string; source: string; env: string; appid: string };

describe('function host', () => {
  it('gives every concurrent invocation its own WeChat identity', async () => {
    // Prepare: 40 callers, each waiting a different time so their awaits interleave.
    const callers = Array.from({ length: 40 }, (_v, i) => `o-user-${i}`);
    // Act
    const results = (await Promise.all(
      callers.map((openid, i) => cloud.host.invoke('whoami', { waitMs: (i * 7) % 23 }, { source: 'wx_client', openid })),
    )) as Who[];
    // Assess
    results.forEach((r, i) => {
      expect(r.before).toBe(callers[i]);
      expect(r.after).toBe(callers[i]);
      expect(r.source).toBe('wx_client');
      expect(r.env).toBe('xuncha-local');
    });
    expect(process.env.WX_OPENID).toBeUndefined();
  });

  it('still lets code outside invocations set and delete environment variables', async () => {
    await cloud.host.invoke('whoami', {}, { source: 'wx_client', openid: 'o-env' });
    process.env.XUNCHA_TEST_VAR = 'on';
    expect(process.env.XUNCHA_TEST_VAR).toBe('on');
    delete process.env.XUNCHA_TEST_VAR;
    expect(process.env.XUNCHA_TEST_VAR).toBeUndefined();
  });

  it('passes the event through with the userInfo CloudBase adds for mini-program calls', async () => {
    const r = (await cloud.host.invoke('whoami', { a: 1 }, { source: 'wx_client', openid: 'o-x' })) as Who & {
      event: Record<string, unknown>;
    };
    expect(r.event).toEqual({ a: 1, userInfo: { appId: r.appid, openId: 'o-x' } });
  });

  it('refuses an unknown function with FUNCTIONS_FUNCTION_NOT_FOUND', async () => {
    await expect(cloud.host.invoke('nope', {}, { source: 'wx_client' })).rejects.toMatchObject({ code: 'FUNCTIONS_FUNCTION_NOT_FOUND' });
  });

  it('fails an invocation that outlives the timeout in its config.json', async () => {
    await expect(cloud.host.invoke('slow', {}, { source: 'wx_client' })).rejects.toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: expect.stringMatching(/timed out after 1 seconds/),
    });
  });

  it('fires a timer trigger from config.json on schedule, as wx_trigger', async () => {
    // Prepare
    const db = wxCloud().database();
    expect(cloud.host.timerTriggers().map((t) => `${t.fn}/${t.trigger}`)).toEqual(['tick/everySecond']);
    // Act: the real scheduler, every second.
    cloud.host.startTimers();
    const deadline = Date.now() + 4000;
    let ticks: Array<{ source: string; trigger: string; time: string }> = [];
    while (Date.now() < deadline && ticks.length < 2) {
      await new Promise((r) => setTimeout(r, 200));
      ticks = ((await db.collection('others').where({ kind: 'tick' }).get()) as unknown as { data: typeof ticks }).data;
    }
    await cloud.host.stop();
    // Assess
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks[0]).toMatchObject({ source: 'wx_trigger', trigger: 'everySecond' });
    expect(ticks[0].time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});

describe('open API', () => {
  it('records subscribe messages in the outbox, and answers 43101 to a user without a subscription', async () => {
    // Prepare
    cloud.host.subscribe('o-subscribed', 'tmpl-1', 1);
    const before = cloud.host.outbox.length;
    // Act
    const ok = await cloud.host.invoke('notify', { op: 'send', touser: 'o-subscribed' }, { source: 'wx_client' });
    const used = await cloud.host.invoke('notify', { op: 'send', touser: 'o-subscribed' }, { source: 'wx_client' });
    const never = await cloud.host.invoke('notify', { op: 'send', touser: 'o-never' }, { source: 'wx_client' });
    // Assess
    expect([ok, used, never]).toEqual([{ errCode: 0 }, { errCode: 43101 }, { errCode: 43101 }]);
    expect(cloud.host.outbox.slice(before)).toEqual([
      expect.objectContaining({
        touser: 'o-subscribed',
        templateId: 'tmpl-1',
        errcode: 0,
        data: { thing1: { value: '整改提醒' } },
        from: 'notify',
      }),
      expect.objectContaining({ touser: 'o-subscribed', errcode: 43101 }),
      expect.objectContaining({ touser: 'o-never', errcode: 43101 }),
    ]);
  });

  it.each([
    ['食堂三号窗口地面有油污', 'pass'],
    ['这里有人在搞赌博', 'risky'],
    ['[risky] marker', 'risky'],
    ['欢迎光临，广告位招租', 'review'],
  ])('checks "%s" as %s with the local content rule', async (content, suggest) => {
    expect(await cloud.host.invoke('notify', { op: 'check', content }, { source: 'wx_client' })).toEqual({ suggest });
  });

  it('makes a mini-program code image for a scene', async () => {
    expect(await cloud.host.invoke('notify', { op: 'qr', scene: 'C1-W03' }, { source: 'wx_client' })).toEqual({
      contentType: 'image/png',
      png: 'PNG',
    });
  });

  it('refuses an open API the function has no permission for in config.json', async () => {
    expect(await cloud.host.invoke('files', { op: 'qr' }, { source: 'wx_client' })).toEqual({ errCode: -604101 });
  });
});

describe('storage', () => {
  it('uploads, serves a temporary URL, downloads and deletes a file', async () => {
    // Act: upload through the real SDK (metadata, then a PUT of the bytes).
    const up = (await cloud.host.invoke('files', { op: 'upload', text: '整改后照片' }, { source: 'wx_client' })) as { fileID: string };
    expect(up.fileID).toBe('cloud://xuncha-local.local-xuncha-local/photos/2026/a b.jpg');
    const urls = (await cloud.host.invoke('files', { op: 'url', fileID: up.fileID }, { source: 'wx_client' })) as {
      fileList: Array<{ status: number; tempFileURL: string }>;
    };
    // Assess: the URL serves the bytes; a tampered one does not.
    expect(urls.fileList[0].status).toBe(0);
    const res = await fetch(encodeURI(urls.fileList[0].tempFileURL));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('整改后照片');
    // A signature changed in its first character (to one it is not: a fixed '0' left 1 URL in 16 unchanged).
    const tampered = urls.fileList[0].tempFileURL.replace(/sign=(\w)/, (_m: string, c: string) => `sign=${c === '0' ? '1' : '0'}`);
    expect(tampered).not.toBe(urls.fileList[0].tempFileURL);
    expect((await fetch(encodeURI(tampered))).status).toBe(403);
    expect(await cloud.host.invoke('files', { op: 'download', fileID: up.fileID }, { source: 'wx_client' })).toEqual({
      text: '整改后照片',
    });
    // Act: delete, then the file is gone.
    const del = (await cloud.host.invoke('files', { op: 'delete', fileID: up.fileID }, { source: 'wx_client' })) as {
      fileList: Array<{ status: number }>;
    };
    expect(del.fileList[0].status).toBe(0);
    const after = (await cloud.host.invoke('files', { op: 'url', fileID: up.fileID }, { source: 'wx_client' })) as {
      fileList: Array<{ status: number }>;
    };
    expect(after.fileList[0].status).toBe(-503003);
  });

  it('refuses a path that would leave the storage folder', async () => {
    await expect(cloud.call('storage.getUploadMetadata', { path: '../etc/passwd' })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  });
});

describe('host fidelity with CloudBase', () => {
  it('gives a function without a configured timeout CloudBase’s 3 s default', async () => {
    expect(DEFAULT_TIMEOUT_S).toBe(3);
    await expect(cloud.host.invoke('nolimit', { waitMs: 200 }, { source: 'wx_client' })).resolves.toBe('done');
    const t0 = Date.now();
    await expect(cloud.host.invoke('nolimit', { waitMs: 3500 }, { source: 'wx_client' })).rejects.toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: expect.stringMatching(/timed out after 3 seconds/),
    });
    expect(Date.now() - t0).toBeLessThan(3400);
  });

  it('answers a function whose require fails with the module error, and logs it', async () => {
    const err = await cloud.host.invoke('broken', {}, { source: 'wx_client' }).catch((e) => e);
    expect(err).toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: expect.stringMatching(/Cannot find module 'left-pad-that-was-never-installed'/),
    });
    expect(cloud.host.log.some((l) => l.startsWith('broken: ') && l.includes('left-pad-that-was-never-installed'))).toBe(true);
    // Through the SDK, the caller sees the same message.
    const viaSdk = await (wxCloud().callFunction({ name: 'broken', data: {} }) as Promise<unknown>).catch((e: Error) => e);
    expect(String((viaSdk as Error).message)).toMatch(/Cannot find module 'left-pad-that-was-never-installed'/);
  });

  it('waits out a delay beyond 2^31 ms (a monthly trigger) instead of firing at once', async () => {
    // Prepare: a host whose clock says the next monthly run is ~27 days away, with steps shortened to 20 ms
    // so the long wait re-arms several times within the test.
    let now = Date.UTC(2026, 10, 3, 0, 0, 0);
    const fired: number[] = [];
    const handle = setLongTimeout(
      () => fired.push(now),
      () => Date.UTC(2026, 10, 30, 16, 0, 0),
      () => now,
      20,
    );
    // Act: 100 ms pass, the clock has not reached the instant.
    await new Promise((r) => setTimeout(r, 100));
    // Assess
    expect(fired).toEqual([]);
    // Act: the clock reaches the instant; the next step fires it once.
    now = Date.UTC(2026, 10, 30, 16, 0, 0);
    await new Promise((r) => setTimeout(r, 60));
    expect(fired).toHaveLength(1);
    handle.cancel();
  });

  it('does not spin a monthly timer trigger armed early in the month', async () => {
    // Prepare: a host at 3 November 2026 with a monthly trigger (the 1st at 00:00 UTC+8 is 27 days away).
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'monthly'));
    fs.writeFileSync(path.join(dir, 'monthly', 'index.js'), 'let n = 0; exports.main = async () => ++n;');
    fs.writeFileSync(
      path.join(dir, 'monthly', 'config.json'),
      JSON.stringify({ triggers: [{ name: 'monthly', type: 'timer', config: '0 0 0 1 * * *' }] }),
    );
    const host = new FunctionHost(dir, 'env', 'app', () => new Date(Date.UTC(2026, 10, 3)));
    // Act
    host.startTimers();
    await new Promise((r) => setTimeout(r, 200));
    await host.stop();
    // Assess: nothing fired (before the fix: thousands of runs).
    expect(host.invocations).toHaveLength(0);
  });

  it.each(['get', 'createQRCode'] as const)('makes a limited mini-program code with wxacode.%s', async (op) => {
    const r = await cloud.host.invoke('notify', { op, path: 'pages/index/index?from=qr' }, { source: 'wx_client' });
    expect(r).toMatchObject({ contentType: 'image/png', png: 'PNG' });
    expect((r as { bytes: number }).bytes).toBeGreaterThan(100);
    expect(await cloud.host.invoke('notify', { op, path: '' }, { source: 'wx_client' })).toEqual({ errCode: 40159 });
  });

  it('uploads through @cloudbase/node-sdk 2.x (a COS POST form answered in XML), as wx-server-sdk 2.x does', async () => {
    // Prepare: the old SDK, pointed at the local cloud over HTTP.
    const tcb2 = require('cloudbase-node-sdk-2') as { init: (c: object) => { uploadFile: (o: object) => Promise<{ fileID: string }> } };
    const app = tcb2.init({ env: 'xuncha-local', secretId: 'local', secretKey: 'local', serviceUrl: `${cloud.url}/admin` } as never);
    // Act
    const up = await app.uploadFile({ cloudPath: 'legacy/2x.txt', fileContent: Buffer.from('旧版上传') });
    // Assess: the file is stored where the fileID says, with its bytes.
    expect(up.fileID).toBe('cloud://xuncha-local.local-xuncha-local/legacy/2x.txt');
    expect(await cloud.host.invoke('files', { op: 'download', fileID: up.fileID }, { source: 'wx_client' })).toEqual({ text: '旧版上传' });
  });

  it('refuses a node-sdk 2.x form with a forged token, in COS’s XML error shape', async () => {
    const form = new FormData();
    form.set('key', 'legacy/forged.txt');
    form.set('x-cos-security-token', '9999999999999.00000000000000000000000000000000');
    form.set('file', new Blob(['x']));
    const res = await fetch(`${cloud.url}/storage/upload?path=legacy/forged.txt`, { method: 'POST', body: form });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/<Error><Code>SignatureDoesNotMatch<\/Code>/);
    expect(cloud.storage.exists('legacy/forged.txt')).toBe(false);
  });
});

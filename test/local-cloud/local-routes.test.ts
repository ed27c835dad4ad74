import path from 'node:path';
import type { LocalCloud } from '../../scripts/local-cloud/cloud';
import { installLocalRoutes } from '../../scripts/local-cloud/local-routes';
import { startLocalCloud } from '../helpers/local-cloud';
import { FIXTURE_DB } from './database.suite';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ databaseConfig: FIXTURE_DB, functionsDir: path.join(__dirname, 'fixtures', 'functions') });
  installLocalRoutes(cloud, [{ openid: 'demo-student-1', name: '李同学', label: '学生' }]);
});
afterAll(() => cloud.close());

const call = (route: string, body: unknown, openid?: string) =>
  fetch(`${cloud.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-local-openid': openid } : {}) },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

describe('the mini-program local way in', () => {
  it('lists the demo identities', async () => {
    const res = await fetch(`${cloud.url}/local/identities`);
    expect(await res.json()).toEqual({ identities: [{ openid: 'demo-student-1', name: '李同学', label: '学生' }] });
  });

  it('calls a function as the chosen identity, from the mini-program (wx_client)', async () => {
    const res = await call('/local/call', { name: 'whoami', data: { n: 1 } }, 'demo-student-1');
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ before: 'demo-student-1', after: 'demo-student-1', source: 'wx_client' });
  });

  it.each([
    ['no identity', { name: 'whoami' }, undefined, 400, 'LOCAL.IDENTITY_REQUIRED'],
    ['an identity with unsafe characters', { name: 'whoami' }, 'a b$', 400, 'LOCAL.IDENTITY_REQUIRED'],
    ['no function name', { data: {} }, 'demo-student-1', 400, 'INVALID_PARAM'],
    ['an unknown function', { name: 'nope' }, 'demo-student-1', 200, 'FUNCTIONS_FUNCTION_NOT_FOUND'],
  ])('refuses a call with %s', async (_label, body, openid, status, code) => {
    const res = await call('/local/call', body, openid);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('uploads a photo sent as multipart/form-data and serves it by a temporary URL', async () => {
    // Prepare: the body wx.uploadFile sends.
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('JPEGDATA')], { type: 'image/jpeg' }), 'photo.jpg');
    // Act
    const up = await fetch(`${cloud.url}/local/upload?cloudPath=reports/r1/1.jpg`, {
      method: 'POST',
      body: form,
      headers: { 'x-local-openid': 'demo-student-1' },
    });
    const { fileID } = (await up.json()) as { fileID: string };
    const urls = await call('/local/temp-urls', { fileList: [fileID] }, 'demo-student-1');
    // Assess
    const list = urls.body.fileList as Array<{ tempFileURL: string; status: number }>;
    expect(list[0].status).toBe(0);
    expect(await (await fetch(list[0].tempFileURL)).text()).toBe('JPEGDATA');
  });

  it('records an accepted subscription so the next message is delivered, and shows it in the outbox', async () => {
    await call('/local/subscribe', { templateIds: ['tmpl-1'] }, 'demo-student-1');
    await cloud.host.invoke('notify', { op: 'send', touser: 'demo-student-1' }, { source: 'wx_client' });
    const outbox = (await (await fetch(`${cloud.url}/local/outbox`)).json()) as { messages: Array<{ touser: string; errcode: number }> };
    expect(outbox.messages[0]).toMatchObject({ touser: 'demo-student-1', errcode: 0 });
  });
});

const upload = (cloudPath: string, openid: string, bytes: string) => {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
  return fetch(`${cloud.url}/local/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    body: form,
    headers: { 'x-local-openid': openid },
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as { fileID?: string; code?: string } }));
};
const tempUrl = async (fileID: string, openid: string) =>
  ((await call('/local/temp-urls', { fileList: [fileID] }, openid)).body.fileList as Array<{ tempFileURL: string; status: number }>)[0];

describe('storage security rules on the mini-program’s way in (creator-only by default)', () => {
  it('signs a temporary URL only for the caller’s own files', async () => {
    // Prepare: a student's photo, and a file a function wrote (a briefing draft).
    const mine = (await upload('reports/r2/1.jpg', 'demo-student-1', 'MINE')).body.fileID as string;
    const meta = cloud.storage.uploadMetadata('briefings/draft-7.pdf', new Date());
    cloud.storage.acceptUpload('briefings/draft-7.pdf', meta.token, Buffer.from('DRAFT'), new Date());
    // Act + Assess
    expect((await tempUrl(mine, 'demo-student-1')).status).toBe(0);
    expect(await tempUrl(mine, 'demo-student-2')).toEqual({ fileID: mine, tempFileURL: '', status: -1 });
    expect(await tempUrl(meta.fileId as string, 'demo-student-1')).toEqual({ fileID: meta.fileId, tempFileURL: '', status: -1 });
  });

  it('refuses to overwrite another user’s file or a function’s file (a zone’s QR code)', async () => {
    // Prepare
    await upload('reports/r3/1.jpg', 'demo-student-1', 'ORIGINAL');
    const meta = cloud.storage.uploadMetadata('qrcodes/zone-b1.png', new Date());
    cloud.storage.acceptUpload('qrcodes/zone-b1.png', meta.token, Buffer.from('QR'), new Date());
    // Act
    const other = await upload('reports/r3/1.jpg', 'demo-student-2', 'FORGED');
    const qr = await upload('qrcodes/zone-b1.png', 'demo-student-2', 'FORGED');
    const again = await upload('reports/r3/1.jpg', 'demo-student-1', 'RETAKEN');
    // Assess
    expect([other.status, other.body.code, qr.status, qr.body.code]).toEqual([
      403,
      'STORAGE_EXCEED_AUTHORITY',
      403,
      'STORAGE_EXCEED_AUTHORITY',
    ]);
    expect(again.status).toBe(200);
    const url = await tempUrl(again.body.fileID as string, 'demo-student-1');
    expect(await (await fetch(url.tempFileURL)).text()).toBe('RETAKEN');
    expect(await cloud.host.invoke('files', { op: 'download', fileID: meta.fileId }, { source: 'wx_client' })).toEqual({ text: 'QR' });
  });

  it('passes the caller’s address to the function as CLIENTIP', async () => {
    const res = await call('/local/call', { name: 'whoami', data: {} }, 'demo-student-1');
    expect(res.body.result).toMatchObject({ clientIp: '127.0.0.1' });
  });
});

describe('the loopback admin API refuses cross-site requests (CSRF)', () => {
  const insert = { action: 'database.insertDocument', collectionName: 'others', data: ['{"_id":"csrf","x":1}'] };
  it.each([
    ['a text/plain POST (a web page’s simple request)', { 'content-type': 'text/plain' }],
    ['a JSON POST from another origin', { 'content-type': 'application/json', origin: 'https://evil.example' }],
    ['a form POST marked cross-site by the browser', { 'content-type': 'multipart/form-data; boundary=x', 'sec-fetch-site': 'cross-site' }],
  ])('refuses %s and writes nothing', async (_label, headers) => {
    const res = await fetch(`${cloud.url}/admin`, { method: 'POST', headers, body: JSON.stringify(insert) });
    expect(res.status).toBe(403);
    expect(cloud.engine.find('others', { _id: 'csrf' })).toEqual([]);
  });

  it('still serves the SDKs (JSON without an Origin)', async () => {
    const res = await fetch(`${cloud.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(insert),
    });
    expect(((await res.json()) as { data: { insertedIds: string[] } }).data.insertedIds).toEqual(['csrf']);
  });
});

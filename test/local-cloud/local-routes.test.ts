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

/**
 * The deployed form is what is tested: every function is built with `npm run build`'s code, then
 * each bundle is loaded in a fresh Node process — as CloudBase loads it — and invoked against a
 * local cloud running in another process, reached over HTTP exactly as in the cloud.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Built, buildFunctions } from '../../scripts/build';
import { OPEN_APIS } from '../../scripts/functions-config';
import { invokeBundle } from '../helpers/bundles';
import { nodeSdkApp, type Spawned, spawnLocalCloud, tempDir } from '../helpers/local-cloud';

describe('built cloud functions', () => {
  let built: Built[];
  let server: Spawned;

  beforeAll(async () => {
    built = await buildFunctions();
    server = await spawnLocalCloud(tempDir(), { NO_SEED: '0' });
  }, 120_000);
  afterAll(() => server.stop());

  const dirOf = (name: string) => {
    const b = built.find((x) => x.name === name);
    if (!b) throw new Error(`no bundle for ${name}`);
    return b.dir;
  };

  it('builds a bundle for every function, each naming only the SDKs as dependencies', () => {
    expect(built.map((b) => b.name)).toEqual(expect.arrayContaining(['tickets', 'escalation']));
    for (const b of built) {
      const pkg = require(path.join(b.dir, 'package.json')) as { dependencies: Record<string, string> };
      expect(Object.keys(pkg.dependencies).every((d) => ['wx-server-sdk', '@cloudbase/node-sdk', 'exceljs', 'docx'].includes(d))).toBe(
        true,
      );
    }
    // docx is installed by the cloud only where a Word document is made.
    expect(built.filter((b) => 'docx' in require(path.join(b.dir, 'package.json')).dependencies).map((b) => b.name)).toEqual([
      'briefings',
      'contracts',
      'posters',
    ]);
  });

  it('lists in config.json every open API a bundle calls', () => {
    for (const b of built) {
      const code = fs.readFileSync(path.join(b.dir, 'index.js'), 'utf8');
      const config = require(path.join(b.dir, 'config.json')) as { permissions?: { openapi?: string[] } };
      const used = OPEN_APIS.filter((api) => code.includes(`.${api}(`) || code.includes(`.${api.split('.')[0]}.${api.split('.')[1]}`));
      expect({ fn: b.name, missing: used.filter((api) => !(config.permissions?.openapi ?? []).includes(api)) }).toEqual({
        fn: b.name,
        missing: [],
      });
    }
  });

  it('loads every bundle in a fresh process and answers a call with a coded reply', async () => {
    for (const b of built) {
      const res = await invokeBundle(b.dir, server.url, { action: 'noSuchAction' }, { openid: 'demo-student-1', source: 'wx_client' });
      expect(typeof res.reply.code).toBe('string');
      expect(res.reply).not.toHaveProperty('stack');
    }
  }, 120_000);

  it('answers a real read action of every other function end to end, as the role that may call it', async () => {
    // Prepare: a canteen of the seeded campus for the poster sheet.
    const canteen = (await nodeSdkApp(server.url).database().collection('zones').where({ kind: 'canteen' }).limit(1).get()).data as Array<{
      _id: string;
    }>;
    const calls: Record<string, { openid: string; action: string; payload: Record<string, unknown>; check: (data: never) => void }> = {
      assets: {
        openid: 'demo-admin',
        action: 'myUnits',
        payload: {},
        check: (d: { items: unknown[] }) => expect(d.items.length).toBeGreaterThan(0),
      },
      admin: {
        openid: 'demo-admin',
        action: 'units',
        payload: {},
        check: (d: { items: unknown[] }) => expect(d.items.length).toBeGreaterThan(0),
      },
      briefings: { openid: 'demo-leader', action: 'list', payload: {}, check: (d: { items: unknown[] }) => expect(d.items).toEqual([]) },
      contracts: {
        openid: 'demo-admin',
        action: 'list',
        payload: {},
        check: (d: { items: unknown[] }) => expect(Array.isArray(d.items)).toBe(true),
      },
      org: { openid: 'demo-admin', action: 'me', payload: {}, check: (d: { roles: string[] }) => expect(d.roles).toContain('admin') },
      patrols: {
        openid: 'demo-leader',
        action: 'coverage',
        payload: { from: '2026-11-01', to: '2026-11-28' },
        check: (d: { cells: number; zoneCount: number }) => expect(d.zoneCount).toBeGreaterThan(0),
      },
      posters: {
        openid: 'demo-admin',
        action: 'sheet',
        payload: { zoneId: canteen[0]._id },
        check: (d: { zones: number; html: string }) => expect(d.zones).toBeGreaterThan(0),
      },
      overview: {
        openid: 'demo-leader',
        action: 'summary',
        payload: {},
        check: (d: { trend: unknown[] }) => expect(d.trend).toHaveLength(6),
      },
      scoring: { openid: 'demo-leader', action: 'rules', payload: {}, check: (d: unknown) => expect(d).toBeTruthy() },
      stats: {
        openid: 'demo-leader',
        action: 'rankingOptions',
        payload: {},
        check: (d: { periods: unknown[] }) => expect(Array.isArray(d.periods)).toBe(true),
      },
      supervision: {
        openid: 'demo-leader',
        action: 'agenda',
        payload: {},
        check: (d: { items: unknown[]; units: unknown[] }) => expect([d.items.length, d.units.length > 0]).toEqual([0, true]),
      },
      surveys: {
        openid: 'demo-admin',
        action: 'list',
        payload: {},
        check: (d: { items: unknown[] }) => expect(Array.isArray(d.items)).toBe(true),
      },
    };
    const others = built.map((b) => b.name).filter((n) => n !== 'tickets' && n !== 'escalation');
    expect(others.sort()).toEqual(Object.keys(calls).sort());
    for (const name of others) {
      const c = calls[name];
      // Act
      const res = await invokeBundle(
        dirOf(name),
        server.url,
        { action: c.action, payload: c.payload },
        { openid: c.openid, source: 'wx_client' },
      );
      // Assess
      expect({ name, code: res.reply.code }).toEqual({ name, code: 0 });
      c.check(res.reply.data as never);
    }
  }, 120_000);

  it('takes a QR report end to end through the built tickets function', async () => {
    // Prepare: a window of the seeded demo campus.
    const zones = (await nodeSdkApp(server.url).database().collection('zones').where({ kind: 'window' }).limit(1).get()).data as Array<{
      sceneId: string;
    }>;
    const payload = { requestId: randomUUID(), sceneId: zones[0].sceneId, categoryCode: 'hygiene', text: '窗口台面有油污，请尽快清理' };
    // Act
    const res = await invokeBundle(
      dirOf('tickets'),
      server.url,
      { action: 'createReport', payload },
      { openid: 'demo-student-1', source: 'wx_client' },
    );
    // Assess: a numbered, assigned ticket, stored in the local cloud.
    expect(res.reply.code).toBe(0);
    const stored = (await nodeSdkApp(server.url).database().collection('tickets').where({ requestId: payload.requestId }).get())
      .data as Array<{
      no: string;
      state: string;
    }>;
    expect(stored).toHaveLength(1);
    expect(stored[0].no).toMatch(/^XC-\d{8}-\d{4}$/);
    expect(stored[0].state).toBe('assigned');
  });

  it('runs the built escalation function as its timer does', async () => {
    const res = await invokeBundle(
      dirOf('escalation'),
      server.url,
      { Type: 'Timer', TriggerName: 'everyMinute', Time: new Date().toISOString() },
      { source: 'wx_trigger' },
    );
    expect(res.reply.code).toBe(0);
  });
});

/**
 * Another team's CloudBase project on the local cloud, as README "Run your own CloudBase functions locally"
 * describes it: a functions folder and a database configuration outside this repository, plain CommonJS
 * functions that require from their own folder (NODE_PATH), bring a package in their own node_modules and use
 * the host's wx-server-sdk. The server runs as `npm start` runs it, in its own process, on a machine set to
 * Asia/Shanghai.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Spawned, spawnLocalCloud, tempDir } from '../helpers/local-cloud';

const FIXTURE = path.join(__dirname, 'fixtures', 'project');

let server: Spawned;
let project: string;
beforeAll(async () => {
  // Prepare: the project copied outside the repository, with a package in the shop function's node_modules.
  project = tempDir('other-project-');
  fs.cpSync(FIXTURE, project, { recursive: true });
  const pkg = path.join(project, 'functions', 'shop', 'node_modules', 'tiny-fmt');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'index.js'), "module.exports = (name, qty) => name + ' × ' + qty;");
  server = await spawnLocalCloud(tempDir(), {
    FUNCTIONS_DIR: path.join(project, 'functions'),
    DATABASE_CONFIG: path.join(project, 'database.json'),
    TZ: 'Asia/Shanghai',
    NO_SEED: '0',
  });
}, 60_000);
afterAll(() => server?.stop());

async function call(name: string, data: unknown): Promise<{ result?: unknown; code?: string; message?: string }> {
  const res = await fetch(`${server.url}/local/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-openid': 'o-buyer' },
    body: JSON.stringify({ name, data }),
  });
  return (await res.json()) as { result?: unknown; code?: string; message?: string };
}

describe('another CloudBase project on the local cloud', () => {
  it('starts without seeding the demo campus, whose collections this project does not have', () => {
    expect(server.output()).toMatch(/not seeded: no demo collections/);
  });

  it('runs functions in UTC although the machine is set to Asia/Shanghai', async () => {
    expect((await call('clock', {})).result).toEqual({ offset: 0, hours: 0, date: 28, tz: 'UTC' });
  });

  it('resolves require("lib/…") from the function folder, its own node_modules and the host’s SDK', async () => {
    expect((await call('shop', { action: 'seed' })).result).toEqual({ ok: true });
    const bought = (await call('shop', { action: 'buy', productId: 'p1', qty: 2 })).result as { orderId: string; label: string };
    expect(bought.label).toBe('奶茶 × 2');
  });

  it('commits a transaction or nothing', async () => {
    const refused = await call('shop', { action: 'buy', productId: 'p1', qty: 5 });
    expect(refused.code).toBe('FUNCTIONS_EXECUTE_FAIL');
    await call('shop', { action: 'buy', productId: 'p2', qty: 3 });
    const report = (await call('shop', { action: 'report' })).result;
    expect(report).toEqual([
      { productId: 'p1', qty: 2, amount: 25, name: '奶茶' },
      { productId: 'p2', qty: 3, amount: 6, name: '包子' },
    ]);
  });

  it('uploads a file from a function and serves it by a temporary URL', async () => {
    const r = (await call('shop', { action: 'receipt', orderId: 'o1' })).result as { fileID: string; url: string };
    expect(r.fileID).toMatch(/^cloud:\/\/.+\/receipts\/o-buyer\/o1\.txt$/);
    expect(await (await fetch(r.url)).text()).toBe('订单 o1');
  });

  it('gives the function its caller and CLIENTIP', async () => {
    expect((await call('shop', { action: 'who' })).result).toEqual({ openid: 'o-buyer', clientIp: '127.0.0.1' });
  });

  it('answers a function whose dependency is missing with the module error, and logs it', async () => {
    const r = await call('broken', {});
    expect(r.code).toBe('FUNCTIONS_EXECUTE_FAIL');
    expect(r.message).toMatch(/Cannot find module 'some-module-nobody-installed'/);
    expect(server.output()).toMatch(/function broken failed to load: Cannot find module 'some-module-nobody-installed'/);
  });
});

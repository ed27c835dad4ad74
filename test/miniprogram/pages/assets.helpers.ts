/**
 * Page tests of the assets subpackage against the real `assets` function on a local cloud. The local cloud runs
 * in its own process (`npm start`'s entry, demo campus seeded) because its database modules do not load under
 * jsdom; the page's local-mode `/local/call` requests are forwarded to it over HTTP as the signed-in demo
 * identity, exactly as the mini-program's local mode does. No canned replies.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { type Backend, setup } from '../helpers/sim';

const ROOT = path.resolve(__dirname, '../../..');

export interface RealCloud {
  url: string;
  stop(): Promise<void>;
}

/** Starts the local cloud with the demo campus in a child process and waits until it is ready. */
export async function startCloud(): Promise<RealCloud> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-assets-'));
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/local-cloud/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, NO_TIMERS: '1', XUNCHA_LOG_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d) => {
    out += d;
  });
  proc.stderr?.on('data', (d) => {
    out += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local cloud did not start:\n${out}`)), 60_000);
    proc.stdout?.on('data', () => {
      const m = /LOCAL_CLOUD_READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`local cloud exited with ${code}:\n${out}`)));
  });
  const exited = new Promise<void>((r) => proc.on('exit', () => r()));
  return {
    url,
    stop: async () => {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

function post(url: string, body: Buffer | string, headers: Record<string, string>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent: false, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Calls a function through the local cloud's `/local/call` as `openid`; resolves to the function's reply. */
export async function call(cloud: RealCloud, openid: string, name: string, action: string, payload: Record<string, unknown> = {}) {
  const res = (await post(`${cloud.url}/local/call`, JSON.stringify({ name, data: { action, payload } }), {
    'content-type': 'application/json',
    'x-local-openid': openid,
  })) as { result?: { code: 0 | string; data?: never } };
  if (!res.result) throw new Error(`call failed: ${JSON.stringify(res)}`);
  return res.result;
}

/** Uploads a file through `/local/upload` as `openid`; resolves to its file id. */
export async function upload(cloud: RealCloud, openid: string, cloudPath: string, content: Buffer): Promise<string> {
  const boundary = `----xuncha${Date.now()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = (await post(`${cloud.url}/local/upload?cloudPath=${encodeURIComponent(cloudPath)}`, body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'x-local-openid': openid,
  })) as { fileID?: string };
  if (!res.fileID) throw new Error(`upload failed: ${JSON.stringify(res)}`);
  return res.fileID;
}

/** The real function through the local cloud, as `openid`. */
export const realBackend =
  (cloud: RealCloud, openid: string): Backend =>
  (name, action, payload) =>
    call(cloud, openid, name, action, payload);

/** A simulate in local mode signed in as a demo identity, answering from the real functions. */
export const asDemo = (cloud: RealCloud, openid: string, name = '演示用户') =>
  setup({ mode: 'local', identity: { openid, name, label: openid }, backend: realBackend(cloud, openid) });

/** Waits until `check` passes (the page's calls reach the local cloud and come back). */
export async function until(check: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for the page');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Demo identities and places used by the asset page tests (the seeded demo campus). */
export const DEMO = {
  manager: 'demo-manager-property',
  staff: 'demo-staff-property-1',
  staffId: 'person-staff-property-1',
  admin: 'demo-admin',
  unit: 'unit-property',
  otherUnit: 'unit-dining',
  otherManager: 'demo-manager-dining',
} as const;

/** A zone of a demo unit (the first one the admin function lists). */
export async function zoneOf(cloud: RealCloud, unitId: string): Promise<string> {
  const r = (await call(cloud, DEMO.admin, 'admin', 'zones', { unitId })) as {
    code: 0 | string;
    data?: { items: Array<{ _id: string; unitId: string }> };
  };
  const z = r.data?.items.find((x) => x.unitId === unitId);
  if (!z) throw new Error(`no zone of ${unitId}: ${JSON.stringify(r).slice(0, 300)}`);
  return z._id;
}

/** The scene id (the code on its QR poster, the import sheet's 存放地点编码) of a demo unit's first zone. */
export async function sceneOf(cloud: RealCloud, unitId: string): Promise<string> {
  const r = (await call(cloud, DEMO.admin, 'admin', 'zones', { unitId })) as {
    data?: { items: Array<{ unitId: string; sceneId: string }> };
  };
  const z = r.data?.items.find((x) => x.unitId === unitId);
  if (!z) throw new Error(`no zone of ${unitId}`);
  return z.sceneId;
}

/**
 * An .xlsx of `rows` (first row: headers), written by exceljs in a plain Node process: under jsdom, jest
 * resolves exceljs and its dependencies to their browser bundles.
 */
export async function sheet(rows: unknown[][]): Promise<Buffer> {
  const script =
    "const E=require('exceljs');const rows=JSON.parse(require('fs').readFileSync(0,'utf8'));" +
    "const wb=new E.Workbook();const ws=wb.addWorksheet('台账');for(const r of rows)ws.addRow(r);" +
    "wb.xlsx.writeBuffer().then(b=>process.stdout.write(Buffer.from(b).toString('base64')));";
  const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, input: JSON.stringify(rows) });
  return Buffer.from(out.toString('utf8'), 'base64');
}

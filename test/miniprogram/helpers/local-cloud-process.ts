/**
 * A local cloud in a child process for page tests, reached over HTTP at `/local/call` exactly as the
 * mini-program's local mode reaches it. (The in-process local cloud cannot load under jsdom: bson's browser
 * build is ESM.) Pages rendered by miniprogram-simulate then call the real cloud functions.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

export interface LocalProcess {
  url: string;
  /** Calls `action` of function `name` as `openid`; resolves to the function's reply. */
  call(name: string, action: string, payload: unknown, openid: string): Promise<{ code: 0 | string; data?: unknown; message?: string }>;
  stop(): Promise<void>;
}

/** Starts the seeded demo campus (demo-admin, demo-leader, … as identities) on a fresh data dir. */
export async function startLocalProcess(): Promise<LocalProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-page-'));
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/local-cloud/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, NO_TIMERS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d) => (out += d));
  proc.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local cloud did not start:\n${out}`)), 60_000);
    const check = () => {
      const m = /LOCAL_CLOUD_READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    proc.stdout?.on('data', check);
    proc.on('exit', (code) => reject(new Error(`local cloud exited with ${code}:\n${out}`)));
  });
  const call: LocalProcess['call'] = (name, action, payload, openid) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        `${url}/local/call`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'x-local-openid': openid } },
        (res) => {
          let s = '';
          res.on('data', (d) => (s += d));
          res.on('end', () => {
            const body = JSON.parse(s) as { result?: never };
            resolve(body.result ?? (body as never));
          });
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ name, data: { action, payload } }));
    });
  return {
    url,
    call,
    stop: async () => {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCloud, type LocalCloudOptions, ROOT } from '../../scripts/local-cloud/cloud';

export function tempDir(prefix = 'xuncha-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A local cloud in this test process (in-process seam + HTTP on a free port), on a fresh data dir. */
export async function startLocalCloud(opts: Partial<LocalCloudOptions> = {}): Promise<LocalCloud & { dataDir: string }> {
  const dataDir = opts.dataDir ?? tempDir();
  const cloud = await LocalCloud.start({ port: 0, ...opts, dataDir });
  return Object.assign(cloud, { dataDir });
}

/** The real wx-server-sdk, initialised as a cloud function initialises it. */
export function wxCloud(): typeof import('wx-server-sdk') {
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return cloud;
}

export type Spawned = {
  url: string;
  proc: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
  /** Kills the server process outright; resolves to the signal it died of. */
  kill9: () => Promise<NodeJS.Signals | null>;
};

/** Runs `npm start`'s entry point in a child process (no seed unless asked) and waits until it is ready. */
export async function spawnLocalCloud(dataDir: string, env: Record<string, string> = {}): Promise<Spawned> {
  // node itself with tsx as its loader, not the .bin/tsx wrapper: the wrapper runs the server as a
  // grandchild, so a SIGKILL would kill the wrapper and leave the server running.
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/local-cloud/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, NO_SEED: '1', NO_TIMERS: '1', ...env },
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
    const timer = setTimeout(() => reject(new Error(`local cloud did not start:\n${out}`)), 30_000);
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
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
  return {
    url,
    proc,
    output: () => out,
    stop: async () => {
      proc.kill('SIGTERM');
      await exited;
    },
    kill9: async () => {
      proc.kill('SIGKILL');
      return exited;
    },
  };
}

/** The real @cloudbase/node-sdk pointed at a local cloud over HTTP, as any external client would be. */
export function nodeSdkApp(url: string) {
  // Off Tencent Cloud, node-sdk probes a metadata server (30 ms timeout) before every request
  // unless told where it runs; README documents this for any external client.
  process.env.TENCENTCLOUD = 'true';
  const tcb = require('@cloudbase/node-sdk') as typeof import('@cloudbase/node-sdk');
  return tcb.init({ env: 'xuncha-local', secretId: 'local', secretKey: 'local', serviceUrl: `${url}/admin` } as never);
}

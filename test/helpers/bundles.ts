import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type Invoked = {
  reply: { code: number | string; data?: Record<string, unknown>; message?: string };
  /** Time to require the SDKs (excluded from a function's own cold start). */
  sdkMs: number;
  /** Time to require the bundle once the SDKs are loaded. */
  loadMs: number;
  firstCallMs: number;
};

/**
 * Loads a built function in a new Node process, as CloudBase loads it, with the environment CloudBase
 * sets for an invocation by `caller` (the service URL pointing the SDKs at a local cloud at `url`),
 * and calls its main once.
 */
export async function invokeBundle(
  dir: string,
  url: string,
  event: unknown,
  caller: { openid?: string; source: string },
): Promise<Invoked> {
  const script = `
    const t0 = performance.now();
    require('wx-server-sdk'); require('@cloudbase/node-sdk');
    const t1 = performance.now();
    const fn = require(${JSON.stringify(path.join(dir, 'index.js'))});
    const t2 = performance.now();
    fn.main(${JSON.stringify(event)}, { function_name: 'bundle' }).then((reply) => {
      process.stdout.write('\\n@@RESULT@@' + JSON.stringify({ reply, sdkMs: t1 - t0, loadMs: t2 - t1, firstCallMs: performance.now() - t2 }));
      process.exit(0);
    }, (e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    TZ: 'UTC',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TENCENTCLOUD: 'true',
    SILENCE: 'true',
    SCF_NAMESPACE: 'xuncha-local',
    TCB_ENV: 'xuncha-local',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,TCB_ENV,TCB_SOURCE',
    WX_APPID: 'wxlocal0000000000',
    TCB_SOURCE: caller.source,
    ...(caller.openid ? { WX_OPENID: caller.openid } : {}),
  };
  // The bundle resolves the SDKs from the project's node_modules, as the cloud installs them beside it.
  const { stdout } = await run(process.execPath, ['-e', script], { env, cwd: path.resolve(__dirname, '..', '..'), timeout: 30_000 });
  // The function's own log lines go to stdout too; the result follows the marker.
  return JSON.parse(stdout.slice(stdout.lastIndexOf('@@RESULT@@') + '@@RESULT@@'.length)) as Invoked;
}

import fs from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import { type Identity, invocationEnv, withInvocationEnv } from './context';
import { type Cron, nextFire, parseCron } from './cron';
import { CloudCode, CloudError } from './engine/errors';
import { type CloudProfile, QUOTA_CODES } from './profile';

/** A function's `config.json`, as CloudBase reads it. */
export type FunctionConfig = {
  timeout?: number;
  triggers?: Array<{ name: string; type: string; config: string }>;
  permissions?: { openapi?: string[] };
};

type Loaded = { name: string; dir: string; entry: string; config: FunctionConfig; main?: (event: unknown, context: unknown) => unknown };

export type OutboxEntry = {
  at: Date;
  from: string;
  touser: string;
  templateId: string;
  page?: string;
  data: unknown;
  /** 0 when delivered; 43101 when the user has no subscription left for the template. */
  errcode: number;
};

type ProtoRoot = {
  CommApiData: { decode: (b: Buffer) => { openapiData?: { pairs?: Array<{ key: string; value: Buffer }> } } };
  CommOpenApiResp: { encode: (m: { respData: Buffer; contentType: string; errorCode: number }) => { finish: () => Uint8Array } };
};

export type Invocation = { name: string; identity: Identity; startedAt: Date; ms: number; ok: boolean; error?: string };

/**
 * Local content-security rule for `security.msgSecCheck` (deterministic, documented in the README):
 * text containing any RISKY word is `risky`, any REVIEW word is `review`, anything else `pass`.
 */
export const SEC_CHECK_WORDS = {
  risky: ['违禁词', '赌博', '毒品', '[risky]'],
  review: ['待审核', '广告', '[review]'],
} as const;

/** CloudBase's timeout for a function whose config.json sets none. */
export const DEFAULT_TIMEOUT_S = 3;
/** Node's largest timer delay (2^31 - 1 ms); a longer one overflows and fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `setTimeout` for any delay: one beyond Node's limit waits in steps and then re-checks the clock,
 * so a monthly trigger armed early in the month waits instead of firing every millisecond.
 * The handle holder's `current` is the step armed now (for clearTimeout).
 */
export function setLongTimeout(
  fn: () => void,
  at: () => number,
  now: () => number,
  step = MAX_TIMER_MS,
): { current: NodeJS.Timeout; cancel: () => void } {
  const holder = {
    current: undefined as unknown as NodeJS.Timeout,
    cancelled: false,
    cancel: () => {
      holder.cancelled = true;
      clearTimeout(holder.current);
    },
  };
  const arm = () => {
    if (holder.cancelled) return;
    const left = at() - now();
    if (left <= step) {
      holder.current = setTimeout(fn, Math.max(0, left));
    } else {
      holder.current = setTimeout(arm, step);
    }
    holder.current.unref();
  };
  arm();
  return holder;
}

/**
 * CloudBase puts the function's folder and its node_modules on NODE_PATH (/var/user,
 * /var/user/node_modules): `require('lib/x')` resolves from the function's root. Node builds a
 * module's lookup paths with `Module._nodeModulePaths`; for modules inside a function folder the host
 * appends that folder, its node_modules, and last the host's own node_modules (so a project that brings
 * no SDK uses the host's wx-server-sdk), as NODE_PATH entries come after the usual lookup.
 */
const functionRoots: string[] = [];
/** Every host made in this process, oldest first (open-API calls find theirs by function name). */
const HOSTS: FunctionHost[] = [];
let pathsPatched = false;
function addFunctionRoot(dir: string, hostModules: string): void {
  if (!functionRoots.includes(dir)) functionRoots.push(dir);
  if (pathsPatched) return;
  pathsPatched = true;
  const Module = require('node:module') as { _nodeModulePaths: (from: string) => string[] };
  const original = Module._nodeModulePaths;
  Module._nodeModulePaths = function patched(from: string): string[] {
    const paths = original.call(this, from);
    const root = functionRoots.find((r) => from === r || from.startsWith(r + path.sep));
    if (!root) return paths;
    const extra = [root, path.join(root, 'node_modules'), hostModules].filter((p) => !paths.includes(p));
    return [...paths, ...extra];
  };
}

/**
 * Loads every function under `cloudfunctions/` and invokes it as CloudBase would: with its own
 * WeChat context, its `config.json` timeout, its timer trigger, and the open-API calls it is
 * permitted. Functions run in this process with the real wx-server-sdk.
 */
export class FunctionHost {
  readonly functions = new Map<string, Loaded>();
  readonly outbox: OutboxEntry[] = [];
  readonly invocations: Invocation[] = [];
  /** One-time subscription quotas (WeChat's 一次性订阅): `${openid}|${templateId}` → remaining sends. */
  private readonly quotas = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly inFlight = new Map<string, number>();
  private readonly longTimers = new Map<string, { cancel: () => void }>();
  private stopped = true;

  constructor(
    private readonly root: string,
    private readonly envId: string,
    private readonly appId: string,
    private readonly now: () => Date = () => new Date(),
    private readonly profile: () => CloudProfile | null = () => null,
  ) {
    this.discover();
    HOSTS.push(this);
    this.installOpenApi();
  }

  private discover(): void {
    if (!fs.existsSync(this.root)) return;
    for (const entry of fs.readdirSync(this.root, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
      const dir = path.join(this.root, entry.name);
      const file = ['index.ts', 'index.js'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
      if (!file) continue;
      const configFile = path.join(dir, 'config.json');
      const config = fs.existsSync(configFile) ? (JSON.parse(fs.readFileSync(configFile, 'utf8')) as FunctionConfig) : {};
      this.functions.set(entry.name, { name: entry.name, dir, entry: file, config });
      addFunctionRoot(dir, path.resolve(__dirname, '..', '..', 'node_modules'));
    }
  }

  /** Lines the host logged (a failed require, …), as CloudBase's function log shows them. */
  readonly log: string[] = [];

  private load(name: string): Loaded & { main: NonNullable<Loaded['main']> } {
    const fn = this.functions.get(name);
    if (!fn) throw new CloudError(CloudCode.FunctionMissing, `function ${name} not found`);
    if (!fn.main) {
      let mod: { main?: Loaded['main'] };
      try {
        mod = require(fn.entry) as { main?: Loaded['main'] };
      } catch (e) {
        // CloudBase answers with the module error and writes it to the function's log.
        const err = e as Error & { code?: string };
        const line = `${name}: ${err?.stack ?? err}`;
        this.log.push(line);
        process.stderr.write(`[local-cloud] function ${name} failed to load: ${String(err?.message ?? err).split('\n')[0]}\n`);
        throw new CloudError(CloudCode.FunctionFailed, `${err?.name ?? 'Error'}: ${err?.message ?? err}`);
      }
      if (typeof mod.main !== 'function') throw new CloudError(CloudCode.FunctionFailed, `function ${name} does not export main`);
      fn.main = mod.main;
    }
    return fn as Loaded & { main: NonNullable<Loaded['main']> };
  }

  /** Invokes a function as `identity`; resolves to its return value, or throws a coded CloudError. */
  async invoke(name: string, event: unknown, identity: Identity): Promise<unknown> {
    const limit = this.profile()?.functionConcurrency ?? null;
    const busy = this.inFlight.get(name) ?? 0;
    if (limit !== null && busy >= limit) {
      throw new CloudError(
        QUOTA_CODES.concurrency,
        `${QUOTA_CODES.concurrency}: function ${name} already runs ${busy} concurrent requests`,
      );
    }
    this.inFlight.set(name, busy + 1);
    try {
      return await this.invokeAdmitted(name, event, identity);
    } finally {
      this.inFlight.set(name, (this.inFlight.get(name) ?? 1) - 1);
    }
  }

  private async invokeAdmitted(name: string, event: unknown, identity: Identity): Promise<unknown> {
    const fn = this.load(name);
    const started = this.now();
    const t0 = performance.now();
    const env = { ...invocationEnv({ appid: this.appId, ...identity }, this.envId), LOCAL_CLOUD_FUNCTION: name };
    const payload =
      identity.source === 'wx_client' && event && typeof event === 'object'
        ? { ...(event as object), userInfo: { appId: this.appId, openId: identity.openid } }
        : event;
    const context = {
      function_name: name,
      namespace: this.envId,
      request_id: `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`,
    };
    const timeoutMs = (fn.config.timeout ?? DEFAULT_TIMEOUT_S) * 1000;
    let timer: NodeJS.Timeout | undefined;
    const run = withInvocationEnv(env, () => Promise.resolve().then(() => fn.main(payload, context)));
    this.running.add(run);
    const record = (ok: boolean, error?: string) =>
      this.invocations.push({ name, identity, startedAt: started, ms: performance.now() - t0, ok, error });
    try {
      const result = await Promise.race([
        run,
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new CloudError(CloudCode.FunctionFailed, `Invoking task timed out after ${timeoutMs / 1000} seconds`)),
            timeoutMs,
          );
          timer.unref();
        }),
      ]);
      record(true);
      return result;
    } catch (e) {
      const err =
        e instanceof CloudError ? e : new CloudError(CloudCode.FunctionFailed, `function ${name} threw: ${(e as Error)?.message ?? e}`);
      record(false, err.message);
      throw err;
    } finally {
      clearTimeout(timer);
      run.finally(() => this.running.delete(run)).catch(() => {});
    }
  }

  // ---- timer triggers ------------------------------------------------------------------------

  /** The timer trigger of each function that has one, parsed. */
  timerTriggers(): Array<{ fn: string; trigger: string; cron: Cron }> {
    const out: Array<{ fn: string; trigger: string; cron: Cron }> = [];
    for (const fn of this.functions.values()) {
      for (const t of fn.config.triggers ?? []) {
        if (t.type === 'timer') out.push({ fn: fn.name, trigger: t.name, cron: parseCron(t.config) });
      }
    }
    return out;
  }

  /** Fires a timer trigger now, with the event CloudBase sends for one. */
  fireTimer(fn: string, trigger: string, at = this.now()): Promise<unknown> {
    const event = { Type: 'Timer', TriggerName: trigger, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' };
    return this.invoke(fn, event, { source: 'wx_trigger' });
  }

  /** The longest single timer step (tests shorten it to see a long wait re-arm). */
  timerStep = MAX_TIMER_MS;

  startTimers(onError: (fn: string, e: unknown) => void = () => {}): void {
    this.stopped = false;
    for (const { fn, trigger, cron } of this.timerTriggers()) {
      const schedule = () => {
        if (this.stopped) return;
        const next = nextFire(cron, this.now());
        if (!next) return;
        const handle = setLongTimeout(
          () => {
            schedule();
            this.fireTimer(fn, trigger, next).catch((e) => onError(fn, e));
          },
          () => next.getTime(),
          () => this.now().getTime(),
          this.timerStep,
        );
        this.longTimers.set(`${fn}/${trigger}`, handle);
      };
      schedule();
    }
  }

  /** Stops the timers and waits for invocations in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const t of this.longTimers.values()) t.cancel();
    this.longTimers.clear();
    await Promise.allSettled([...this.running]);
  }

  // ---- open API ------------------------------------------------------------------------------

  /** Grants `count` one-time subscriptions of a template to a user (what accepting the prompt does). */
  subscribe(openid: string, templateId: string, count = 1): void {
    const key = `${openid}|${templateId}`;
    this.quotas.set(key, (this.quotas.get(key) ?? 0) + count);
  }

  /** wx-server-sdk's protobuf types (registered on protobufjs' default root when it loads). */
  private protobuf(): ProtoRoot {
    const pbPath = require.resolve('protobufjs/minimal', { paths: [path.dirname(require.resolve('wx-server-sdk'))] });
    return (require(pbPath) as { roots: { default: ProtoRoot } }).roots.default;
  }

  /**
   * An open-API call arriving over HTTP (`action=wx.openApi`: a protobuf CommApiData in a multipart
   * form), as a function bundle running in its own process sends it. Answers a protobuf
   * CommOpenApiResp. Over HTTP the calling function is unknown, so `permissions.openapi` is checked
   * only for the functions this host runs.
   */
  async openApiOverHttp(api: string, requestData: Buffer): Promise<Buffer> {
    const pb = this.protobuf();
    const req = pb.CommApiData.decode(requestData);
    const params = Object.fromEntries((req.openapiData?.pairs ?? []).map((p) => [p.key, JSON.parse(p.value.toString())]));
    const reply = await this.openApi(api, params, 'http');
    const resp = Buffer.isBuffer(reply)
      ? { respData: reply, contentType: 'image/png', errorCode: 0 }
      : { respData: Buffer.from(JSON.stringify(reply)), contentType: 'application/json', errorCode: 0 };
    return Buffer.from(pb.CommOpenApiResp.encode(resp).finish());
  }

  private installOpenApi(): void {
    const cloud = require('wx-server-sdk') as { registerService: (p: { createService: (c: unknown) => { name: string } }) => void };
    const pb = this.protobuf();
    let internal: { provider: { api: Record<string, unknown> } } | undefined;
    cloud.registerService({
      createService: (c) => {
        internal = c as typeof internal;
        return { name: '__local_cloud' };
      },
    });
    if (!internal) throw new Error('wx-server-sdk did not expose its provider');
    internal.provider.api.callWXOpenAPI = async ({ api, data }: { api: string; data: Buffer }) => {
      const fnName = process.env.LOCAL_CLOUD_FUNCTION ?? '';
      // wx-server-sdk is one per process: the call goes to the newest host that runs this function.
      const self = [...HOSTS].reverse().find((h) => h.functions.has(fnName)) ?? this;
      return self.answerOpenApi(fnName, api, data, pb);
    };
  }

  private async answerOpenApi(fnName: string, api: string, data: Buffer, pb: ProtoRoot): Promise<unknown> {
    const allowed = this.functions.get(fnName)?.config.permissions?.openapi ?? [];
    if (!allowed.includes(api)) {
      // What the platform answers when config.json does not list the API (wx-server-sdk throws it).
      const errMsg = `system error: error code: -604101 (function ${fnName} has no permission to call ${api})`;
      throw Object.assign(new Error(errMsg), { errCode: -604101, errMsg });
    }
    const req = pb.CommApiData.decode(data);
    const params = Object.fromEntries((req.openapiData?.pairs ?? []).map((p) => [p.key, JSON.parse(p.value.toString())]));
    const reply = await this.openApi(api, params, fnName);
    if (Buffer.isBuffer(reply)) return { contentType: 'image/png', respData: reply, errorCode: 0 };
    return { contentType: 'application/json', respData: Buffer.from(JSON.stringify(reply)), errorCode: 0 };
  }

  /** The local behaviour of each open API the project uses (params arrive snake_case). */
  private async openApi(api: string, p: Record<string, unknown>, from: string): Promise<Record<string, unknown> | Buffer> {
    switch (api) {
      case 'subscribeMessage.send': {
        const key = `${p.touser}|${p.template_id}`;
        const left = this.quotas.get(key) ?? 0;
        const errcode = left > 0 ? 0 : 43101;
        if (left > 0) this.quotas.set(key, left - 1);
        this.outbox.push({
          at: this.now(),
          from,
          touser: String(p.touser),
          templateId: String(p.template_id),
          page: p.page as string | undefined,
          data: p.data,
          errcode,
        });
        return errcode === 0 ? { errcode: 0, errmsg: 'ok' } : { errcode, errmsg: 'user refuse to accept the msg' };
      }
      case 'security.msgSecCheck': {
        const content = String(p.content ?? '');
        if (content.length === 0 || content.length > 2500) return { errcode: 40003, errmsg: 'invalid content length' };
        const suggest = SEC_CHECK_WORDS.risky.some((w) => content.includes(w))
          ? 'risky'
          : SEC_CHECK_WORDS.review.some((w) => content.includes(w))
            ? 'review'
            : 'pass';
        return { errcode: 0, errmsg: 'ok', result: { suggest, label: suggest === 'pass' ? 100 : 20001 }, detail: [], trace_id: 'local' };
      }
      case 'wxacode.get':
      case 'wxacode.createQRCode': {
        // Limited codes: a page path with its query (at most 1024 characters, as WeChat allows).
        const page = String(p.path ?? '');
        if (!page || page.length > 1024) return { errcode: 40159, errmsg: 'invalid length for path, or the data is not json string' };
        const text = `https://local.xuncha/${page.replace(/^\//, '')}`;
        return QRCode.toBuffer(text, { type: 'png', width: Number(p.width) || 430, margin: 1, errorCorrectionLevel: 'M' });
      }
      case 'wxacode.getUnlimited': {
        const scene = String(p.scene ?? '');
        if (!scene || scene.length > 32) return { errcode: 40169, errmsg: 'invalid length for scene' };
        const text = `https://local.xuncha/${p.page ?? 'pages/index/index'}?scene=${encodeURIComponent(scene)}`;
        return QRCode.toBuffer(text, { type: 'png', width: Number(p.width) || 430, margin: 1, errorCorrectionLevel: 'M' });
      }
      default:
        return { errcode: 48001, errmsg: `api ${api} is not provided by the local cloud` };
    }
  }
}

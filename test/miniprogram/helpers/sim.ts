/**
 * Loads a mini-program component or page (written with `Component()`, in TypeScript) into miniprogram-simulate
 * with the backend boundary replaced: `wx.cloud` (cloud mode) or `wx.request` / `wx.uploadFile` (local mode)
 * answer from a test's `backend` function, and every call is recorded. Jest's own module system resolves
 * `require('<page>/index')` to `index.ts` and ts-jest compiles it, so no build step is needed.
 *
 * Every `setData` payload of every component is measured (JSON bytes), so tests can hold pages to a budget.
 */
import path from 'node:path';

export const MP_ROOT = path.resolve(__dirname, '../../../miniprogram');

/** A cloud function's reply to `{ action, payload }`. */
export type Backend = (name: string, action: string, payload: Record<string, unknown>) => unknown | Promise<unknown>;

export type Call = { name: string; action: string; payload: Record<string, unknown>; openid?: string };

export interface Sim {
  // biome-ignore lint/suspicious/noExplicitAny: miniprogram-simulate's component wrapper is untyped
  simulate: any;
  calls: Call[];
  /** JSON sizes of every setData payload, largest first on demand. */
  setDataSizes: number[];
  storage: Map<string, unknown>;
  wx: Record<string, jest.Mock | unknown> & { cloud?: Record<string, jest.Mock> };
  // biome-ignore lint/suspicious/noExplicitAny: as above
  render(page: string, props?: Record<string, unknown>): any;
}

export interface SimOptions {
  mode?: 'cloud' | 'local';
  backend?: Backend;
  /** Local identity stored before the page loads (local mode). */
  identity?: { openid: string; name: string; label: string } | null;
  /** Local mode: what GET /local/identities answers. */
  identities?: Array<{ openid: string; name: string; label: string }>;
  /** Uploads succeed unless this returns false. */
  upload?: (cloudPath: string) => boolean;
}

/** WeChat flags large setData payloads; every page test fails on one over 64 KB (checked after each test). */
export const SET_DATA_LIMIT = 64 * 1024;
const oversized: string[] = [];
/** Takes the oversized payloads seen so far (a test that means to provoke one). */
export const takeOversized = (): string[] => oversized.splice(0);
afterEach(() => {
  const found = takeOversized();
  if (found.length > 0) throw new Error(`setData payloads over 64 KB: ${found.join('; ')}`);
});

/** Fresh modules, a fresh simulate, and a `wx` whose backend boundary answers from `opts.backend`. */
export function setup(opts: SimOptions = {}): Sim {
  jest.resetModules();
  const g = globalThis as unknown as Record<string, unknown>;
  delete g.wx;
  const simulate = require('miniprogram-simulate');
  const wx = g.wx as Sim['wx'];
  const calls: Call[] = [];
  const setDataSizes: number[] = [];
  const storage = new Map<string, unknown>();
  const backend: Backend = opts.backend ?? (() => ({ code: 0, data: {} }));

  // Measure every setData of every component (pages and children alike).
  const origComponent = g.Component as (o: Record<string, unknown>) => void;
  g.Component = (options: Record<string, unknown>) => {
    const lifetimes = { ...((options.lifetimes as Record<string, (...a: unknown[]) => void>) ?? {}) };
    const created = lifetimes.created ?? (options.created as ((...a: unknown[]) => void) | undefined);
    lifetimes.created = function (this: { setData: (d: unknown, cb?: unknown) => void }, ...args: unknown[]) {
      const orig = this.setData;
      this.setData = (d: unknown, cb?: unknown) => {
        const size = Buffer.byteLength(JSON.stringify(d));
        setDataSizes.push(size);
        if (size > SET_DATA_LIMIT) oversized.push(`${size} bytes (${Object.keys(d as object).join(', ')})`);
        return orig.call(this, d, cb);
      };
      created?.apply(this, args);
    };
    return origComponent({ ...options, lifetimes });
  };

  storage.set('xuncha.localMode', opts.mode === 'local');
  if (opts.identity) storage.set('xuncha.localIdentity', opts.identity);
  Object.assign(wx, {
    getStorageSync: jest.fn((k: string) => (storage.has(k) ? storage.get(k) : '')),
    setStorageSync: jest.fn((k: string, v: unknown) => storage.set(k, v)),
    removeStorageSync: jest.fn((k: string) => storage.delete(k)),
    showToast: jest.fn(),
    showModal: jest.fn(),
    showActionSheet: jest.fn(),
    navigateTo: jest.fn(),
    switchTab: jest.fn(),
    reLaunch: jest.fn(),
    redirectTo: jest.fn(),
    setTabBarBadge: jest.fn(),
    removeTabBarBadge: jest.fn(),
    stopPullDownRefresh: jest.fn(),
    requestSubscribeMessage: jest.fn((o: { tmplIds: string[]; success?: (r: unknown) => void }) =>
      o.success?.(Object.fromEntries(o.tmplIds.map((t) => [t, 'accept']))),
    ),
    chooseMedia: jest.fn((o: { count: number; success?: (r: unknown) => void }) =>
      o.success?.({ tempFiles: Array.from({ length: Math.min(o.count, 2) }, (_v, i) => ({ tempFilePath: `wxfile://tmp/${i}.jpg` })) }),
    ),
    scanCode: jest.fn(),
  });

  const answer = async (name: string, data: { action: string; payload?: Record<string, unknown> }, openid?: string) => {
    const call: Call = { name, action: data.action, payload: data.payload ?? {}, ...(openid ? { openid } : {}) };
    calls.push(call);
    const reply = await backend(call.name, call.action, call.payload);
    // Every WeChat user has an openid, and `org.me` reports it (the photo picker names its upload folder with it).
    const r = reply as { code?: unknown; data?: Record<string, unknown> } | null;
    if (name === 'org' && data.action === 'me' && r?.code === 0 && r.data && typeof r.data === 'object' && !('openid' in r.data)) {
      return { ...r, data: { ...r.data, openid: 'o-sim-user' } };
    }
    return reply;
  };

  const uploadOk = opts.upload ?? (() => true);
  wx.cloud = {
    init: jest.fn(),
    callFunction: jest.fn(async ({ name, data }: { name: string; data: { action: string; payload?: Record<string, unknown> } }) => ({
      result: await answer(name, data),
      errMsg: 'cloud.callFunction:ok',
    })),
    uploadFile: jest.fn((o: { cloudPath: string; success?: (r: unknown) => void; fail?: (e: unknown) => void }) => {
      const task = { onProgressUpdate: jest.fn((cb: (r: { progress: number }) => void) => cb({ progress: 50 })) };
      setTimeout(() => (uploadOk(o.cloudPath) ? o.success?.({ fileID: `cloud://test-env.bucket/${o.cloudPath}` }) : o.fail?.({})), 0);
      return task;
    }),
    getTempFileURL: jest.fn(async ({ fileList }: { fileList: string[] }) => ({
      fileList: fileList.map((f) => ({ fileID: f, tempFileURL: `https://tmp.example/${f.split('/').pop()}` })),
    })),
  };

  wx.request = jest.fn(
    (o: {
      url: string;
      method: string;
      data?: Record<string, unknown>;
      header?: Record<string, string>;
      success?: (r: unknown) => void;
    }) => {
      const route = o.url.replace(/^https?:\/\/[^/]+/, '');
      void (async () => {
        let body: unknown = null;
        if (route === '/local/call') {
          const d = o.data as { name: string; data: { action: string; payload?: Record<string, unknown> } };
          body = { result: await answer(d.name, d.data, o.header?.['x-local-openid']), errMsg: 'cloud.callFunction:ok' };
        } else if (route === '/local/identities') body = { identities: opts.identities ?? [] };
        else if (route === '/local/new-identity') body = { openid: 'local-0123456789abcdef' };
        else if (route === '/local/subscribe') body = {};
        else if (route === '/local/temp-urls') body = { fileList: [] };
        o.success?.({ statusCode: 200, data: body });
      })();
    },
  );
  wx.uploadFile = jest.fn((o: { url: string; success?: (r: unknown) => void }) => {
    const cloudPath = decodeURIComponent(/cloudPath=([^&]+)/.exec(o.url)?.[1] ?? '');
    setTimeout(() => o.success?.({ statusCode: 200, data: JSON.stringify({ fileID: `cloud://local.bucket/${cloudPath}` }) }), 0);
    return { onProgressUpdate: jest.fn() };
  });

  const render = (page: string, props?: Record<string, unknown>) => {
    const id = simulate.load(path.join(MP_ROOT, page), { compiler: 'simulate', rootPath: MP_ROOT });
    const comp = simulate.render(id, props);
    // jsdom's document; the root tsconfig has no DOM lib, so it is typed just enough here.
    const parent = (globalThis as unknown as { document: { createElement(tag: string): unknown } }).document.createElement(
      'parent-wrapper',
    );
    comp.attach(parent);
    return comp;
  };

  return { simulate, calls, setDataSizes, storage, wx, render };
}

/** Lets pending promises and zero-delay timers run (uploads, chained calls). */
export const flush = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
};

/** `{ code: 0, data }`. */
export const ok = <T>(data: T) => ({ code: 0, data });

/** Text of the first element matching `selector` inside a rendered component (its shadow tree included). */
// biome-ignore lint/suspicious/noExplicitAny: simulate's component wrapper is untyped
export const text = (comp: any, selector: string): string => (comp.querySelector(selector)?.dom?.textContent ?? '').trim();

/**
 * Journeys: the real pages, rendered by miniprogram-simulate, on the real backend. The local cloud runs as
 * `npm start` runs it (a child process with the demo campus seeded into a fresh data directory) and the
 * mini-program talks to it in local mode exactly as in WeChat DevTools: `wx.request` to `/local/call`,
 * `wx.uploadFile` to `/local/upload`, `wx.requestSubscribeMessage` then `/local/subscribe`, each naming the
 * person in `x-local-openid`. Nothing answers from a test: every reply comes from the real functions.
 *
 * A journey counts the person's taps (`tap`) and the wall-clock time of each leg (`leg`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { type Sim, setup } from '../helpers/sim';

const ROOT = path.resolve(__dirname, '../../..');

/** A running local cloud with the demo campus. */
export interface Campus {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts `scripts/local-cloud/main.ts` with the demo seed on a free port and waits until it is ready. */
export async function startCampus(env: Record<string, string> = {}): Promise<Campus> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-journey-'));
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/local-cloud/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, NO_TIMERS: '1', XUNCHA_LOG_QUIET: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d) => {
    out += d;
  });
  proc.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local cloud did not start:\n${out}`)), 60_000);
    const check = () => {
      const m = /LOCAL_CLOUD_READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    };
    proc.stdout?.on('data', check);
    proc.on('exit', (code) => reject(new Error(`local cloud exited with ${code}:\n${out}`)));
  });
  return {
    url,
    dataDir,
    stop: async () => {
      proc.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type HttpReply = { statusCode: number; data: unknown };

/** One HTTP request to the local cloud (node's own http: jsdom has no fetch). */
export function httpJson(url: string, method: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ statusCode: res.statusCode ?? 0, data });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** The bytes of a photo the person "takes" (a real JPEG header is enough for storage). */
const PHOTO_BYTES = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2Q==',
  'base64',
);

/** What a journey can do besides the page: switch person, count taps, time legs, read the outbox. */
export interface Journey extends Sim {
  campus: Campus;
  /** Acts as this demo person from now on (as if they opened the app on their phone). */
  as(openid: string, name?: string): void;
  /** Taps an element of a rendered page and waits for everything it started to finish. */
  // biome-ignore lint/suspicious/noExplicitAny: simulate's component wrapper is untyped
  tap(page: any, selector: string, index?: number): Promise<void>;
  /** Taps an element inside a child component (a star of `star-rating`, the add tile of `photo-picker`). */
  // biome-ignore lint/suspicious/noExplicitAny: simulate's component wrapper is untyped
  tapIn(page: any, host: string, selector: string, index?: number): Promise<void>;
  /** Waits until every request the pages started has been answered and rendered. */
  settle(): Promise<void>;
  taps: number;
  /** Starts (or restarts) the counters for a leg of the journey: taps and milliseconds since. */
  startLeg(): void;
  leg(): { taps: number; ms: number };
  /** Subscription messages the local cloud sent (newest first). */
  outbox(): Promise<
    Array<{ touser: string; templateId: string; page?: string; data?: Record<string, { value: string }>; delivered?: boolean }>
  >;
  /** Opens a page as WeChat does for `url` (`/pages/ticket/index?id=…`, or a message's `page`): onLoad with its query. */
  // biome-ignore lint/suspicious/noExplicitAny: simulate's component wrapper is untyped
  open(url: string): Promise<any>;
  /** The URL of the last navigation a page asked for (navigateTo, switchTab, reLaunch). */
  lastNavigation(): string;
  /** Calls a function directly as a person (arranging a precondition, never asserting through it). */
  call(openid: string, name: string, action: string, payload?: Record<string, unknown>): Promise<{ code: 0 | string; data?: unknown }>;
  /** Whether uploads fail (a bad network), to test that forms keep what was typed. */
  failUploads: boolean;
  failCalls: boolean;
}

/**
 * A miniprogram-simulate session in local mode whose backend boundary is real HTTP to `campus`.
 * Pages are rendered with `j.render('pages/…/index')` as in the page tests.
 */
export function journey(campus: Campus, openid: string): Journey {
  const sim = setup({ mode: 'local', identity: { openid, name: openid, label: '' } });
  sims.push(sim);
  let inflight = 0;
  let tapsSeen = 0;
  let legStart = { taps: 0, at: Date.now() };
  const hostOf = (url: string) => url.replace(/^https?:\/\/[^/]+/, campus.url);

  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight++;
    return p.finally(() => {
      inflight--;
    });
  };

  const j = sim as Journey;
  j.campus = campus;
  j.failUploads = false;
  j.failCalls = false;

  sim.wx.request = jest.fn(
    (o: {
      url: string;
      method?: string;
      data?: unknown;
      header?: Record<string, string>;
      success?: (r: unknown) => void;
      fail?: (e: unknown) => void;
    }) => {
      const body = o.data === undefined ? undefined : JSON.stringify(o.data);
      if (j.failCalls && o.url.includes('/local/call')) {
        void track(Promise.resolve()).then(() => o.fail?.({ errMsg: 'request:fail' }));
        return { abort: () => {} };
      }
      void track(
        httpJson(hostOf(o.url), o.method ?? 'GET', body, { 'content-type': 'application/json', ...(o.header ?? {}) }).then(
          (r) => o.success?.({ statusCode: r.statusCode, data: r.data, header: {} }),
          (e) => o.fail?.({ errMsg: String(e) }),
        ),
      );
      return { abort: () => {} };
    },
  );

  sim.wx.uploadFile = jest.fn(
    (o: {
      url: string;
      filePath: string;
      name: string;
      header?: Record<string, string>;
      success?: (r: unknown) => void;
      fail?: (e: unknown) => void;
    }) => {
      const boundary = '----xuncha-journey';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${o.name}"; filename="${path.basename(o.filePath)}"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
        PHOTO_BYTES,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      if (j.failUploads) {
        void track(Promise.resolve()).then(() => o.fail?.({ errMsg: 'uploadFile:fail' }));
        return { onProgressUpdate: () => {} };
      }
      void track(
        httpJson(hostOf(o.url), 'POST', body, { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(o.header ?? {}) }).then(
          (r) => o.success?.({ statusCode: r.statusCode, data: JSON.stringify(r.data) }),
          (e) => o.fail?.({ errMsg: String(e) }),
        ),
      );
      return { onProgressUpdate: (cb: (r: { progress: number }) => void) => cb({ progress: 100 }) };
    },
  );
  // Loading indicators exist in WeChat; the simulator's wx lacks some of them.
  for (const k of [
    'showLoading',
    'hideLoading',
    'previewImage',
    'setTabBarBadge',
    'removeTabBarBadge',
    'openPrivacyContract',
    'makePhoneCall',
  ]) {
    if (typeof sim.wx[k] !== 'function' || !('mock' in (sim.wx[k] as object))) sim.wx[k] = jest.fn();
  }

  // Each page is a fresh load, as in WeChat: without this, a component already required by an earlier page
  // would not register again under the new page (miniprogram-simulate registers on `Component()` at require).
  const renderOnce = sim.render;
  j.render = (page: string, props?: Record<string, unknown>) => {
    jest.resetModules();
    return renderOnce(page, props);
  };

  j.as = (who: string, name = who) => {
    sim.storage.set('xuncha.localIdentity', { openid: who, name, label: '' });
    sim.storage.delete('xuncha.roles');
  };
  j.settle = async () => {
    // A page's handler may chain several calls; wait until the pipe stays empty for a few turns.
    for (let quiet = 0; quiet < 4; ) {
      await new Promise((r) => setTimeout(r, inflight > 0 ? 5 : 0));
      quiet = inflight === 0 ? quiet + 1 : 0;
    }
  };
  Object.defineProperty(j, 'taps', { get: () => tapsSeen });
  j.tap = async (page, selector, index = 0) => {
    const all = page.querySelectorAll(selector);
    const el = all[index];
    if (!el) throw new Error(`nothing to tap at ${selector}[${index}] (found ${all.length})`);
    tapsSeen++;
    el.dispatchEvent('tap');
    await j.settle();
  };
  j.tapIn = async (page, host, selector, index = 0) => {
    const child = page.querySelector(host);
    if (!child) throw new Error(`no ${host} on the page`);
    await j.tap(child, selector, index);
  };
  j.startLeg = () => {
    legStart = { taps: tapsSeen, at: Date.now() };
  };
  j.leg = () => ({ taps: tapsSeen - legStart.taps, ms: Date.now() - legStart.at });
  j.open = async (url: string) => {
    const [route, query = ''] = url.replace(/^\//, '').split('?');
    const options = Object.fromEntries(new URLSearchParams(query));
    const page = j.render(route as string);
    page.instance.onLoad?.(options);
    await j.settle();
    return page;
  };
  j.lastNavigation = () => {
    const calls = ['navigateTo', 'switchTab', 'reLaunch', 'redirectTo'].flatMap((k) =>
      ((sim.wx[k] as jest.Mock | undefined)?.mock?.invocationCallOrder ?? []).map((order, i) => ({
        order,
        url: String((((sim.wx[k] as jest.Mock).mock.calls[i]?.[0] ?? {}) as { url?: string }).url ?? ''),
      })),
    );
    return calls.sort((a, b) => b.order - a.order)[0]?.url ?? '';
  };
  j.outbox = async () => {
    const r = await httpJson(`${campus.url}/local/outbox?limit=200`, 'GET');
    return (r.data as { messages: Awaited<ReturnType<Journey['outbox']>> }).messages;
  };
  j.call = async (who, name, action, payload = {}) => {
    const r = await httpJson(`${campus.url}/local/call`, 'POST', JSON.stringify({ name, data: { action, payload } }), {
      'content-type': 'application/json',
      'x-local-openid': who,
    });
    return (r.data as { result: { code: 0 | string; data?: unknown } }).result;
  };
  return j;
}

const sims: Sim[] = [];
/** The largest setData payload (bytes) of every page rendered by the journeys of this file so far. */
export const largestSetData = (): number => Math.max(0, ...sims.flatMap((s) => s.setDataSizes));

/** Demo people (scripts/local-cloud/demo-campus.ts) the journeys act as. */
export const WHO = {
  student: 'demo-student-1',
  canteenStaff: 'demo-staff-canteen-co-1',
  canteenStaff2: 'demo-staff-canteen-co-2',
  canteenManager: 'demo-manager-canteen-co',
  diningManager: 'demo-manager-dining',
  officeInspector: 'demo-inspector-office-1',
  diningInspector: 'demo-inspector-dining',
  leader: 'demo-leader',
  admin: 'demo-admin',
} as const;

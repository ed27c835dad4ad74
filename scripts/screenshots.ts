/**
 * Screenshots of the main mini-program pages with demo data, for the README and reviews:
 *
 *   npx tsx scripts/screenshots.ts                 # every page → docs/screenshots/<name>.html + .png
 *   npx tsx scripts/screenshots.ts home tasks      # only these
 *   npx tsx scripts/screenshots.ts --html-only     # no chromium
 *
 * Each page is rendered by miniprogram-simulate (the same renderer as test/miniprogram) in jsdom, with the
 * backend answering demo data. The rendered tree becomes plain HTML (view → div, text → span, image → img,
 * custom components → div) and is styled with the page's compiled WXSS: app.wxss and the page's own WXSS
 * for the page, each component's WXSS for that component, class names prefixed the way simulate prefixes
 * them, rpx converted for a 375 px wide phone (1rpx = 0.5px). Debian's chromium takes the PNG.
 * The pages' icons are emoji: install an emoji font (Debian: fonts-noto-color-emoji) or they show as boxes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { chartSvg, isChartData } from './shots/chart-svg';
import { type RealCampus, realCampus } from './shots/real';
import { flush, ok, photo, type Shot } from './shots/shot';

const ROOT = path.resolve(__dirname, '..');
const MP = path.join(ROOT, 'miniprogram');
const OUT = path.join(ROOT, 'docs', 'screenshots');
const WIDTH = 375;
const HEIGHT = 812;
/** A chart's drawing width: the phone less the card's margins and padding (the SVG scales to its box). */
const CHART_WIDTH = 327;

// ---- a browser-like global for miniprogram-simulate --------------------------------------------------

const jsdom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true });
const g = globalThis as unknown as Record<string, unknown>;
const win = jsdom.window as unknown as Record<string, unknown>;
for (const k of ['window', 'document', 'HTMLElement', 'Node', 'Element', 'Event', 'CustomEvent', 'getComputedStyle']) {
  Object.defineProperty(g, k, { value: k === 'window' ? jsdom.window : win[k], configurable: true, writable: true });
}

// simulate requires a component's script by its extensionless path from inside node_modules, where tsx does
// not try `.ts`; the mini-program's sources are TypeScript, so point those requests at the `.ts` file.
const Module = require('node:module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = Module._resolveFilename;
Module._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  const ts = `${request}.ts`;
  return resolve.call(this, path.isAbsolute(request) && request.startsWith(MP) && fs.existsSync(ts) ? ts : request, ...rest);
};

// biome-ignore lint/suspicious/noExplicitAny: miniprogram-simulate is untyped
const simulate: any = require('miniprogram-simulate');
// biome-ignore lint/suspicious/noExplicitAny: simulate's own CSS class-prefixing compiler, untyped
const wxssCompiler: any = require('miniprogram-simulate/src/wxss');

// ---- demo data ----------------------------------------------------------------------------------------

const NOW = Date.now();
const iso = (offsetMin: number) => new Date(NOW + offsetMin * 60_000).toISOString();

type Row = Record<string, unknown>;
const row = (i: number, over: Row = {}): Row => ({
  _id: `t-${i}`,
  no: `XC-${new Date(NOW).toISOString().slice(0, 10).replaceAll('-', '')}-${String(40 + i).padStart(4, '0')}`,
  kind: 'problem',
  source: 'report',
  state: 'assigned',
  categoryCode: 'hygiene',
  severity: 'minor',
  description: '餐盘回收处有油污，桌面没有及时擦拭',
  photos: [],
  zoneId: `zone-${i}`,
  zoneName: '第一食堂3号窗口（面食）',
  unitId: 'unit-canteen-co',
  assigneeId: 'person-staff-canteen-1',
  dueAt: iso(95),
  clock: { runningSince: iso(-25) },
  createdAt: iso(-25 - i * 37),
  mine: true,
  repeat: null,
  ...over,
});

const REPORTS: Row[] = [
  row(1, { state: 'rectified', dueAt: null, clock: { runningSince: null }, description: '3号窗口台面有油污，餐具摆放凌乱' }),
  row(2, {
    state: 'accepted',
    categoryCode: 'facility',
    severity: 'major',
    zoneName: '博学楼3层',
    description: '东侧卫生间水龙头一直滴水，地面湿滑',
    dueAt: iso(38),
  }),
  row(3, {
    state: 'assigned',
    categoryCode: 'safety',
    severity: 'critical',
    zoneName: '学生公寓7号楼',
    description: '一楼消防通道堆放了自行车和纸箱，通道被堵',
    dueAt: iso(-18),
    repeat: { count: 2, ofTicketId: 't-0' },
  }),
  row(4, { state: 'closed', categoryCode: 'attitude', zoneName: '图书馆', description: '借还书窗口工作人员态度生硬', dueAt: null }),
  row(5, {
    kind: 'positive',
    state: 'closed',
    categoryCode: 'standards',
    zoneName: '第二食堂用餐大厅',
    description: '餐后台面随时清理，值得表扬',
    clock: null,
    dueAt: null,
  }),
];

/** Tickets that appear on both the staff task list and the manager board. */
const FIRE_EXIT = {
  state: 'assigned',
  categoryCode: 'safety',
  severity: 'critical',
  zoneName: '学生公寓7号楼',
  description: '一楼消防通道堆放了自行车和纸箱，通道被堵',
  dueAt: iso(-18),
} as const;
const LEAKING_TAP = {
  state: 'accepted',
  categoryCode: 'facility',
  severity: 'major',
  zoneName: '博学楼3层',
  description: '东侧卫生间水龙头一直滴水，地面湿滑',
  dueAt: iso(38),
} as const;
const COLD_WATER_HEATER = {
  state: 'paused',
  categoryCode: 'facility',
  zoneName: '学生公寓5号楼',
  description: '热水器不出热水，需更换配件',
  clock: { runningSince: null },
} as const;

const TASKS: Row[] = [
  row(3, FIRE_EXIT),
  row(2, LEAKING_TAP),
  row(6, COLD_WATER_HEATER),
  row(7, { state: 'rework', zoneName: '第一食堂3号窗口（面食）', description: '整改后台面仍有油渍', dueAt: iso(260) }),
];

const BOARD: Row[] = [
  row(3, { ...FIRE_EXIT, repeat: { count: 2, ofTicketId: 't-0' } }),
  row(8, { state: 'reported', zoneName: '学生公寓7号楼', description: '走廊垃圾桶满了没人清理', dueAt: iso(140) }),
  row(2, LEAKING_TAP),
  row(6, COLD_WATER_HEATER),
];

const FINDINGS: Row[] = [
  row(11, {
    source: 'finding',
    state: 'rectified',
    categoryCode: 'food_safety',
    severity: 'critical',
    zoneName: '第二食堂后厨',
    description: '不符合：生熟分开存放',
    clock: { runningSince: null },
    dueAt: null,
  }),
  row(12, {
    source: 'finding',
    state: 'rectified',
    categoryCode: 'hygiene',
    zoneName: '第一食堂用餐大厅',
    description: '不符合：地面、桌面干净无油污',
    clock: { runningSince: null },
    dueAt: null,
  }),
];

const HISTORY = [
  { at: iso(-180), role: 'reporter', event: 'create', to: 'assigned' },
  { at: iso(-170), role: 'assignee', event: 'accept', to: 'accepted' },
  { at: iso(-95), role: 'assignee', event: 'rectify', to: 'rectified', note: '已清理台面并重新摆放餐具' },
];

const DETAIL = {
  ticket: {
    ...REPORTS[0],
    photos: ['cloud://demo/before-1.jpg', 'cloud://demo/before-2.jpg'],
    rectification: { at: iso(-95), afterPhotos: ['cloud://demo/after-1.jpg'], note: '已清理台面并重新摆放餐具', cause: '午高峰人手不足' },
    history: HISTORY,
  },
  photoUrls: {
    'cloud://demo/before-1.jpg': photo('整改前', 20),
    'cloud://demo/before-2.jpg': photo('整改前', 40),
    'cloud://demo/after-1.jpg': photo('整改后', 150),
  },
};

const CORE_SHOTS: Shot[] = [
  {
    name: 'home',
    page: 'pages/home/index',
    title: '巡查',
    backend: () => ok({ roles: ['reporter', 'staff', 'inspector', 'manager'] }),
  },
  {
    name: 'report',
    page: 'pages/report/index',
    title: '反馈问题',
    options: { scene: 'c1-ct1-w03' },
    backend: (_n, action) =>
      action === 'categories'
        ? ok({
            items: [
              ['hygiene', '环境卫生', '🧹'],
              ['attitude', '服务态度', '🙂'],
              ['on_post', '在岗在位', '🧑‍🔧'],
              ['discipline', '劳动纪律', '📋'],
              ['safety', '安全隐患', '⚠️'],
              ['facility', '设施损坏', '🔧'],
              ['food_safety', '食品安全', '🍱'],
              ['standards', '规章与服务规范', '📏'],
              ['work_style', '工作作风', '💼'],
              ['contract', '合同履行', '📄'],
              ['other', '其他', '💬'],
              ['noise', '噪音扰民', '🔊'],
            ].map(([code, name, icon]) => ({ code, name, icon, defaultSeverity: 'minor', checklist: [] })),
          })
        : ok({ _id: 'zone-c1-ct1-w03', name: '第一食堂3号窗口（面食）', sceneId: 'c1-ct1-w03', pathNames: ['主校区', '第一食堂'] }),
    after: async (p) => {
      p.querySelectorAll('.report__cat')[0]?.dispatchEvent('tap');
      p.instance.onText({ detail: { value: '窗口台面有油污，餐盘回收处没有及时清理' } });
      p.instance.onRating({ detail: { value: 3 } });
      await flush();
    },
  },
  { name: 'my-reports', page: 'pages/my-reports/index', title: '我的报告', backend: () => ok({ items: REPORTS, nextCursor: null }) },
  { name: 'ticket', page: 'pages/ticket/index', title: '工单详情', options: { id: 't-1' }, backend: () => ok(DETAIL) },
  {
    name: 'me',
    page: 'pages/me/index',
    title: '我的',
    local: { openid: 'demo-staff-canteen-1', name: '李师傅', label: '第一食堂保洁' },
    backend: () => ok({}),
  },
  { name: 'staff-tasks', page: 'packages/staff/tasks/index', title: '我的任务', backend: () => ok({ items: TASKS, nextCursor: null }) },
  {
    name: 'inspector-patrol',
    page: 'packages/inspector/patrol/index',
    title: '巡查',
    backend: (_n, action) =>
      ok(
        action === 'categories'
          ? {
              items: [
                {
                  code: 'hygiene',
                  name: '环境卫生',
                  icon: '🧹',
                  defaultSeverity: 'minor',
                  checklist: ['地面、桌面干净无油污', '垃圾及时清运'],
                },
                {
                  code: 'food_safety',
                  name: '食品安全',
                  icon: '🍱',
                  defaultSeverity: 'critical',
                  checklist: ['生熟分开存放', '留样规范（48小时）'],
                },
                { code: 'attitude', name: '服务态度', icon: '🙂', defaultSeverity: 'minor', checklist: [] },
                {
                  code: 'noise',
                  name: '噪音扰民',
                  icon: '🔊',
                  defaultSeverity: 'major',
                  checklist: ['后厨排风设备噪音在限值内', '夜间施工已报备', '清运车辆避开休息时段'],
                },
              ],
            }
          : {},
      ),
    after: async (p) => {
      p.instance.setZone({ _id: 'zone-c2-canteen-2', name: '第二食堂后厨', sceneId: '' });
      await flush();
      p.querySelectorAll('.patrol__cat')[2]?.dispatchEvent('tap');
      await flush();
    },
  },
  {
    name: 'inspector-findings',
    page: 'packages/inspector/findings/index',
    title: '验收与记录',
    backend: () => ok({ items: FINDINGS, nextCursor: null }),
  },
  { name: 'manager-board', page: 'packages/manager/board/index', title: '单位看板', backend: () => ok({ items: BOARD, nextCursor: null }) },
  // Only from the real campus (realShots below): what a manager, the office and a leader read.
  ...(
    [
      ['ticket-undelivered', 'pages/ticket/index', '工单详情'],
      ['leader-overview', 'packages/leader/overview/index', '总览'],
      ['patrol-plans', 'packages/patrol/plans/index', '巡查计划'],
      ['patrol-today', 'packages/patrol/today/index', '今日巡查'],
      ['patrol-coverage', 'packages/patrol/coverage/index', '巡查覆盖'],
      ['assets-card', 'packages/assets/card/index', '资产卡片'],
      ['assets-campaign', 'packages/assets/campaign/index', '资产盘点'],
      ['contracts-assessment', 'packages/contracts/assessment/index', '合同考核'],
    ] as const
  ).map(([name, page, title]): Shot => ({ name, page, title, realOnly: true, backend: () => ({ code: 'SYSTEM.INTERNAL', message: '' }) })),
];

/** Every shot: the core pages above, then each area's list in scripts/shots/<area>.ts (files exporting `SHOTS`). */
const SHOTS: Shot[] = [
  ...CORE_SHOTS,
  ...fs
    .readdirSync(path.join(__dirname, 'shots'))
    .filter((f) => f.endsWith('.ts') && f !== 'shot.ts' && f !== 'real.ts')
    .sort()
    .flatMap((f) => (require(path.join(__dirname, 'shots', f)) as { SHOTS?: Shot[] }).SHOTS ?? []),
];

// ---- rendering ------------------------------------------------------------------------------------------

const noop = () => undefined;

/** The `wx` a page sees: storage, UI no-ops, and a cloud whose functions answer from `backend`. */
function installWx(shot: Shot): void {
  const wx = g.wx as Record<string, unknown>;
  const storage = new Map<string, unknown>([['xuncha.localMode', !!shot.local]]);
  if (shot.local) storage.set('xuncha.localIdentity', shot.local);
  const identities = shot.local
    ? [
        { openid: 'demo-student-1', name: '张子涵', label: '学生' },
        shot.local,
        { openid: 'demo-manager-dining', name: '周经理', label: '饮食中心经理' },
        { openid: 'demo-inspector-office', name: '孙督查', label: '总务部督查' },
      ]
    : [];
  Object.assign(wx, {
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => storage.set(k, v),
    removeStorageSync: (k: string) => storage.delete(k),
    showToast: noop,
    showLoading: noop,
    hideLoading: noop,
    showModal: noop,
    showActionSheet: noop,
    navigateTo: noop,
    switchTab: noop,
    stopPullDownRefresh: noop,
    requestSubscribeMessage: noop,
    scanCode: noop,
    request: (o: { url: string; success?: (r: unknown) => void }) => {
      const route = o.url.replace(/^https?:\/\/[^/]+/, '');
      const data = route === '/local/identities' ? { identities } : {};
      setTimeout(() => o.success?.({ statusCode: 200, data }), 0);
    },
    cloud: {
      init: noop,
      callFunction: async ({ name, data }: { name: string; data: { action: string; payload?: Record<string, unknown> } }) => ({
        result: await shot.backend(name, data.action, data.payload ?? {}),
      }),
      getTempFileURL: async ({ fileList }: { fileList: string[] }) => ({ fileList: fileList.map((f) => ({ fileID: f, tempFileURL: '' })) }),
    },
  });
}

/** Components a page uses, by the tag name simulate prefixes their classes with, recursively. */
function componentsOf(jsonFile: string, found = new Map<string, string>()): Map<string, string> {
  const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { usingComponents?: Record<string, string> };
  for (const [tag, rel] of Object.entries(json.usingComponents ?? {})) {
    const base = rel.startsWith('/') ? path.join(MP, rel) : path.resolve(path.dirname(jsonFile), rel);
    if (found.has(tag)) continue;
    found.set(tag, base);
    componentsOf(`${base}.json`, found);
  }
  return found;
}

const rpx = (css: string) => css.replace(/(-?\d*\.?\d+)rpx/g, (_m, n: string) => `${+(Number(n) * (WIDTH / 750)).toFixed(2)}px`);

/**
 * The CSS of a page as the phone applies it: app.wxss (its `page` rule on the body) and the page's WXSS with
 * the page's class prefix, then each component's WXSS with its own (component styles are isolated).
 */
function cssFor(pageDir: string): string {
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
  const app = read(path.join(MP, 'app.wxss')).replace(/(^|\n)page\s*\{/g, '$1body {');
  const parts = [wxssCompiler.compile(app + read(`${pageDir}.wxss`), { prefix: 'main' })];
  for (const [tag, base] of componentsOf(`${pageDir}.json`)) parts.push(wxssCompiler.compile(read(`${base}.wxss`), { prefix: tag }));
  return rpx(parts.join('\n'));
}

const TAGS: Record<string, string> = {
  'wx-view': 'div',
  'wx-text': 'span',
  'wx-image': 'img',
  'wx-button': 'button',
  'wx-input': 'input',
  'wx-textarea': 'textarea',
  'wx-scroll-view': 'div',
  'wx-navigator': 'a',
  main: 'div',
};

/** The rendered tree as plain HTML elements. */
function toHtml(node: Node, doc: Document): Node | null {
  if (node.nodeType === 3) return doc.createTextNode(node.textContent ?? '');
  if (node.nodeType !== 1) return null;
  const el = node as Element;
  const tag = el.tagName.toLowerCase();
  if (tag === 'style' || tag === 'script') return null;
  const out = doc.createElement(TAGS[tag] ?? (tag.startsWith('wx-') ? 'span' : 'div'));
  const cls = el.getAttribute('class');
  if (cls) out.setAttribute('class', cls);
  const style = el.getAttribute('style');
  if (style) out.setAttribute('style', rpx(style));
  // Built-in components (image, input, textarea) keep their attributes in the virtual tree behind the element.
  // biome-ignore lint/suspicious/noExplicitAny: exparser internals, untyped
  const wxEl = (el as any).__wxElement;
  const attrs = (wxEl?._vt?.attrs ?? []) as Array<{ name: string; value: unknown }>;
  const prop = (name: string): string => String(attrs.find((a) => a.name === name)?.value ?? el.getAttribute(name) ?? '');
  if (tag === 'wx-image') {
    out.setAttribute('src', prop('src'));
    out.setAttribute('data-mode', prop('mode'));
  }
  if (tag === 'wx-canvas') {
    // A chart (components/chart) draws on a canvas node the renderer does not have: draw its data as SVG.
    for (let p = el.parentElement; p; p = p.parentElement) {
      // biome-ignore lint/suspicious/noExplicitAny: exparser internals, untyped
      const data = (p as any).__wxElement?.data?.data;
      if (isChartData(data)) {
        const box = doc.createElement('div');
        box.setAttribute('class', cls ?? '');
        box.innerHTML = chartSvg(data, CHART_WIDTH);
        return box;
      }
    }
  }
  if (tag === 'wx-switch') {
    const on = prop('checked') === 'true';
    out.setAttribute('class', `${cls ?? ''} xc-switch${on ? ' xc-switch--on' : ''}`);
    return out;
  }
  if (tag === 'wx-input' || tag === 'wx-textarea') {
    const value = prop('value');
    const placeholder = prop('placeholder');
    if (placeholder) out.setAttribute('placeholder', placeholder);
    if (tag === 'wx-input') out.setAttribute('value', value);
    else out.textContent = value;
    return out;
  }
  for (const child of Array.from(el.childNodes)) {
    const c = toHtml(child, doc);
    if (c) out.appendChild(c);
  }
  return out;
}

/** Browser defaults WeChat does not have, and what wx tags do by default. */
const BASE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; }
body { width: ${WIDTH}px; min-height: ${HEIGHT}px; -webkit-font-smoothing: antialiased; }
div { display: block; }
img { display: block; width: 160px; height: 120px; object-fit: cover; }
input, textarea { display: block; border: none; outline: none; font: inherit; color: inherit; }
input::placeholder, textarea::placeholder { color: #9ca3af; }
textarea { resize: none; }
button { font: inherit; }
.xc-switch { flex: none; width: 52px; height: 32px; border-radius: 16px; background: #e5e5e5; position: relative; }
.xc-switch::after { content: ''; position: absolute; top: 2px; left: 2px; width: 28px; height: 28px; border-radius: 50%;
  background: #fff; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.25); }
.xc-switch--on { background: #07c160; }
.xc-switch--on::after { left: 22px; }
.xc-nav { height: 44px; display: flex; align-items: center; justify-content: center; background: #1f6feb; color: #fff;
  font-size: 17px; font-weight: 600; position: sticky; top: 0; z-index: 20; }
`;

async function render(shot: Shot): Promise<string> {
  installWx(shot);
  const pageDir = path.join(MP, shot.page);
  const id = simulate.load(pageDir, { compiler: 'simulate', rootPath: MP });
  const comp = simulate.render(id);
  const parent = document.createElement('parent-wrapper');
  comp.attach(parent);
  comp.instance.onLoad?.(shot.options ?? {});
  await flush();
  await shot.after?.(comp);
  comp.instance.stopTimer?.();

  const out = new JSDOM('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body></body></html>').window.document;
  out.title = `${shot.title} — xuncha screenshot`;
  const meta = out.createElement('meta');
  meta.setAttribute('name', 'viewport');
  meta.setAttribute('content', `width=${WIDTH}`);
  out.head.appendChild(meta);
  const style = out.createElement('style');
  style.textContent = `${BASE_CSS}\n${cssFor(pageDir)}`;
  out.head.appendChild(style);
  const nav = out.createElement('div');
  nav.className = 'xc-nav';
  nav.textContent = shot.title;
  out.body.appendChild(nav);
  for (const child of Array.from(parent.childNodes)) {
    const c = toHtml(child, out);
    if (c) out.body.appendChild(c);
  }
  comp.detach?.();
  return `<!doctype html>\n${out.documentElement.outerHTML}\n`;
}

/**
 * Photos of the real campus are served by the local cloud in this very process, which cannot answer while
 * chromium runs synchronously: they go into the page as data URLs first.
 */
async function inlineLocalImages(html: string): Promise<string> {
  const urls = [
    ...new Set([...html.matchAll(/src="(http:\/\/127\.0\.0\.1:[^"]+)"/g)].map((m) => (m[1] as string).replaceAll('&amp;', '&'))),
  ];
  let out = html;
  for (const url of urls) {
    const res = await fetch(url);
    const type = res.headers.get('content-type') ?? 'image/png';
    const data = Buffer.from(await res.arrayBuffer()).toString('base64');
    out = out.replaceAll(url.replaceAll('&', '&amp;'), `data:${type};base64,${data}`).replaceAll(url, `data:${type};base64,${data}`);
  }
  return out;
}

function capture(html: string, png: string): void {
  execFileSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--hide-scrollbars',
      `--window-size=${WIDTH},${HEIGHT}`,
      `--screenshot=${png}`,
      `file://${html}`,
    ],
    { stdio: 'ignore', timeout: 60_000 },
  );
}

/**
 * The core pages on real data (scripts/shots/real.ts): each shot's backend becomes the real functions,
 * answering as the person who would look at that page. `--canned` keeps the demo replies above.
 */
let adminChanges: Promise<void> | null = null;
/** A backend as the demo admin that first makes a few admin changes, once, through the real function. */
function withAdminChanges(campus: RealCampus): Shot['backend'] {
  const admin = campus.as('demo-admin');
  const call = async (action: string, payload: Record<string, unknown> = {}) =>
    (await admin('admin', action, payload)) as { code: number | string; data: Record<string, unknown> & { items?: Row[] } };
  adminChanges ??= (async () => {
    const settings = await call('ticketSettings');
    const nextWeek = new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
    await call('createDeadlineRuleSet', {
      version: settings.data.version,
      name: '暑期快速处置',
      replaces: 'standard',
      effectiveFrom: nextWeek,
      rules: {
        minor: { kind: 'serviceMinutes', minutes: 30 },
        major: { kind: 'endOfServiceDay' },
        critical: { kind: 'clockMinutes', minutes: 30 },
      },
    });
    const units = (await call('units')).data.items ?? [];
    const contractor = units.find((u) => u.kind === 'contractor');
    if (contractor) await call('createInvite', { roles: ['staff'], unitId: contractor._id, note: '第二食堂新入职员工' });
    const zone = ((await call('zones', { q: '窗口' })).data.items ?? [])[0];
    if (zone) {
      const r = zone.responsible as { primary: { _id: string } | null; backup: { _id: string } | null };
      await call('saveZone', {
        id: zone._id,
        version: zone.version,
        name: `${zone.name}（暂停营业）`,
        kind: zone.kind,
        unitId: zone.unitId,
        responsible: r.backup ? { primary: r.primary?._id, backup: r.backup._id } : { primary: r.primary?._id },
        active: false,
      });
    }
  })();
  return async (name, action, payload) => {
    await adminChanges;
    return admin(name, action, payload);
  };
}

function realShots(campus: RealCampus): Map<string, Partial<Shot>> {
  return new Map<string, Partial<Shot>>([
    ['home', { backend: campus.as('demo-manager-canteen-co') }],
    // Admin changes made through the real admin function first (a rule set from next week, an invite, a zone
    // deactivated), then the audit log and the rule versions read back as the admin sees them.
    ['admin-audit', { backend: withAdminChanges(campus), after: () => flush(300) }],
    ['admin-deadline-rules', { backend: withAdminChanges(campus), after: () => flush(300) }],
    [
      'report',
      {
        backend: campus.as('demo-student-2'),
        options: { scene: 'c2-ct2-w02' },
        after: async (p) => {
          p.querySelector('.report__rating')?.querySelectorAll('.star-rating__star')[3]?.dispatchEvent('tap');
          p.querySelectorAll('.report__cat')[0]?.dispatchEvent('tap');
          await flush();
          p.querySelectorAll('.report__phrase')[0]?.dispatchEvent('tap');
          await flush();
        },
      },
    ],
    ['my-reports', { backend: campus.as('demo-student-1') }],
    ['ticket', { backend: campus.as('demo-student-1'), options: { id: campus.ticketId } }],
    ['me', { backend: campus.as(campus.busyStaff), local: null }],
    ['staff-tasks', { backend: campus.as(campus.busyStaff) }],
    ['manager-board', { backend: campus.as('demo-manager-canteen-co') }],
    ['ticket-undelivered', { backend: campus.as('demo-manager-canteen-co'), options: { id: campus.undeliveredTicketId } }],
    ['leader-overview', { backend: campus.as('demo-leader') }],
    ['patrol-plans', { backend: campus.as('demo-inspector-office-1') }],
    ['patrol-today', { backend: campus.as('demo-inspector-office-1') }],
    ['patrol-coverage', { backend: campus.as('demo-inspector-office-1') }],
    ['assets-card', { backend: campus.as('demo-manager-canteen-co'), options: { id: campus.assetId } }],
    ['assets-campaign', { backend: campus.as('demo-manager-canteen-co'), options: { unitId: 'unit-canteen-co' } }],
    ['contracts-assessment', { backend: campus.as('demo-admin'), options: campus.contract }],
    ['inspector-findings', { backend: campus.as('demo-inspector-dining') }],
    [
      'inspector-patrol',
      {
        backend: campus.as('demo-inspector-dining'),
        options: { scene: 'c2-ct2-w05' },
        after: async (p) => {
          await flush(20);
          p.querySelectorAll('.patrol__cat')[0]?.dispatchEvent('tap');
          await flush();
          p.querySelectorAll('.patrol__problem')[0]?.dispatchEvent('tap');
          await flush();
          p.querySelectorAll('.patrol__sev')[1]?.dispatchEvent('tap');
          await flush();
        },
      },
    ],
  ]);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const htmlOnly = args.includes('--html-only');
  const only = args.filter((a) => !a.startsWith('--'));
  let shots = only.length > 0 ? SHOTS.filter((s) => only.includes(s.name)) : SHOTS;
  const campus = args.includes('--canned') ? null : await realCampus();
  if (campus) {
    const real = realShots(campus);
    shots = shots.map((s) => (real.has(s.name) ? { ...s, ...real.get(s.name) } : s));
  } else shots = shots.filter((s) => !s.realOnly);
  fs.mkdirSync(OUT, { recursive: true });
  for (const shot of shots) {
    const html = path.join(OUT, `${shot.name}.html`);
    fs.writeFileSync(html, await inlineLocalImages(await render(shot)));
    if (!htmlOnly) capture(html, path.join(OUT, `${shot.name}.png`));
    process.stdout.write(`${path.relative(ROOT, html)}${htmlOnly ? '' : ` → ${shot.name}.png`}\n`);
  }
  await campus?.close();
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);

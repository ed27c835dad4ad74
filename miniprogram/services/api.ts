/**
 * The only place the mini-program reaches its backend. In cloud mode it uses `wx.cloud`; in local mode
 * (see config.ts) it sends the same requests to the local cloud's `/local/*` routes with `wx.request` /
 * `wx.uploadFile`, naming the chosen demo identity in `x-local-openid`. Every call resolves to a `Reply`:
 * failures are data with a code, never exceptions, so pages have one path for errors.
 */
import { CONFIG } from '../config';
import { type ActionName, type FunctionName, type InputOf, type ReplyOf, TEMPLATES, type TemplateName } from '../shared/contract';
import { CLIENT_ERRORS, type Reply } from './reply';
import { cacheRoles, isLocalMode, type LocalIdentity, localIdentity, type Role, rolesOfDemoOpenid, setLocalIdentity } from './session';

type Json = Record<string, unknown>;

let cloudReady = false;
function ensureCloud(): void {
  if (cloudReady) return;
  wx.cloud.init({ env: CONFIG.envId, traceUser: true });
  cloudReady = true;
}

const fail = (code: string, message: string): Reply<never> => ({ code, message });

function request(method: 'GET' | 'POST', path: string, data?: Json, openid?: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    wx.request({
      url: `${CONFIG.localBaseUrl}${path}`,
      method,
      data,
      header: openid ? { 'content-type': 'application/json', 'x-local-openid': openid } : { 'content-type': 'application/json' },
      success: (res) => resolve({ status: res.statusCode, body: res.data }),
      fail: () => resolve({ status: 0, body: null }),
    });
  });
}

/**
 * The identity local calls are made as. A first-time user who picked no demo identity gets a fresh device
 * identity from the local cloud, as a WeChat user gets an openid without any setup.
 */
async function localOpenid(): Promise<string | null> {
  const chosen = localIdentity();
  if (chosen) return chosen.openid;
  const res = await request('POST', '/local/new-identity');
  const openid = (res.body as { openid?: unknown } | null)?.openid;
  if (typeof openid !== 'string') return null;
  setLocalIdentity({ openid, name: '新用户', label: '首次使用' });
  return openid;
}

function asReply<T>(v: unknown): Reply<T> {
  if (v && typeof v === 'object' && 'code' in v) {
    const r = v as { code: unknown; data?: unknown; message?: unknown; details?: unknown };
    if (r.code === 0) return { code: 0, data: r.data as T };
    if (typeof r.code === 'string') {
      const message = typeof r.message === 'string' ? r.message : '';
      // Details (e.g. which fields failed validation) let a form point at the field the server refused.
      const details = r.details && typeof r.details === 'object' ? (r.details as Record<string, unknown>) : undefined;
      return details ? { code: r.code, message, details } : { code: r.code, message };
    }
  }
  return fail(CLIENT_ERRORS.BAD_REPLY, 'malformed reply');
}

/**
 * The payload argument of an action, typed by its contract (shared/contract/): optional when the action needs
 * nothing, required otherwise.
 */
export type PayloadArg<F extends FunctionName, A extends ActionName<F>> =
  Record<string, never> extends InputOf<F, A> ? [payload?: InputOf<F, A>] : [payload: InputOf<F, A>];

/**
 * Calls `action` of cloud function `name` with `payload` (the `{ action, payload }` event every function takes).
 * The payload and the reply are typed by the contract: a wrong payload or a misread reply does not compile.
 */
export async function callFunction<F extends FunctionName, A extends ActionName<F>>(
  name: F,
  action: A,
  ...[payload]: PayloadArg<F, A>
): Promise<Reply<ReplyOf<F, A>>> {
  type T = ReplyOf<F, A>;
  const data = { action, payload: payload ?? {} };
  if (isLocalMode()) {
    const openid = await localOpenid();
    if (!openid) return fail(CLIENT_ERRORS.NO_IDENTITY, 'no local identity');
    const res = await request('POST', '/local/call', { name, data }, openid);
    if (res.status === 0) return fail(CLIENT_ERRORS.NETWORK, 'local cloud unreachable');
    const body = res.body as { result?: unknown } | null;
    // The route answers `{ result }` from the function, or `{ code, message }` when the call itself failed.
    return body && 'result' in body ? asReply<T>(body.result) : asReply<T>(body);
  }
  ensureCloud();
  try {
    const res = await wx.cloud.callFunction({ name, data });
    return asReply<T>(res.result);
  } catch (e) {
    const code = (e as { errCode?: unknown }).errCode;
    return fail(CLIENT_ERRORS.NETWORK, `callFunction failed${code === undefined ? '' : ` (${String(code)})`}`);
  }
}

/** Calls an action of the `tickets` function. */
export const tickets = <A extends ActionName<'tickets'>>(action: A, ...payload: PayloadArg<'tickets', A>) =>
  callFunction('tickets', action, ...payload);

/** Upload folders by the photo picker's prefix: `uploads/<purpose>/<openid>/…` (README "Uploaded files"). */
const UPLOAD_PURPOSES: Record<string, string> = { tickets: 'report', findings: 'finding', rectifications: 'rectify' };
let myOpenid: string | null = null;

/** Uploads one local file to cloud storage under the caller's folder for the purpose `cloudPath` starts with. */
export async function uploadPhoto(
  filePath: string,
  relativePath: string,
  onProgress?: (percent: number) => void,
): Promise<Reply<{ fileID: string }>> {
  // A local demo identity can change at any time; a WeChat user's openid never does.
  if (!isLocalMode() && !myOpenid) {
    const me = await callFunction('org', 'me');
    myOpenid = me.code === 0 ? me.data.openid : null;
  }
  const openid = isLocalMode() ? await localOpenid() : myOpenid;
  if (!openid) return fail(CLIENT_ERRORS.NO_IDENTITY, 'no identity for the upload path');
  const [prefix, ...rest] = relativePath.split('/');
  const cloudPath = `uploads/${UPLOAD_PURPOSES[prefix] ?? prefix}/${openid}/${rest.join('/')}`;
  const progress = (task: { onProgressUpdate?: (cb: (r: { progress: number }) => void) => void } | undefined) => {
    if (onProgress && task?.onProgressUpdate) task.onProgressUpdate((r) => onProgress(r.progress));
  };
  if (isLocalMode()) {
    const openid = await localOpenid();
    if (!openid) return fail(CLIENT_ERRORS.NO_IDENTITY, 'no local identity');
    return new Promise((resolve) => {
      const task = wx.uploadFile({
        url: `${CONFIG.localBaseUrl}/local/upload?cloudPath=${encodeURIComponent(cloudPath)}`,
        filePath,
        name: 'file',
        header: { 'x-local-openid': openid },
        success: (res) => {
          let body: { fileID?: unknown } | null = null;
          try {
            body = typeof res.data === 'string' ? JSON.parse(res.data) : (res.data as typeof body);
          } catch {
            body = null;
          }
          const fileID = body?.fileID;
          resolve(typeof fileID === 'string' ? { code: 0, data: { fileID } } : fail(CLIENT_ERRORS.UPLOAD, 'upload refused'));
        },
        fail: () => resolve(fail(CLIENT_ERRORS.UPLOAD, 'upload failed')),
      });
      progress(task);
    });
  }
  ensureCloud();
  return new Promise((resolve) => {
    const task = wx.cloud.uploadFile({
      cloudPath,
      filePath,
      success: (res) => resolve({ code: 0, data: { fileID: res.fileID } }),
      fail: () => resolve(fail(CLIENT_ERRORS.UPLOAD, 'upload failed')),
    });
    progress(task as unknown as Parameters<typeof progress>[0]);
  });
}

/** Temporary download URLs for cloud file ids (at most 50). */
export async function tempUrls(fileList: string[]): Promise<Reply<Record<string, string>>> {
  if (fileList.length === 0) return { code: 0, data: {} };
  type Row = { fileID: string; tempFileURL: string };
  const toMap = (rows: Row[]) => Object.fromEntries(rows.filter((r) => r.tempFileURL).map((r) => [r.fileID, r.tempFileURL]));
  if (isLocalMode()) {
    const openid = await localOpenid();
    if (!openid) return fail(CLIENT_ERRORS.NO_IDENTITY, 'no local identity');
    const res = await request('POST', '/local/temp-urls', { fileList }, openid);
    const rows = (res.body as { fileList?: Row[] } | null)?.fileList;
    return Array.isArray(rows) ? { code: 0, data: toMap(rows) } : fail(CLIENT_ERRORS.NETWORK, 'temp urls failed');
  }
  ensureCloud();
  try {
    const res = await wx.cloud.getTempFileURL({ fileList });
    return { code: 0, data: toMap(res.fileList as Row[]) };
  } catch {
    return fail(CLIENT_ERRORS.NETWORK, 'temp urls failed');
  }
}

/**
 * Asks for the next reminders (one-time subscriptions: each accepted prompt lets one message through).
 * Declining is fine: no action depends on it. Accepted templates are counted by the server (`org.subscribed`),
 * which is how 提醒设置 knows how many are left; in local mode the local cloud is told too, as WeChat would be.
 * Must be called inside a tap: WeChat shows the prompt only in answer to a gesture.
 */
export function requestSubscribe(names: readonly TemplateName[]): Promise<TemplateName[]> {
  const ids = names.slice(0, 3).map((n) => TEMPLATES[n]);
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: ids,
      success: async (res) => {
        const answer = res as unknown as Record<string, string>;
        const accepted = names.slice(0, 3).filter((n) => answer[TEMPLATES[n]] === 'accept');
        if (accepted.length > 0) {
          if (isLocalMode()) {
            const openid = await localOpenid();
            if (openid) await request('POST', '/local/subscribe', { templateIds: accepted.map((n) => TEMPLATES[n]) }, openid);
          }
          await callFunction('org', 'subscribed', { templates: accepted });
        }
        resolve(accepted);
      },
      fail: () => resolve([]),
    });
  });
}

/** Demo identities of the local cloud (local mode only). */
export async function listIdentities(): Promise<Reply<LocalIdentity[]>> {
  const res = await request('GET', '/local/identities');
  const list = (res.body as { identities?: LocalIdentity[] } | null)?.identities;
  return Array.isArray(list) ? { code: 0, data: list } : fail(CLIENT_ERRORS.NETWORK, 'local cloud unreachable');
}

export type { ActionName, FunctionName, ZoneView } from '../shared/contract';

/**
 * The caller's roles. Cloud mode asks `org.me` (not yet deployed: a reporter until it is); local mode reads
 * them from the demo identity.
 */
export async function myRoles(): Promise<Role[]> {
  const r = await callFunction('org', 'me');
  if (r.code === 0 && Array.isArray(r.data?.roles)) {
    // Remembered for pages that route by role without asking again (a poster scan by an inspector).
    cacheRoles(r.data.roles);
    return r.data.roles;
  }
  // Local mode with the local cloud unreachable: the demo identity's name still tells which entries to show.
  const openid = isLocalMode() ? localIdentity()?.openid : undefined;
  return openid ? rolesOfDemoOpenid(openid) : ['reporter'];
}

/** The zone behind a QR scene id (`org.zoneByScene`). */
export const zoneByScene = (sceneId: string) => callFunction('org', 'zoneByScene', { sceneId });

/** Zones matching a search text, for the inspector's patrol (`org.searchZones`). */
export const searchZones = (q: string) => callFunction('org', 'searchZones', { q });

/** Staff of a unit, for reassigning (`org.unitStaff`). */
export const unitStaff = (unitId: string) => callFunction('org', 'unitStaff', { unitId });

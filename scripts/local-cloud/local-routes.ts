/**
 * The mini-program's way into the local cloud. In WeChat DevTools, local mode replaces
 * `wx.cloud.callFunction` / `uploadFile` / `getTempFileURL` with `wx.request` / `wx.uploadFile` to
 * these routes, naming a demo identity in the `x-local-openid` header. The routes exist only on this
 * local server, which listens on loopback; deployed functions never read an identity from a request:
 * here the header becomes the invocation's WeChat context, as WeChat itself would set it.
 */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { LocalCloud } from './cloud';
import { CloudError } from './engine/errors';
import type { DemoIdentity } from './seed';

const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const NAME_RE = /^[A-Za-z0-9_-]{1,60}$/;

type Reply = { status: number; body: unknown };
const fail = (status: number, code: string, message: string): Reply => ({ status, body: { code, message } });

function openidOf(req: http.IncomingMessage): string | null {
  const v = req.headers['x-local-openid'];
  return typeof v === 'string' && OPENID_RE.test(v) ? v : null;
}

/** The caller's address as CloudBase gives it in CLIENTIP (IPv4 without the ::ffff: prefix). */
export function clientIpOf(req: http.IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

function json(body: Buffer): Record<string, unknown> | null {
  try {
    const v = JSON.parse(body.toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

export type FormPart = { name: string; filename?: string; data: Buffer };

/** The parts of a multipart/form-data body (what wx.uploadFile and node-sdk's open-API calls send). */
export function multipartParts(body: Buffer, contentType: string | undefined): FormPart[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!m) return [];
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(boundary);
  while (pos !== -1) {
    const headerStart = pos + boundary.length + 2;
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd === -1) break;
    const next = body.indexOf(boundary, headerEnd);
    if (next === -1) break;
    const headers = body.subarray(headerStart, headerEnd).toString('utf8');
    const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    parts.push({ name, filename, data: body.subarray(headerEnd + 4, next - 2) });
    pos = next;
  }
  return parts;
}

/** The first file part of a multipart/form-data body (what wx.uploadFile sends), or null. */
export function firstFilePart(body: Buffer, contentType: string | undefined): { filename: string; data: Buffer } | null {
  const part = multipartParts(body, contentType).find((p) => p.filename !== undefined);
  return part ? { filename: part.filename as string, data: part.data } : null;
}

export function installLocalRoutes(cloud: LocalCloud, identities: DemoIdentity[]): void {
  const r = cloud.routes;

  r.set('GET /local/identities', async () => ({ status: 200, body: { identities } }));

  r.set('POST /local/call', async (req, body) => {
    const openid = openidOf(req);
    if (!openid) return fail(400, 'LOCAL.IDENTITY_REQUIRED', 'x-local-openid header (a demo identity) is required');
    const p = json(body);
    if (!p || typeof p.name !== 'string' || !NAME_RE.test(p.name)) return fail(400, 'INVALID_PARAM', 'body must be { name, data }');
    try {
      const result = await cloud.host.invoke(p.name, p.data ?? {}, { source: 'wx_client', openid, clientIp: clientIpOf(req) });
      return { status: 200, body: { result, errMsg: 'cloud.callFunction:ok' } };
    } catch (e) {
      const err = e instanceof CloudError ? e : new CloudError('SYS_ERR', 'internal error');
      return fail(200, err.code, err.message);
    }
  });

  r.set('POST /local/upload', async (req, body, url) => {
    const openid = openidOf(req);
    if (!openid) return fail(400, 'LOCAL.IDENTITY_REQUIRED', 'x-local-openid header (a demo identity) is required');
    const file = firstFilePart(body, req.headers['content-type']);
    if (!file) return fail(400, 'INVALID_PARAM', 'expected multipart/form-data with one file');
    try {
      // Storage rules apply as on CloudBase: a user may not overwrite another's file or a function's.
      const fileID = cloud.storage.clientUpload(url.searchParams.get('cloudPath'), openid, file.data, new Date());
      return { status: 200, body: { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' } };
    } catch (e) {
      const err = e as CloudError;
      return fail(err.code === 'STORAGE_EXCEED_AUTHORITY' ? 403 : 400, err.code ?? 'INVALID_PARAM', err.message);
    }
  });

  r.set('POST /local/temp-urls', async (req, body) => {
    const openid = openidOf(req);
    if (!openid) return fail(400, 'LOCAL.IDENTITY_REQUIRED', 'x-local-openid header (a demo identity) is required');
    const p = json(body);
    const list = p?.fileList;
    if (!Array.isArray(list) || list.length > 50 || !list.every((f) => typeof f === 'string')) {
      return fail(400, 'INVALID_PARAM', 'fileList must be at most 50 file ids');
    }
    // Only files the storage rules let this user read (by default: the files they uploaded).
    const urls = cloud.storage.clientTempUrls(list as string[], openid, new Date());
    return {
      status: 200,
      body: { fileList: urls.map((u) => ({ fileID: u.fileID, tempFileURL: u.tempFileURL, status: u.code === 'SUCCESS' ? 0 : -1 })) },
    };
  });

  // What accepting wx.requestSubscribeMessage does: one more send allowed per accepted template.
  r.set('POST /local/subscribe', async (req, body) => {
    const openid = openidOf(req);
    if (!openid) return fail(400, 'LOCAL.IDENTITY_REQUIRED', 'x-local-openid header (a demo identity) is required');
    const ids = json(body)?.templateIds;
    if (!Array.isArray(ids) || ids.length > 3 || !ids.every((t) => typeof t === 'string' && t.length <= 64)) {
      return fail(400, 'INVALID_PARAM', 'templateIds must be at most 3 template ids');
    }
    for (const t of ids) cloud.host.subscribe(openid, t, 1);
    return { status: 200, body: Object.fromEntries(ids.map((t) => [t, 'accept'])) };
  });

  r.set('GET /local/outbox', async (_req, _body, url) => {
    const limit = Math.min(Number(url.searchParams.get('limit')) || 50, 500);
    return { status: 200, body: { messages: cloud.host.outbox.slice(-limit).reverse() } };
  });

  // A fresh device identity for a first-time user who picks no demo identity.
  r.set('POST /local/new-identity', async () => ({ status: 200, body: { openid: `local-${randomBytes(8).toString('hex')}` } }));
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { loadDatabaseConfig } from '../database-config';
import type { Identity } from './context';
import { isDatabaseAction, runDatabaseAction } from './engine/actions';
import { type CollectionSpec, Engine } from './engine/engine';
import { CloudCode, CloudError, invalid } from './engine/errors';
import { FunctionHost } from './host';
import { multipartParts } from './local-routes';
import { type CloudProfile, DbQuota, type Latency, PROFILES, parseLatency, profileFromEnv, travel } from './profile';
import { installDatabaseSeam, removeDatabaseSeam } from './seam';
import { LocalStorage, MAX_FILE_BYTES } from './storage';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Largest JSON request accepted on /admin and /local/call. */
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;
export const DEFAULT_PORT = 3901;
export const LOCAL_ENV_ID = 'xuncha-local';
export const LOCAL_APP_ID = 'wxlocal0000000000';

export type LocalCloudOptions = {
  dataDir: string;
  /** 0 picks a free port (tests); the default is DEFAULT_PORT. */
  port?: number;
  functionsDir?: string;
  databaseConfig?: string;
  envId?: string;
  /** Start timer triggers (npm start does; tests fire them on purpose). */
  timers?: boolean;
  now?: () => Date;
  log?: (line: string) => void;
  /** The plan's limits (default: LOCAL_CLOUD_PROFILE, else none). */
  profile?: CloudProfile | keyof typeof PROFILES;
  /** Round trip per database request, e.g. "8" or "5-12" ms (default: LOCAL_CLOUD_LATENCY_MS, else none). */
  latency?: string | Latency | null;
};

export type RequestCount = { total: number; byAction: Record<string, number> };

/** The collections and indexes of a database configuration (validated; see scripts/database-config.ts). */
export function readDatabaseConfig(file = path.join(ROOT, 'database.json')): CollectionSpec[] {
  return loadDatabaseConfig(file).collections;
}

/** True for a request a web page may have sent (cross-site): node-sdk and the mini-program send no such headers. */
export function crossSite(req: http.IncomingMessage, self: string): boolean {
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== self) return true;
  const site = req.headers['sec-fetch-site'];
  return typeof site === 'string' && site !== 'same-origin' && site !== 'none';
}

/**
 * xuncha's local cloud: the CloudBase API over an embedded database, storage on disk and a host for
 * the cloud functions, reachable in-process (the real SDKs' `Db.reqClass`) and over HTTP on
 * loopback (the protocol `@cloudbase/node-sdk` speaks with `serviceUrl`).
 */
export class LocalCloud {
  readonly engine: Engine;
  readonly storage: LocalStorage;
  readonly host: FunctionHost;
  readonly envId: string;
  readonly requests: RequestCount = { total: 0, byAction: {} };
  private readonly scopes = new AsyncLocalStorage<RequestCount>();
  private server?: http.Server;
  private readonly requestPrefix = randomBytes(4).toString('hex');
  private requestSeq = 0;
  private port = 0;
  private readonly now: () => Date;
  private readonly dispatchDb = (action: string, params: Record<string, unknown>) => this.call(action, params);
  private dbQuota: DbQuota;
  /** The round trip each database request costs (null: one turn of the event loop). */
  latency: Latency | null;

  private constructor(private readonly opts: LocalCloudOptions) {
    this.now = opts.now ?? (() => new Date());
    this.envId = opts.envId ?? LOCAL_ENV_ID;
    // CloudBase runs functions in UTC: so does this process, whatever the machine's zone.
    if (process.env.LOCAL_CLOUD_KEEP_TZ !== '1') process.env.TZ = 'UTC';
    this.dbQuota = new DbQuota(profileFromEnv());
    this.latency = parseLatency(process.env.LOCAL_CLOUD_LATENCY_MS);
    if (opts.profile !== undefined) this.setProfile(opts.profile);
    if (opts.latency !== undefined) this.latency = typeof opts.latency === 'string' ? parseLatency(opts.latency) : opts.latency;
    const config = loadDatabaseConfig(opts.databaseConfig ?? path.join(ROOT, 'database.json'));
    this.engine = new Engine(opts.dataDir, config.collections);
    this.storage = new LocalStorage(opts.dataDir, this.envId, () => this.url, config.storageRules);
    this.configureSdkEnv();
    installDatabaseSeam(this.dispatchDb);
    this.host = new FunctionHost(opts.functionsDir ?? path.join(ROOT, 'cloudfunctions'), this.envId, LOCAL_APP_ID, this.now, () =>
      this.profile(),
    );
  }

  /** The plan whose limits are enforced now. */
  profile(): CloudProfile {
    return this.dbQuota.profile;
  }

  /** Switches the enforced plan (counters start afresh). */
  setProfile(profile: CloudProfile | keyof typeof PROFILES): void {
    const p = typeof profile === 'string' ? PROFILES[profile] : profile;
    if (!p) throw new Error(`unknown cloud profile ${String(profile)}`);
    this.dbQuota = new DbQuota(p);
  }

  /** Database requests refused for quota since the profile was set. */
  get refused(): { rate: number; concurrency: number } {
    return { ...this.dbQuota.refused };
  }

  /** Opens the data directory, installs the in-process seam and starts serving on loopback. */
  static async start(opts: LocalCloudOptions): Promise<LocalCloud> {
    const cloud = new LocalCloud(opts);
    await cloud.listen(opts.port ?? DEFAULT_PORT);
    if (opts.timers) cloud.host.startTimers((fn, e) => cloud.log(`timer ${fn} failed: ${(e as Error).message}`));
    return cloud;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private log(line: string): void {
    this.opts.log?.(line);
  }

  /**
   * What the SDKs need to reach this local cloud for whatever is not in-process (storage,
   * callFunction): the service URL, dummy keys (node-sdk signs every request) and the flags that
   * stop it probing Tencent's metadata server.
   */
  private configureSdkEnv(): void {
    process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${this.url}/admin` });
    process.env.TENCENTCLOUD_SECRETID ??= 'local';
    process.env.TENCENTCLOUD_SECRETKEY ??= 'local';
    process.env.TENCENTCLOUD = 'true';
    process.env.SILENCE = 'true';
    process.env.SCF_NAMESPACE ??= this.envId;
  }

  /** Runs `fn` and returns the CloudBase requests it made, by action. */
  async measure<T>(fn: () => Promise<T>): Promise<{ result: T; requests: RequestCount }> {
    const scope: RequestCount = { total: 0, byAction: {} };
    const result = await this.scopes.run(scope, fn);
    return { result, requests: scope };
  }

  private count(action: string): void {
    for (const c of [this.requests, this.scopes.getStore()]) {
      if (!c) continue;
      c.total++;
      c.byAction[action] = (c.byAction[action] ?? 0) + 1;
    }
  }

  /** One CloudBase API request; resolves to the reply body (with requestId) or throws a CloudError. */
  async call(action: string, params: Record<string, unknown>, identity?: Identity): Promise<Record<string, unknown>> {
    this.count(action);
    const requestId = `${this.requestPrefix}-${(++this.requestSeq).toString(36)}`;
    const quota = isDatabaseAction(action) ? this.dbQuota : null;
    let admitted = false;
    try {
      // A database request is a network round trip on CloudBase: other invocations run while it travels,
      // so concurrent invocations interleave at every request as separate instances do.
      if (quota) {
        const refused = quota.admit(Date.now());
        if (refused) throw new CloudError(refused, `${refused}: the ${quota.profile.name} plan's database quota is exhausted`);
        admitted = true;
        await travel(this.latency);
      }
      const body = await this.run(action, params, identity);
      if (quota && this.latency) await travel(this.latency);
      return { requestId, ...body };
    } catch (e) {
      const err = e instanceof CloudError ? e : new CloudError(CloudCode.Internal, 'internal error');
      if (!(e instanceof CloudError)) this.log(`internal error in ${action}: ${(e as Error)?.stack ?? e}`);
      throw Object.assign(new Error(err.message), { code: err.code, message: err.message, requestId });
    } finally {
      if (admitted) quota?.release();
    }
  }

  private async run(action: string, params: Record<string, unknown>, identity?: Identity): Promise<Record<string, unknown>> {
    if (isDatabaseAction(action)) return runDatabaseAction(this.engine, action, params, this.now());
    const now = this.now();
    switch (action) {
      case 'functions.invokeFunction': {
        const name = params.function_name;
        if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,60}$/.test(name)) throw invalid('function_name is required');
        let data: unknown = {};
        if (typeof params.request_data === 'string' && params.request_data !== '') {
          try {
            data = JSON.parse(params.request_data);
          } catch {
            throw invalid('request_data must be JSON');
          }
        }
        const result = await this.host.invoke(name, data, identity ?? { source: 'tcb_admin' });
        return { data: { response_data: JSON.stringify(result ?? null) } };
      }
      case 'storage.getUploadMetadata':
        return { data: this.storage.uploadMetadata(params.path, now) };
      case 'storage.batchGetDownloadUrl': {
        const list = params.file_list;
        if (!Array.isArray(list) || list.length > 50) throw invalid('file_list must be an array of at most 50');
        return { data: { download_list: this.storage.tempUrls(list as Array<{ fileid: string; max_age?: number }>, now) } };
      }
      case 'storage.batchDeleteFile': {
        const list = params.fileid_list;
        if (!Array.isArray(list) || list.length > 50) throw invalid('fileid_list must be an array of at most 50');
        return { data: { delete_list: this.storage.remove(list as string[]) } };
      }
      default:
        throw new CloudError(CloudCode.InvalidAction, `unknown action ${action}`);
    }
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  private listen(port: number): Promise<void> {
    const server = http.createServer((req, res) => {
      this.route(req, res).catch((e) => {
        this.log(`http error: ${(e as Error)?.stack ?? e}`);
        if (!res.headersSent) send(res, 500, { code: CloudCode.Internal, message: 'internal error' });
      });
    });
    server.keepAliveTimeout = 5000;
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.port = (server.address() as { port: number }).port;
        this.configureSdkEnv();
        resolve();
      });
    });
  }

  /** Extra routes (the mini-program's local way in) register here. */
  readonly routes = new Map<string, (req: http.IncomingMessage, body: Buffer, url: URL) => Promise<{ status: number; body: unknown }>>();

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const limit = url.pathname === '/storage/upload' ? MAX_FILE_BYTES : MAX_REQUEST_BYTES;
    // The admin API writes the database with full rights: refuse what a web page could send cross-site
    // (any page a developer opens can POST text/plain or a form to loopback without a CORS preflight).
    if (url.pathname === '/admin' || url.pathname === '/storage/upload') {
      const type = req.headers['content-type'] ?? '';
      const jsonOrForm = /^application\/json\b/i.test(type) || /^multipart\/form-data\b/i.test(type);
      if (crossSite(req, this.url) || (url.pathname === '/admin' && req.method === 'POST' && !jsonOrForm)) {
        req.resume();
        send(res, 403, { code: 'CROSS_SITE_REFUSED', message: 'the local cloud admin API takes JSON from SDKs, not cross-site requests' });
        return;
      }
    }
    const body = await readBody(req, limit);
    if (body === null) {
      send(res, 413, { code: CloudCode.RequestTooLarge, message: `request larger than ${limit} bytes` });
      return;
    }
    if (url.pathname === '/admin' && req.method === 'POST' && /multipart\/form-data/.test(req.headers['content-type'] ?? '')) {
      await this.openApiOverHttp(req, body, res);
      return;
    }
    if (url.pathname === '/admin' && req.method === 'POST') {
      let params: Record<string, unknown>;
      try {
        params = JSON.parse(body.toString('utf8'));
        if (params === null || typeof params !== 'object' || Array.isArray(params)) throw new Error('not an object');
      } catch {
        send(res, 200, { code: CloudCode.InvalidParam, message: 'request body must be a JSON object' });
        return;
      }
      const { action, ...rest } = params;
      try {
        send(res, 200, await this.call(String(action ?? ''), rest));
      } catch (e) {
        const err = e as { code: string; message: string; requestId?: string };
        send(res, 200, { code: err.code, message: err.message, requestId: err.requestId });
      }
      return;
    }
    if (url.pathname === '/storage/upload' && req.method === 'PUT') {
      try {
        this.storage.acceptUpload(url.searchParams.get('path'), url.searchParams.get('token'), body, this.now());
        res.writeHead(200).end();
      } catch (e) {
        const err = e as CloudError;
        res.writeHead(403, { 'content-type': 'application/xml' });
        res.end(
          `<Error><Code>${err.code}</Code><Message>${err.message}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`,
        );
      }
      return;
    }
    if (url.pathname === '/storage/upload' && req.method === 'POST') {
      // @cloudbase/node-sdk 2.x (wx-server-sdk 2.x): a COS POST form (key, Signature, x-cos-security-token,
      // x-cos-meta-fileid, file) answered in XML, as COS answers it.
      const parts = new Map(multipartParts(body, req.headers['content-type']).map((p) => [p.name, p.data]));
      const key = parts.get('key')?.toString() ?? url.searchParams.get('path');
      const token = parts.get('x-cos-security-token')?.toString() ?? url.searchParams.get('token');
      const file = parts.get('file');
      try {
        if (!file) throw new CloudError('InvalidArgument', 'the form has no file');
        this.storage.acceptUpload(key, token, file, this.now());
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Location>${this.url}/storage/${xmlText(String(key))}</Location><Bucket>${this.storage.bucket}</Bucket><Key>${xmlText(String(key))}</Key><ETag>"${createHash('md5').update(file).digest('hex')}"</ETag></PostResponse>`;
        res.writeHead(200, { 'content-type': 'application/xml' }).end(xml);
      } catch (e) {
        const err = e as CloudError;
        res.writeHead(403, { 'content-type': 'application/xml' });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlText(err.code)}</Code><Message>${xmlText(err.message)}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`,
        );
      }
      return;
    }
    if (url.pathname.startsWith('/storage/file/') && req.method === 'GET') {
      try {
        const file = this.storage.read(
          decodeURIComponent(url.pathname.slice('/storage/file/'.length)),
          url.searchParams.get('t'),
          url.searchParams.get('sign'),
          this.now(),
        );
        res.writeHead(200, { 'content-type': contentType(url.pathname), 'content-length': file.length }).end(file);
      } catch (e) {
        send(res, e instanceof CloudError && e.code === CloudCode.StorageFileMissing ? 404 : 403, {
          code: (e as CloudError).code,
          message: (e as Error).message,
        });
      }
      return;
    }
    if (url.pathname === '/health') {
      send(res, 200, { ok: true, env: this.envId });
      return;
    }
    const extra = this.routes.get(`${req.method} ${url.pathname}`);
    if (extra) {
      const out = await extra(req, body, url);
      send(res, out.status, out.body);
      return;
    }
    send(res, 404, { code: 'NOT_FOUND', message: `no route ${req.method} ${url.pathname}` });
  }

  /** `wx.openApi` over HTTP: node-sdk sends it as a multipart form with a protobuf `requestData`. */
  private async openApiOverHttp(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
    const parts = new Map(multipartParts(body, req.headers['content-type']).map((p) => [p.name, p.data]));
    const action = parts.get('action')?.toString();
    const api = parts.get('apiName')?.toString() ?? '';
    const data = parts.get('requestData');
    this.count(action ?? 'multipart');
    if (action !== 'wx.openApi' || !data || !/^[A-Za-z]+\.[A-Za-z]+$/.test(api)) {
      send(res, 200, { code: CloudCode.InvalidParam, message: 'expected action=wx.openApi with apiName and requestData' });
      return;
    }
    try {
      const reply = await this.host.openApiOverHttp(api, data);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': reply.length }).end(reply);
    } catch (e) {
      send(res, 200, { code: CloudCode.InvalidParam, message: `bad open-API request: ${(e as Error).message}` });
    }
  }

  async close(): Promise<void> {
    await this.host.stop();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    removeDatabaseSeam(this.dispatchDb);
    this.engine.close();
  }
}

const xmlText = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function contentType(p: string): string {
  const ext = path.extname(p).toLowerCase();
  return (
    { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.pdf': 'application/pdf' }[ext] ??
    'application/octet-stream'
  );
}

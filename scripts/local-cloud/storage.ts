import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CloudCode, CloudError, invalid } from './engine/errors';

/** Largest file accepted, like a photo straight off a phone camera with room to spare. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const PATH_RE = /^[A-Za-z0-9_\-./ \u4e00-\u9fa5]{1,256}$/;

/** Storage security rules, as CloudBase takes them: a boolean or an expression per operation. */
export type StorageRules = { read: boolean | string; write: boolean | string };

/** CloudBase's 仅创建者可读写: a user reads and writes only the files they uploaded (functions are not bound). */
export const CREATOR_ONLY: StorageRules = { read: 'resource.openid == auth.openid', write: 'resource.openid == auth.openid' };

/**
 * Evaluates a storage rule for a client: `true`/`false`, `auth != null`, `auth.openid != null`,
 * `resource.openid == auth.openid`, joined by `&&` / `||` (no parentheses). Anything else is refused,
 * so a rule the local cloud does not understand never grants more than CloudBase would.
 */
export function ruleAllows(rule: boolean | string, ctx: { openid: string | null; owner: string | null }): boolean {
  if (typeof rule === 'boolean') return rule;
  const atom = (a: string): boolean => {
    const t = a.trim().replace(/\s+/g, ' ');
    if (t === 'true') return true;
    if (t === 'false') return false;
    if (t === 'auth != null' || t === 'auth.openid != null') return ctx.openid !== null;
    if (t === 'resource.openid == auth.openid' || t === 'auth.openid == resource.openid')
      return ctx.openid !== null && ctx.owner === ctx.openid;
    return false;
  };
  return rule.split('||').some((alt) => alt.split('&&').every(atom));
}

/**
 * Cloud storage on local disk: `fileID`s look like CloudBase's (`cloud://<env>.<bucket>/<path>`),
 * uploads follow the SDK's two steps (metadata, then a PUT of the bytes to a signed URL) and temp
 * URLs are signed with a per-data-directory secret and expire.
 */
export class LocalStorage {
  private readonly root: string;
  private readonly secret: Buffer;
  readonly bucket: string;
  private readonly ownersFile: string;
  /** Who uploaded each file from the mini-program (path → openid); files written by functions have none. */
  private readonly owners: Map<string, string>;

  constructor(
    dataDir: string,
    private readonly envId: string,
    private readonly baseUrl: () => string,
    /** Client (mini-program) access; cloud functions use the admin API and are not bound by it. */
    readonly rules: StorageRules = CREATOR_ONLY,
  ) {
    this.root = path.join(dataDir, 'storage');
    this.ownersFile = path.join(dataDir, 'storage-owners.json');
    this.owners = new Map(
      fs.existsSync(this.ownersFile) ? Object.entries(JSON.parse(fs.readFileSync(this.ownersFile, 'utf8')) as Record<string, string>) : [],
    );
    fs.mkdirSync(this.root, { recursive: true });
    const secretFile = path.join(dataDir, 'storage.secret');
    if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(32).toString('hex'));
    this.secret = Buffer.from(fs.readFileSync(secretFile, 'utf8'), 'hex');
    this.bucket = `local-${envId}`;
  }

  /** Validates a cloud path; throws INVALID_PARAM for anything that could leave the storage root. */
  static checkPath(cloudPath: unknown): string {
    if (typeof cloudPath !== 'string' || !PATH_RE.test(cloudPath)) throw invalid('cloudPath must be 1–256 safe characters');
    const parts = cloudPath.split('/');
    if (parts.some((p) => p === '' || p === '.' || p === '..')) throw invalid('cloudPath may not have empty, . or .. segments');
    return cloudPath;
  }

  fileId(cloudPath: string): string {
    return `cloud://${this.envId}.${this.bucket}/${cloudPath}`;
  }

  pathOf(fileId: unknown): string {
    const prefix = `cloud://${this.envId}.${this.bucket}/`;
    if (typeof fileId !== 'string' || !fileId.startsWith(prefix)) throw invalid(`not a file of this environment: ${String(fileId)}`);
    return LocalStorage.checkPath(fileId.slice(prefix.length));
  }

  private sign(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('hex').slice(0, 32);
  }

  private verify(text: string, sig: string): boolean {
    const want = Buffer.from(this.sign(text));
    const got = Buffer.from(sig);
    return want.length === got.length && timingSafeEqual(want, got);
  }

  /** `storage.getUploadMetadata`: where and with what token to PUT the bytes. */
  uploadMetadata(cloudPath: unknown, now: Date): Record<string, unknown> {
    const p = LocalStorage.checkPath(cloudPath);
    const expires = now.getTime() + 10 * 60_000;
    const token = `${expires}.${this.sign(`put:${p}:${expires}`)}`;
    return {
      url: `${this.baseUrl()}/storage/upload?path=${encodeURIComponent(p)}&token=${token}`,
      token,
      authorization: token,
      fileId: this.fileId(p),
      cosFileId: p,
    };
  }

  /** Stores an uploaded file if the upload token is valid for this path. */
  acceptUpload(cloudPath: unknown, token: unknown, body: Buffer, now: Date, owner: string | null = null): void {
    const p = LocalStorage.checkPath(cloudPath);
    const [expires, sig] = String(token ?? '').split('.');
    if (!sig || Number(expires) < now.getTime() || !this.verify(`put:${p}:${expires}`, sig)) {
      throw new CloudError('SignatureDoesNotMatch', 'upload token is invalid or expired');
    }
    if (body.length > MAX_FILE_BYTES) throw new CloudError(CloudCode.RequestTooLarge, `files are limited to ${MAX_FILE_BYTES} bytes`);
    const file = path.join(this.root, p);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomBytes(4).toString('hex')}.part`;
    fs.writeFileSync(tmp, body);
    fs.renameSync(tmp, file);
    this.setOwner(p, owner);
  }

  private setOwner(cloudPath: string, openid: string | null): void {
    if (openid === null ? !this.owners.delete(cloudPath) : this.owners.get(cloudPath) === openid) return;
    if (openid !== null) this.owners.set(cloudPath, openid);
    const tmp = `${this.ownersFile}.${randomBytes(4).toString('hex')}.part`;
    fs.writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.owners)));
    fs.renameSync(tmp, this.ownersFile);
  }

  /** The openid that uploaded a file from the mini-program, or null (written by a function, or absent). */
  ownerOf(cloudPath: string): string | null {
    return this.owners.get(cloudPath) ?? null;
  }

  /** Whether a mini-program user may read this file under the storage rules. */
  clientMayRead(cloudPath: string, openid: string): boolean {
    return ruleAllows(this.rules.read, { openid, owner: this.ownerOf(cloudPath) });
  }

  /** Whether a mini-program user may write this path: a new file becomes theirs; an existing one is checked. */
  clientMayWrite(cloudPath: string, openid: string): boolean {
    const owner = this.exists(cloudPath) ? this.ownerOf(cloudPath) : openid;
    return ruleAllows(this.rules.write, { openid, owner });
  }

  /**
   * A mini-program upload (`wx.cloud.uploadFile`): refused with STORAGE_EXCEED_AUTHORITY when the rules do
   * not let this user write the path (another user's file, a function's file such as a zone's QR code).
   */
  clientUpload(cloudPath: unknown, openid: string, body: Buffer, now: Date): string {
    const p = LocalStorage.checkPath(cloudPath);
    if (!this.clientMayWrite(p, openid)) throw new CloudError('STORAGE_EXCEED_AUTHORITY', `no permission to write ${p}`);
    const meta = this.uploadMetadata(p, now);
    this.acceptUpload(p, meta.token, body, now, openid);
    return meta.fileId as string;
  }

  /** `getTempFileURL` from the mini-program: only files the rules let this user read are signed. */
  clientTempUrls(fileIds: string[], openid: string, now: Date): Array<Record<string, unknown>> {
    return fileIds.map((fileid) => {
      let p: string;
      try {
        p = this.pathOf(fileid);
      } catch {
        return { fileID: fileid, code: 'STORAGE_SIGN_PARAM_INVALID', tempFileURL: '' };
      }
      if (!this.exists(p)) return { fileID: fileid, code: CloudCode.StorageFileMissing, tempFileURL: '' };
      if (!this.clientMayRead(p, openid)) return { fileID: fileid, code: 'STORAGE_EXCEED_AUTHORITY', tempFileURL: '' };
      return this.tempUrls([{ fileid }], now)[0];
    });
  }

  exists(cloudPath: string): boolean {
    return fs.existsSync(path.join(this.root, cloudPath));
  }

  /** `storage.batchGetDownloadUrl`: a signed, expiring URL per file (or a per-file error code). */
  tempUrls(list: Array<{ fileid: string; max_age?: number }>, now: Date): Array<Record<string, unknown>> {
    return list.map(({ fileid, max_age }) => {
      let p: string;
      try {
        p = this.pathOf(fileid);
      } catch {
        return { fileID: fileid, code: 'STORAGE_SIGN_PARAM_INVALID', tempFileURL: '' };
      }
      if (!this.exists(p)) return { fileID: fileid, code: CloudCode.StorageFileMissing, tempFileURL: '' };
      const maxAge = Math.min(Math.max(Number(max_age) || 7200, 1), 86400);
      const expires = now.getTime() + maxAge * 1000;
      const url = `${this.baseUrl()}/storage/file/${p}?t=${expires}&sign=${this.sign(`get:${p}:${expires}`)}`;
      return { fileID: fileid, code: 'SUCCESS', tempFileURL: url, maxAge };
    });
  }

  /** Reads a file for a GET of a temp URL, checking signature and expiry. */
  read(cloudPath: string, t: unknown, sign: unknown, now: Date): Buffer {
    const p = LocalStorage.checkPath(cloudPath);
    if (Number(t) < now.getTime() || !this.verify(`get:${p}:${t}`, String(sign ?? ''))) {
      throw new CloudError('AccessDenied', 'the link is invalid or has expired');
    }
    if (!this.exists(p)) throw new CloudError(CloudCode.StorageFileMissing, 'storage file not exists');
    return fs.readFileSync(path.join(this.root, p));
  }

  /** `storage.batchDeleteFile`. */
  remove(fileIds: string[]): Array<Record<string, unknown>> {
    return fileIds.map((fileid) => {
      try {
        const p = this.pathOf(fileid);
        if (!this.exists(p)) return { fileID: fileid, code: CloudCode.StorageFileMissing };
        fs.rmSync(path.join(this.root, p));
        this.setOwner(p, null);
        return { fileID: fileid, code: 'SUCCESS' };
      } catch {
        return { fileID: fileid, code: 'STORAGE_SIGN_PARAM_INVALID' };
      }
    });
  }
}

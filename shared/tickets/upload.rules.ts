/**
 * Where the mini-program stores the photos a user uploads, and the check that a file id a request names is
 * one the caller uploaded for that purpose (README "Uploaded files").
 *
 * Convention: `uploads/<purpose>/<openid>/<yyyymmdd>/<uuid>.jpg`. Files the functions generate (briefings,
 * exports, zone codes, posters, survey codes) live under their own top-level folders, never under `uploads/`,
 * so no ticket action accepts them and `tickets.detail` never signs them.
 */

/** Why a photo was uploaded: a QR report, an inspector's finding, or a rectification's after-photos. */
export const UPLOAD_PURPOSES = ['report', 'finding', 'rectify'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

export const UPLOAD_ROOT = 'uploads';

/** The cloud path of an upload: `uploadPath('report', 'o-1', '20260301/abc.jpg')` → `uploads/report/o-1/20260301/abc.jpg`. */
export const uploadPath = (purpose: UploadPurpose, openid: string, rest: string): string => `${UPLOAD_ROOT}/${purpose}/${openid}/${rest}`;

/** The path inside the bucket of a file id (`cloud://<env>.<bucket>/<path>`), or null for anything else. */
export function pathOfFileId(fileId: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
  if (!m) return null;
  const path = m[1];
  // No empty segments and no relative ones: `uploads/report/o-1/../../briefings/x` is not an upload.
  if (path.split('/').some((s) => s === '' || s === '.' || s === '..')) return null;
  return path;
}

/** Whether `fileId` is an upload by `openid` for `purpose`. */
export function isOwnUpload(fileId: string, purpose: UploadPurpose, openid: string): boolean {
  const path = pathOfFileId(fileId);
  const prefix = uploadPath(purpose, openid, '');
  return !!path?.startsWith(prefix) && path.length > prefix.length;
}

/** Whether `fileId` is any user upload (what a ticket may show); generated files are not. */
export function isUpload(fileId: string): boolean {
  const parts = pathOfFileId(fileId)?.split('/') ?? [];
  return parts.length >= 4 && parts[0] === UPLOAD_ROOT && (UPLOAD_PURPOSES as readonly string[]).includes(parts[1]);
}

/** The file ids of `fileIds` that are not the caller's uploads for `purpose` (empty when all are). */
export const foreignFiles = (fileIds: readonly string[], purpose: UploadPurpose, openid: string): string[] =>
  fileIds.filter((f) => !isOwnUpload(f, purpose, openid));

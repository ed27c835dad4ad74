import { CONFIG } from '../config';
import type { GlobalRole } from '../shared/contract';

/** Roles the home page routes by; everyone may report. */
export type Role = GlobalRole;

/** A demo identity as `GET /local/identities` lists it. */
export type LocalIdentity = { openid: string; name: string; label: string };

const KEYS = { localMode: 'xuncha.localMode', identity: 'xuncha.localIdentity', roles: 'xuncha.roles' } as const;

/** Local mode: only in a local build (config.ts), on unless switched off on the "我的" page (persisted). */
export function isLocalMode(): boolean {
  if (!CONFIG.localBuild) return false;
  const saved = wx.getStorageSync(KEYS.localMode);
  return typeof saved === 'boolean' ? saved : true;
}

export function setLocalMode(on: boolean): void {
  wx.setStorageSync(KEYS.localMode, on);
}

/** The demo identity local calls are made as, or null before one is chosen. */
export function localIdentity(): LocalIdentity | null {
  const v = wx.getStorageSync(KEYS.identity);
  return v && typeof v === 'object' && typeof v.openid === 'string' ? (v as LocalIdentity) : null;
}

export function setLocalIdentity(identity: LocalIdentity | null): void {
  if (identity) wx.setStorageSync(KEYS.identity, identity);
  else wx.removeStorageSync(KEYS.identity);
  wx.removeStorageSync(KEYS.roles);
}

/**
 * Roles of a demo identity, read from its openid (`demo-staff-…`, `demo-manager-…`). Local mode only: the
 * server never trusts this, it only decides which entries the home page shows. In cloud mode roles come
 * from the server (`org.me`, see miniprogram/services/api.ts `myRoles`).
 */
export function rolesOfDemoOpenid(openid: string): Role[] {
  const m = /^demo-(staff|manager|inspector|leader|admin)\b/.exec(openid);
  return m ? ['reporter', m[1] as Role] : ['reporter'];
}

export function cachedRoles(): Role[] | null {
  const v = wx.getStorageSync(KEYS.roles);
  return Array.isArray(v) ? (v as Role[]) : null;
}

export function cacheRoles(roles: Role[]): void {
  wx.setStorageSync(KEYS.roles, roles);
}

/**
 * Build-time configuration. `localMode` is the default only: the "我的" page can switch it, and the choice is
 * persisted in storage (see services/session.ts). Release builds ship with `localMode: false`.
 */
import { TEMPLATES } from './shared/contract';

export const CONFIG = {
  /** CloudBase environment id for `wx.cloud.init`. */
  envId: 'xuncha-prod',
  /** Talk to the local cloud from `npm start` instead of CloudBase (WeChat DevTools only). */
  localMode: true,
  /** Where `npm start` listens (loopback only). */
  localBaseUrl: 'http://127.0.0.1:3901',
  /** Subscription-message template ids (shared/contract/templates.ts: the ids cloudfunctions/_lib/notify.ts sends). */
  templates: TEMPLATES,
  /** Every list asks for pages of this size (the functions' PAGE_SIZE). */
  pageSize: 20,
} as const;

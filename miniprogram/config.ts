/**
 * Build-time configuration. This checked-in file is the developer's local build: local mode (WeChat DevTools
 * against `npm start`) and the demo-identity switch on "我的". The release package is made by
 * `npx tsx scripts/miniprogram-build.ts --release <dir>`, which writes `localBuild: false` here: local mode then
 * does not exist, whatever storage says.
 */
import { TEMPLATES } from './shared/contract';

export const CONFIG = {
  /** CloudBase environment id for `wx.cloud.init`. */
  envId: 'xuncha-prod',
  /** A local build: local mode is on by default and can be switched on "我的". False in the release package. */
  localBuild: true,
  /** Where `npm start` listens (loopback only). */
  localBaseUrl: 'http://127.0.0.1:3901',
  /** Subscription-message template ids (shared/contract/templates.ts: the ids cloudfunctions/_lib/notify.ts sends). */
  templates: TEMPLATES,
  /** Every list asks for pages of this size (the functions' PAGE_SIZE). */
  pageSize: 20,
  /** Who to call about the app (我的 → 联系我们). */
  contact: { name: '总务部后勤服务热线', phone: '0571-88888888' },
} as const;

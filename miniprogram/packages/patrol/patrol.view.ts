/**
 * What the patrol pages share: the `patrols` function's calls (typed by shared/contract/patrols.contract.ts),
 * zh-CN labels, and the sentence of a failed reply (the contract's one map of messages).
 */
import { type ActionName, callFunction, type PayloadArg } from '../../services/api';
import { messageOf, type Reply } from '../../services/reply';
import { asShanghaiWall, sceneOfScan, shanghaiDate } from '../../shared/contract';

/** Calls an action of the `patrols` cloud function, typed by its contract. */
export const patrols = <A extends ActionName<'patrols'>>(action: A, ...payload: PayloadArg<'patrols', A>) =>
  callFunction('patrols', action, ...payload);

/** The sentence to show for a failed reply (a PATROL.* code's own, from the contract). Never a raw code. */
export const patrolMessage = (r: { code: string | 0 }): string => messageOf(r, { 'REQUEST.INVALID': '填写的内容不符合要求，请检查' });

export const OCC_STATE_LABELS: Record<string, [string, string]> = {
  upcoming: ['未开始', 'muted'],
  open: ['待巡查', 'info'],
  visiting: ['巡查中', 'warn'],
  doneOnTime: ['按时完成', 'ok'],
  doneLate: ['逾期完成', 'warn'],
  missed: ['漏巡', 'danger'],
  excused: ['已豁免', 'muted'],
};

export const LEVEL_LABELS: Record<string, string> = { office: '总务部', centre: '中心', self: '自查', volunteer: '志愿者' };
export const WEEKDAY_LABELS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** The scene id inside a scanned zone poster (the contract's `sceneOfScan`), or null. */
export { sceneOfScan };

/** Scans a zone poster with the camera; resolves to its scene id, or null (cancelled or not a zone code). */
export function scanZone(): Promise<string | null> {
  return new Promise((resolve) => {
    wx.scanCode({
      onlyFromCamera: true,
      success: (res) => {
        const scene = sceneOfScan(res);
        if (!scene) wx.showToast({ title: '不是场所二维码', icon: 'none' });
        resolve(scene);
      },
      fail: () => resolve(null),
    });
  });
}

/** `HH:mm` in Shanghai of an ISO instant. */
export const hhmm = (iso: string): string => asShanghaiWall(iso).toISOString().slice(11, 16);
/** The Shanghai date `n` days from `now` (ms). */
export const shanghaiDay = (now: number, n = 0): string => shanghaiDate(new Date(now + n * 86_400_000));

export type { Reply };

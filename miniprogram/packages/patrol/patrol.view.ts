/**
 * What the patrol pages share: the `patrols` function's calls (typed by shared/contract/patrols.contract.ts),
 * zh-CN labels, and the zh-CN sentence of every PATROL.* code (a copy of shared PATROL_MESSAGES: the compiler
 * checks it is complete, a test checks it is the same).
 */
import type { PatrolsContract } from '../../../shared/contract/patrols.contract';
import type { PATROL_MESSAGES } from '../../../shared/patrols/patrol.errors';
import { callUntyped } from '../../services/api';
import { messageOf, type Reply } from '../../services/reply';

/** Calls an action of the `patrols` cloud function with its contract's types. */
export const patrols = <A extends keyof PatrolsContract>(action: A, payload: PatrolsContract[A]['input']) =>
  callUntyped<PatrolsContract[A]['reply']>('patrols', action, payload as Record<string, unknown>);

export const PATROL_TEXT: typeof PATROL_MESSAGES = {
  'PATROL.RECURRENCE_EMPTY': '按此频次在一年内排不出任何一次巡查，请检查日期和场所服务时间',
  'PATROL.RECURRENCE_TOO_MANY': '此计划每次生成的巡查太多，请减少场所或频次',
  'PATROL.ZONE_WITHOUT_SERVICE_HOURS': '有场所未设置服务时间，无法按服务时间安排巡查',
  'PATROL.ZONE_NOT_FOUND': '所选场所不存在，请重新选择',
  'PATROL.PLAN_NOT_FOUND': '巡查计划不存在或已删除',
  'PATROL.PLAN_STALE': '计划刚被他人修改，请刷新后再保存',
  'PATROL.PLAN_STATUS': '计划当前状态不能进行此操作',
  'PATROL.OUT_OF_SCOPE': '超出您的管理范围',
  'PATROL.OCCURRENCE_NOT_FOUND': '巡查任务不存在',
  'PATROL.INVALID_TRANSITION': '该巡查任务当前状态不能进行此操作，请刷新',
  'PATROL.NOT_ASSIGNEE': '这不是您的巡查任务',
  'PATROL.UNKNOWN_SCENE': '不是有效的场所二维码',
  'PATROL.WRONG_ZONE': '扫描的不是本次巡查场所的二维码，请到现场扫码',
  'PATROL.ALREADY_STARTED': '本次巡查已经开始，请勿重复扫码',
  'PATROL.VISIT_NOT_FOUND': '巡查记录不存在',
  'PATROL.VISIT_ENDED': '本次巡查已结束',
  'PATROL.CHECKLIST_INCOMPLETE': '还有检查项未选择“合格/不合格/不适用”',
  'PATROL.FINDING_MISMATCH': '该问题不属于本次巡查',
  'PATROL.NO_VISIT_ROLE': '您没有巡查该场所的权限',
  'PATROL.PERIOD_INVALID': '统计时段不正确（最长一个学期）',
  'PATROL.NOTE_DECIDED': '该线索已处理过',
};

/** The sentence to show for a failed reply: a patrol code's own, else the app's general one. Never a raw code. */
export const patrolMessage = (r: { code: string | 0; message?: string }): string =>
  (typeof r.code === 'string' && (PATROL_TEXT as Record<string, string>)[r.code]) ||
  (r.code === 'REQUEST.INVALID' ? '填写的内容不符合要求，请检查' : messageOf({ code: r.code }));

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

/** The scene id inside a scanned zone poster (the mini-program code's path, or a bare scene), or null. */
export function sceneOfScan(res: { path?: string; result?: string }): string | null {
  const m = /scene=([A-Za-z0-9_%-]+)/.exec(res.path ?? '') ?? /^([A-Za-z0-9_-]{1,32})$/.exec(res.result ?? '');
  return m ? decodeURIComponent(m[1]) : null;
}

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

const SHANGHAI = 8 * 3_600_000;
/** `HH:mm` in Shanghai of an ISO instant. */
export const hhmm = (iso: string): string => new Date(new Date(iso).getTime() + SHANGHAI).toISOString().slice(11, 16);
/** The Shanghai date `n` days from `now` (ms). */
export const shanghaiDay = (now: number, n = 0): string => new Date(now + SHANGHAI + n * 86_400_000).toISOString().slice(0, 10);

export type { Reply };

/**
 * What the admin pages for zones, people, invites and categories share: the `admin` function's calls, zh-CN
 * labels, and the messages of its error codes. Pure functions and constants, plus the one call helper.
 */
import { callFunction, type PayloadArg } from '../../services/api';
import { type MessageOverrides, messageOf, type Reply } from '../../services/reply';
import {
  type ActionName,
  ROLE_LABELS as PERSON_ROLE_LABELS,
  type RoleBinding,
  SEVERITIES,
  SEVERITY_LABELS,
  shanghaiDate as shanghaiDateOf,
  type UnitRow,
} from '../../shared/contract';

/** Calls an action of the `admin` cloud function (cloudfunctions/admin/index.ts). */
export const admin = <A extends ActionName<'admin'>>(action: A, ...payload: PayloadArg<'admin', A>) =>
  callFunction('admin', action, ...payload);

export type { RoleBinding };
export type RoleName = RoleBinding['role'];
export type Unit = UnitRow;

export const ROLE_LABELS: Readonly<Record<RoleName, string>> = PERSON_ROLE_LABELS;

export const KIND_LABELS: Record<string, string> = {
  campus: '校区',
  building: '楼宇',
  canteen: '食堂',
  dormitory: '宿舍楼',
  floor: '楼层',
  window: '窗口',
  area: '区域',
};

/** Kinds a zone under a parent may have (a campus is only ever a root). */
export const CHILD_KINDS = ['building', 'canteen', 'dormitory', 'floor', 'window', 'area'] as const;

export const UNIT_KIND_LABELS: Record<Unit['kind'], string> = { office: '总务部', centre: '中心', contractor: '外包单位' };

export { SEVERITIES, SEVERITY_LABELS };

/** A role binding as a chip: "员工 · 保洁公司", "巡查员 · 总务部（全校）". */
export function bindingLabel(b: RoleBinding, unitName: (id: string) => string): string {
  if (b.role === 'inspector' && b.level === 'office') return `${ROLE_LABELS.inspector} · 全校`;
  if ('unitId' in b) return `${ROLE_LABELS[b.role]} · ${unitName(b.unitId)}`;
  return ROLE_LABELS[b.role];
}

/** An invite code shown in two groups of four, as it is read out: `ABCD EFGH`. */
export const groupCode = (code: string): string => (code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code);

/** `2025-03-04T06:05:00Z` → `2025-03-04` (Asia/Shanghai). */
export const shanghaiDate = (at: string | Date | null | undefined): string => (at ? shanghaiDateOf(new Date(at)) : '');

/** A zh-CN message for a failed admin reply (`over` for codes that read differently on a page). */
export function adminMessage(r: Reply<unknown>, over: MessageOverrides = {}): string {
  return messageOf(r, over);
}

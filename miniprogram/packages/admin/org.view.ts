/**
 * What the admin pages for zones, people, invites and categories share: the `admin` function's calls, zh-CN
 * labels, and the messages of its error codes. Pure functions and constants, plus the one call helper.
 */
import { callFunction, type PayloadArg } from '../../services/api';
import { messageOf, type Reply } from '../../services/reply';
import type { ActionName } from '../../shared/contract';

/** Calls an action of the `admin` cloud function (cloudfunctions/admin/index.ts). */
export const admin = <A extends ActionName<'admin'>>(action: A, ...payload: PayloadArg<'admin', A>) =>
  callFunction('admin', action, ...payload);

export type RoleBinding =
  | { role: 'staff' | 'manager'; unitId: string }
  | { role: 'inspector'; level: 'office' }
  | { role: 'inspector'; level: 'centre'; unitId: string }
  | { role: 'leader' | 'admin' };
export type RoleName = RoleBinding['role'];
export type Unit = { _id: string; kind: 'office' | 'centre' | 'contractor'; name: string; parentId: string | null };

export const ROLE_LABELS: Record<RoleName, string> = {
  staff: '员工',
  manager: '单位负责人',
  inspector: '巡查员',
  leader: '校领导',
  admin: '管理员',
};

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

export const SEVERITY_LABELS: Record<string, string> = { minor: '一般', major: '较重', critical: '严重' };
export const SEVERITIES = ['minor', 'major', 'critical'] as const;

/** A role binding as a chip: "员工 · 保洁公司", "巡查员 · 总务部（全校）". */
export function bindingLabel(b: RoleBinding, unitName: (id: string) => string): string {
  if (b.role === 'inspector' && b.level === 'office') return `${ROLE_LABELS.inspector} · 全校`;
  if ('unitId' in b) return `${ROLE_LABELS[b.role]} · ${unitName(b.unitId)}`;
  return ROLE_LABELS[b.role];
}

/** An invite code shown in two groups of four, as it is read out: `ABCD EFGH`. */
export const groupCode = (code: string): string => (code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code);

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** `2025-03-04T06:05:00Z` → `2025-03-04` (Asia/Shanghai). */
export const shanghaiDate = (at: string | Date | null | undefined): string =>
  at ? new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) : '';

const MESSAGES: Record<string, string> = {
  'ADMIN.NOT_FOUND': '记录不存在，可能已被删除',
  'ADMIN.STALE': '该记录刚被其他管理员修改，请刷新后重新编辑',
  'ADMIN.UNIT_NOT_FOUND': '单位不存在',
  'ADMIN.INVALID_PARENT': '上级场所不正确',
  'ADMIN.INVALID_ZONE': '场所信息不符合要求（负责人与备岗不能是同一人）',
  'ADMIN.NOT_UNIT_STAFF': '负责人必须是该单位的在职员工',
  'ADMIN.LAST_ADMIN': '系统至少需要保留一名管理员',
  'ADMIN.OWN_ADMIN_ROLE': '不能取消自己的管理员身份或停用自己',
  'ADMIN.INVALID_BINDING': '角色与单位不匹配（巡查员只能属于总务部或中心）',
  'ADMIN.CATEGORY_EXISTS': '这个类别刚被其他管理员创建，请刷新后再试',
  'ADMIN.TOO_MANY_CATEGORIES': '类别数量已达上限',
  'ADMIN.UNKNOWN_RULE': '期限规则不存在',
  'ADMIN.RULE_IN_USE': '仍有类别在使用该期限规则',
  'ADMIN.CODE_EXHAUSTED': '生成失败，请重试',
};

/** A zh-CN message for a failed admin reply (`over` for codes that read differently on a page). */
export function adminMessage(r: Reply<unknown>, over: Record<string, string> = {}): string {
  const code = typeof r.code === 'string' ? r.code : '';
  return over[code] ?? MESSAGES[code] ?? messageOf(r as { code: string; message?: string });
}

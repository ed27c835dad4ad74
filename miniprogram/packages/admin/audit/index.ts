/**
 * Admin: the audit log of admin changes, newest first, 20 a page: who changed what and when, and for each changed
 * field its value before and after (as far as a phone line shows it). Filtered by the kind of record; opened with
 * `?targetId=` it lists one record's changes (the zone page links here).
 */
import { formatTime } from '../../../services/format';
import { privateState } from '../../../services/instance';
import { LIST_DATA, LIST_METHODS, reload } from '../../../services/paged-list';
import type { AuditKind, AuditRow } from '../../../shared/contract';
import { admin, KIND_LABELS } from '../org.view';

type Change = { label: string; before: string; after: string };
type AuditItem = { id: string; when: string; who: string; what: string; target: string; changes: Change[]; tone: string };

export const ACTION_LABELS: Record<AuditRow['action'], string> = {
  'zone.create': '新增场所',
  'zone.update': '修改场所',
  'zone.move': '移动场所',
  'zone.delete': '删除场所',
  'person.update': '修改人员',
  'person.delete': '删除人员',
  'invite.create': '发放邀请码',
  'invite.revoke': '作废邀请码',
  'category.save': '保存类别',
  'category.move': '调整类别顺序',
  'settings.save': '修改期限与升级设置',
  'deadlineRules.create': '新增期限规则',
};

const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  kind: '类型',
  active: '状态',
  unitId: '所属单位',
  responsible: '负责人',
  serviceHours: '服务时间',
  parentName: '上级场所',
  descendants: '随同移动的下级场所',
  deletePending: '待删除',
  roles: '角色',
  onDuty: '在岗',
  phone: '电话',
  deadlineRules: '整改期限',
  escalationLevels: '超时升级',
  rateLimitPerHour: '每小时上报上限',
  joinWindowMinutes: '合并时限',
  repeatWindowDays: '重复问题判定天数',
  order: '排列顺序',
  revokedAt: '作废时间',
  defaultSeverity: '默认等级',
  deadlineRuleId: '期限规则',
  checklist: '检查项',
  reporterVisible: '学生可见',
  icon: '图标',
  expiresAt: '有效期至',
  maxUses: '可用次数',
  note: '备注',
  effectiveFrom: '生效日期',
  replaces: '接替',
  rules: '各等级期限',
};

const HIDDEN = new Set(['parentId', 'path', 'campusId', 'fence', 'sceneId', 'openid']);

const FILTERS: Array<{ kind: AuditKind | ''; label: string }> = [
  { kind: '', label: '全部' },
  { kind: 'zone', label: '场所' },
  { kind: 'person', label: '人员' },
  { kind: 'invite', label: '邀请码' },
  { kind: 'category', label: '类别' },
  { kind: 'settings', label: '期限与升级' },
  { kind: 'deadlineRules', label: '期限规则' },
];

/** A value as one short zh-CN phrase; structures are only said to have changed. */
function shown(key: string, v: unknown): string {
  if (v === undefined || v === null || v === '') return '（无）';
  if (typeof v === 'boolean') return key === 'active' ? (v ? '启用' : '停用') : v ? '是' : '否';
  if (key === 'kind' && typeof v === 'string') return KIND_LABELS[v] ?? v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return /^\d{4}-\d\d-\d\dT/.test(v) ? formatTime(v) : v.length > 40 ? `${v.slice(0, 40)}…` : v;
  if (Array.isArray(v)) return `${v.length} 项`;
  return '（见详情）';
}

/** The changed fields, labelled; internal ones (ids of the path) read as "位置" etc. */
export function changesOf(row: Pick<AuditRow, 'before' | 'after'>): Change[] {
  const before = row.before ?? {};
  const after = row.after ?? {};
  if (!row.before || !row.after) return [];
  // Ids (of the parent, the path, the campus) are left out: their names are logged beside them.
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !HIDDEN.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  return keys.slice(0, 6).map((k) =>
    // A count that only the new record carries (zones moved along) reads as a fact, not as a before → after.
    k === 'descendants'
      ? { label: FIELD_LABELS[k], before: '', after: `${Number(after[k]) || 0} 个` }
      : { label: FIELD_LABELS[k] ?? '其他', before: shown(k, before[k]), after: shown(k, after[k]) },
  );
}

const TONES: Record<string, string> = { create: 'ok', delete: 'danger', revoke: 'danger', move: 'warn' };

const own = privateState(() => ({ targetId: '' }));

Component({
  data: { ...LIST_DATA, filters: FILTERS.map((f) => f.label), filterIndex: 0, oneRecord: false },
  methods: {
    onLoad(options: Record<string, string | undefined> = {}) {
      own(this).targetId = options.targetId ?? '';
      this.setData({ oneRecord: !!options.targetId });
      void reload(this);
    },
    ...LIST_METHODS,
    fetchPage(cursor: string | undefined) {
      const kind = FILTERS[this.data.filterIndex]?.kind;
      const targetId = own(this).targetId;
      return admin('audit', {
        ...(kind ? { kind } : {}),
        ...(targetId ? { targetId } : {}),
        ...(cursor ? { cursor } : {}),
      });
    },
    toItem(row: AuditRow): AuditItem {
      const verb = row.action.split('.')[1] ?? '';
      return {
        id: row._id,
        when: formatTime(row.at),
        who: row.byName ?? '（已删除的管理员）',
        what: ACTION_LABELS[row.action] ?? '修改',
        target: row.target.name ?? (row.target.kind === 'settings' ? '全局设置' : ''),
        changes: changesOf(row),
        tone: TONES[verb] ?? 'info',
      };
    },
    onFilter(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      if (i === this.data.filterIndex) return;
      this.setData({ filterIndex: i, items: [] });
      void reload(this);
    },
  },
});

/**
 * Admin: problem categories and the ticket settings. Categories (at most 60, one read: the report form shows
 * them all) open a sheet to edit the name, icon, default severity, deadline rule set and patrol checklist;
 * a new one gets its code from the server (an admin never types one); 上移 / 下移 swap a category with its
 * neighbour (`moveCategory`), the order the report grid and the patrol page show. Below, the deadline rules per severity of
 * each rule set and the escalation ladder, saved together with the version read.
 */
import { CATEGORIES } from '../../../services/format';
import { privateState } from '../../../services/instance';
import { RELOAD_METHODS } from '../../../services/paged-list';
import type { MessageOverrides } from '../../../services/reply';
import type { CategoryRow, DeadlineRuleSet, EscalationLevel, InputOf, Severity, TicketSettingsReply } from '../../../shared/contract';
import { RULE_KINDS, type RuleRow, ruleSetFromRows } from '../deadline.view';
import { admin, adminMessage, SEVERITIES, SEVERITY_LABELS } from '../org.view';

export type { CategoryRow };
export type SettingsView = TicketSettingsReply;
type Level = EscalationLevel;
type CategoryItem = {
  code: string;
  name: string;
  icon: string;
  severity: string;
  tone: string;
  meta: string;
  /** 学生可见 or 仅巡查 */
  audience: string;
  first: boolean;
  last: boolean;
};
type RuleSet = { id: string; name: string; uses: string; rows: RuleRow[] };
type LevelRow = { id: string; percent: string; notifyIndex: number };

const NOTIFY: Array<{ value: Level['notify']; label: string }> = [
  { value: 'assignee', label: '提醒责任人' },
  { value: 'unitManager', label: '通知单位负责人' },
  { value: 'office', label: '上报总务部' },
];
const SEVERITY_TONES: Record<Severity, string> = { minor: 'info', major: 'warn', critical: 'danger' };
/** A deadline rule set as the admin reads it: never its id. */
export const ruleName = (id: string, index: number) => (id === 'standard' ? '标准时限' : `时限方案${index + 1}`);
const MOVE_MESSAGES: MessageOverrides = { 'ADMIN.CATEGORY_AT_EDGE': '已经在最前或最后了', 'ADMIN.NOT_FOUND': '该类别已不存在，请刷新' };

const own = privateState(() => ({
  rows: [] as CategoryRow[],
  ruleIds: [] as string[],
  /** Names of the rule sets added as versions (the deadline-rules page); the others are named by position. */
  versionNames: new Map<string, string>(),
  settingsVersion: 0,
  editing: null as CategoryRow | null,
}));

const iconOf = (c: CategoryRow) => c.icon ?? CATEGORIES.find((x) => x.code === c.code)?.icon ?? '🏷️';

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    items: [] as CategoryItem[],
    ruleSets: [] as RuleSet[],
    levels: [] as LevelRow[],
    ruleKindNames: RULE_KINDS.map((k) => k.label),
    notifyNames: NOTIFY.map((n) => n.label),
    settingsMeta: '',
    settingsError: '',
    savingSettings: false,
    // the category sheet
    editing: false,
    cat: { isNew: false, code: '', name: '', icon: '', severityIndex: 0, ruleIndex: 0, checklist: '', reporterVisible: true },
    severityNames: SEVERITIES.map((s) => SEVERITY_LABELS[s]),
    ruleIds: [] as string[],
    ruleNames: [] as string[],
    catError: '',
    savingCat: false,
    /** The code being moved up or down (one move at a time). */
    moving: '',
  },
  methods: {
    onLoad() {
      void this.load();
    },
    ...RELOAD_METHODS,
    async load() {
      if (this.data.status !== 'ready') this.setData({ status: 'loading' });
      const [cats, settings] = await Promise.all([admin('categories'), admin('ticketSettings')]);
      if (cats.code !== 0 || settings.code !== 0) {
        this.setData({ status: 'error', errorText: adminMessage(cats.code !== 0 ? cats : settings) });
        return;
      }
      const st = own(this);
      st.rows = cats.data.items;
      st.ruleIds = cats.data.ruleIds;
      st.versionNames = new Map((settings.data.settings.deadlineRuleVersions ?? []).map((x) => [x.id, x.name]));
      const last = st.rows.length - 1;
      this.setData({
        status: 'ready',
        items: st.rows.map((c, i) => this.toItem(c, i === 0, i === last)),
        ruleIds: st.ruleIds,
        ruleNames: st.ruleIds.map((id, i) => this.ruleNameOf(id, i)),
      });
      this.showSettings(settings.data);
    },
    ruleNameOf(id: string, index: number): string {
      return own(this).versionNames.get(id) ?? ruleName(id, index);
    },
    toItem(c: CategoryRow, first: boolean, last: boolean): CategoryItem {
      return {
        first,
        last,
        code: c.code,
        name: c.name,
        icon: iconOf(c),
        severity: SEVERITY_LABELS[c.defaultSeverity],
        tone: SEVERITY_TONES[c.defaultSeverity],
        meta: [
          this.ruleNameOf(c.deadlineRuleId, own(this).ruleIds.indexOf(c.deadlineRuleId)),
          ...(c.checklist?.length ? [`检查项 ${c.checklist.length} 条`] : []),
        ].join(' · '),
        audience: c.reporterVisible === false ? '仅巡查' : '学生可见',
      };
    },
    showSettings(v: SettingsView) {
      own(this).settingsVersion = v.version;
      const ruleSets = Object.entries(v.settings.deadlineRules).map(([id, set], i) => ({
        id,
        name: this.ruleNameOf(id, i),
        uses: `${(v.ruleUse[id] ?? []).length} 个类别使用`,
        rows: SEVERITIES.map((sev) => {
          const rule = set[sev];
          return {
            sev,
            label: SEVERITY_LABELS[sev],
            kindIndex: RULE_KINDS.findIndex((k) => k.kind === rule.kind),
            minutes: 'minutes' in rule ? String(rule.minutes) : '',
          };
        }),
      }));
      const levels = v.settings.escalationLevels.map((l) => ({
        id: l.id,
        percent: String(Math.round(l.atFraction * 1000) / 10),
        notifyIndex: Math.max(
          0,
          NOTIFY.findIndex((n) => n.value === l.notify),
        ),
      }));
      const meta = v.updatedAt ? `最后修改：${v.updatedByName ?? '管理员'} · ${String(v.updatedAt).slice(0, 10)}` : '当前为系统默认设置';
      this.setData({ ruleSets, levels, settingsMeta: meta, settingsError: '' });
    },

    // ---- deadline rules and escalation levels
    onRuleKind(e: WechatMiniprogram.PickerChange) {
      const { set, row } = e.currentTarget.dataset as { set: number; row: number };
      const kindIndex = Number(e.detail.value);
      const patch: Record<string, unknown> = { [`ruleSets[${set}].rows[${row}].kindIndex`]: kindIndex, settingsError: '' };
      if (RULE_KINDS[kindIndex].kind !== 'endOfServiceDay' && !this.data.ruleSets[set].rows[row].minutes)
        patch[`ruleSets[${set}].rows[${row}].minutes`] = '60';
      this.setData(patch);
    },
    onRuleMinutes(e: WechatMiniprogram.Input) {
      const { set, row } = e.currentTarget.dataset as { set: number; row: number };
      this.setData({ [`ruleSets[${set}].rows[${row}].minutes`]: e.detail.value, settingsError: '' });
    },
    onLevelPercent(e: WechatMiniprogram.Input) {
      this.setData({ [`levels[${e.currentTarget.dataset.index}].percent`]: e.detail.value, settingsError: '' });
    },
    onLevelNotify(e: WechatMiniprogram.PickerChange) {
      this.setData({ [`levels[${e.currentTarget.dataset.index}].notifyIndex`]: Number(e.detail.value), settingsError: '' });
    },
    onRemoveLevel(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ levels: this.data.levels.filter((_l, k) => k !== i) });
    },
    onAddLevel() {
      const used = new Set(this.data.levels.map((l) => l.id));
      let n = this.data.levels.length + 1;
      while (used.has(`level${n}`)) n++;
      this.setData({ [`levels[${this.data.levels.length}]`]: { id: `level${n}`, percent: '150', notifyIndex: 1 } });
    },
    /** The settings payload from the form, or a zh-CN hint of what is wrong. */
    settingsPayload(): InputOf<'admin', 'saveTicketSettings'> | string {
      const deadlineRules: Record<string, DeadlineRuleSet> = {};
      for (const set of this.data.ruleSets) {
        const rules = ruleSetFromRows(set.rows);
        if (typeof rules === 'string') return rules;
        deadlineRules[set.id] = rules;
      }
      const escalationLevels: Level[] = [];
      for (const l of this.data.levels) {
        const percent = Number(l.percent);
        if (!Number.isFinite(percent) || percent <= 0 || percent > 10_000) return '升级时点请填写大于 0 的百分比';
        escalationLevels.push({ id: l.id, atFraction: Math.round(percent * 10) / 1000, notify: NOTIFY[l.notifyIndex].value });
      }
      return { version: own(this).settingsVersion, deadlineRules, escalationLevels };
    },
    async onSaveSettings() {
      if (this.data.savingSettings) return;
      const payload = this.settingsPayload();
      if (typeof payload === 'string') {
        this.setData({ settingsError: payload });
        return;
      }
      this.setData({ savingSettings: true, settingsError: '' });
      const r = await admin('saveTicketSettings', payload);
      this.setData({ savingSettings: false });
      if (r.code !== 0) {
        this.setData({ settingsError: adminMessage(r) });
        return;
      }
      this.showSettings(r.data);
      wx.showToast({ title: '已保存', icon: 'success' });
    },

    // ---- the order of the categories
    async onMove(e: WechatMiniprogram.TouchEvent) {
      const { code, direction } = e.currentTarget.dataset as { code: string; direction: 'up' | 'down' };
      const row = own(this).rows.find((c) => c.code === code);
      const item = this.data.items.find((c) => c.code === code);
      if (this.data.moving || !row || !item || (direction === 'up' ? item.first : item.last)) return;
      this.setData({ moving: code });
      const r = await admin('moveCategory', { code, direction, version: row.version });
      if (r.code !== 0) {
        this.setData({ moving: '' });
        wx.showToast({ title: adminMessage(r, MOVE_MESSAGES), icon: 'none' });
        // A stale list (someone else changed it): show the current one.
        if (r.code === 'ADMIN.STALE' || r.code === 'ADMIN.NOT_FOUND') void this.load();
        return;
      }
      // Both neighbours (and, on the first change, every default) have new versions: read the list again.
      await this.load();
      this.setData({ moving: '' });
    },

    // ---- the category sheet
    onOpenCategory(e: WechatMiniprogram.TouchEvent) {
      const st = own(this);
      const row = st.rows.find((c) => c.code === e.currentTarget.dataset.code);
      if (!row) return;
      st.editing = row;
      this.setData({
        editing: true,
        catError: '',
        cat: {
          isNew: false,
          code: row.code,
          name: row.name,
          icon: iconOf(row),
          severityIndex: SEVERITIES.indexOf(row.defaultSeverity),
          ruleIndex: Math.max(0, st.ruleIds.indexOf(row.deadlineRuleId)),
          checklist: (row.checklist ?? []).join('\n'),
          reporterVisible: row.reporterVisible !== false,
        },
      });
    },
    onNewCategory() {
      own(this).editing = null;
      this.setData({
        editing: true,
        catError: '',
        cat: { isNew: true, code: '', name: '', icon: '', severityIndex: 0, ruleIndex: 0, checklist: '', reporterVisible: true },
      });
    },
    onCloseCategory() {
      this.setData({ editing: false });
    },
    onCatField(e: WechatMiniprogram.Input) {
      this.setData({ [`cat.${e.currentTarget.dataset.field}`]: e.detail.value, catError: '' });
    },
    onCatSeverity(e: WechatMiniprogram.PickerChange) {
      this.setData({ 'cat.severityIndex': Number(e.detail.value) });
    },
    onCatVisible(e: WechatMiniprogram.SwitchChange) {
      this.setData({ 'cat.reporterVisible': e.detail.value });
    },
    onCatRule(e: WechatMiniprogram.PickerChange) {
      this.setData({ 'cat.ruleIndex': Number(e.detail.value) });
    },
    async onSaveCategory() {
      if (this.data.savingCat) return;
      const st = own(this);
      const c = this.data.cat;
      const name = c.name.trim();
      const checklist = c.checklist
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      const hint = !name
        ? '请填写类别名称'
        : name.length > 20
          ? '名称最多 20 个字'
          : checklist.length > 12 || checklist.some((l) => l.length > 40)
            ? '检查项最多 12 条，每条不超过 40 个字'
            : '';
      if (hint) {
        this.setData({ catError: hint });
        return;
      }
      // A new category's code is made by the server: admins never type an identifier.
      const payload: InputOf<'admin', 'saveCategory'> = {
        ...(st.editing ? { code: st.editing.code } : {}),
        name,
        reporterVisible: c.reporterVisible,
        defaultSeverity: SEVERITIES[c.severityIndex],
        deadlineRuleId: st.ruleIds[c.ruleIndex],
      };
      if (st.editing) payload.version = st.editing.version;
      const icon = c.icon.trim();
      if (icon) payload.icon = icon.slice(0, 8);
      if (checklist.length > 0) payload.checklist = checklist;
      this.setData({ savingCat: true, catError: '' });
      const r = await admin('saveCategory', payload);
      this.setData({ savingCat: false });
      if (r.code !== 0) {
        this.setData({ catError: adminMessage(r) });
        return;
      }
      wx.showToast({ title: '已保存', icon: 'success' });
      this.setData({ editing: false });
      // The first save stores every default category too (new versions): read the list again.
      void this.load();
    },
  },
});

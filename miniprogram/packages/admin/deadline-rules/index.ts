/**
 * Admin: deadline rule sets as versions. Lists every set with its rules per severity, the categories naming it,
 * and its standing (in force, taking over from another set on a day, or replaced). A new set is added with a name,
 * the set it takes over from and its first day (today or later): from that day new problems of those categories
 * get the new deadlines, while every problem already filed keeps the rules it was filed under — that is why a set
 * with a version or a successor can no longer be edited (ADMIN.RULE_FROZEN on the categories page).
 */
import { privateState } from '../../../services/instance';
import { RELOAD_METHODS } from '../../../services/paged-list';
import type { DeadlineRule, DeadlineRuleSet, InputOf, TicketSettingsReply } from '../../../shared/contract';
import { RULE_KINDS, type RuleRow, ruleSetFromRows } from '../deadline.view';
import { admin, adminMessage, SEVERITIES, SEVERITY_LABELS, shanghaiDate } from '../org.view';

type SetView = { id: string; name: string; rules: string[]; standing: string; uses: string; tone: string };

/** "服务时间内 1 小时", "当日服务结束前（不过夜）", "90 分钟（自然时间）". */
export function ruleText(rule: DeadlineRule): string {
  if (rule.kind === 'endOfServiceDay') return '当日服务结束前（不过夜）';
  const span = rule.minutes % 60 === 0 ? `${rule.minutes / 60} 小时` : `${rule.minutes} 分钟`;
  return rule.kind === 'serviceMinutes' ? `服务时间内 ${span}` : `${span}（自然时间）`;
}

/** Each set's name: its version name, else 标准时限 / 时限方案N as the categories page calls it. */
export function ruleSetNames(v: Pick<TicketSettingsReply, 'settings'>): Map<string, string> {
  const named = new Map((v.settings.deadlineRuleVersions ?? []).map((x) => [x.id, x.name]));
  return new Map(
    Object.keys(v.settings.deadlineRules).map((id, i) => [id, named.get(id) ?? (id === 'standard' ? '标准时限' : `时限方案${i + 1}`)]),
  );
}

const own = privateState(() => ({ version: 0, ids: [] as string[] }));

const EMPTY_FORM = (): RuleRow[] =>
  SEVERITIES.map((sev) => ({ sev, label: SEVERITY_LABELS[sev], kindIndex: sev === 'major' ? 1 : 0, minutes: sev === 'major' ? '' : '60' }));

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    sets: [] as SetView[],
    today: '',
    // the new set
    name: '',
    replaceNames: [] as string[],
    replaceIndex: 0,
    effectiveFrom: '',
    rows: EMPTY_FORM(),
    ruleKindNames: RULE_KINDS.map((k) => k.label),
    formError: '',
    saving: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    ...RELOAD_METHODS,
    async load() {
      if (this.data.status !== 'ready') this.setData({ status: 'loading' });
      const r = await admin('ticketSettings');
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: adminMessage(r) });
        return;
      }
      this.show(r.data);
    },
    show(v: TicketSettingsReply) {
      const st = own(this);
      st.version = v.version;
      st.ids = Object.keys(v.settings.deadlineRules);
      const names = ruleSetNames(v);
      const versions = v.settings.deadlineRuleVersions ?? [];
      const today = shanghaiDate(new Date(Date.now()));
      const sets = st.ids.map((id) => {
        const mine = versions.find((x) => x.id === id);
        const successor = versions.filter((x) => x.replaces === id).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
        const from = mine ? shanghaiDate(mine.effectiveFrom) : '';
        let standing = '生效中';
        let tone = 'ok';
        if (successor) {
          const day = shanghaiDate(successor.effectiveFrom);
          standing = day <= today ? `已由「${names.get(successor.id)}」接替（${day} 起）` : `${day} 起由「${names.get(successor.id)}」接替`;
          tone = day <= today ? 'muted' : 'warn';
        } else if (mine?.replaces && from > today) {
          standing = `${from} 起接替「${names.get(mine.replaces)}」`;
          tone = 'info';
        } else if (mine?.replaces) standing = `自 ${from} 起接替「${names.get(mine.replaces)}」`;
        const set = v.settings.deadlineRules[id] as DeadlineRuleSet;
        const uses = (v.ruleUse[id] ?? []).length;
        return {
          id,
          name: names.get(id) ?? id,
          rules: SEVERITIES.map((s) => `${SEVERITY_LABELS[s]}：${ruleText(set[s])}`),
          standing,
          tone,
          uses: uses > 0 ? `${uses} 个类别直接使用` : '',
        };
      });
      const standardIndex = Math.max(0, st.ids.indexOf('standard'));
      this.setData({
        status: 'ready',
        sets,
        today,
        replaceNames: [...st.ids.map((id) => `接替「${names.get(id)}」`), '不接替（新增后在类别中选用）'],
        replaceIndex: this.data.effectiveFrom ? this.data.replaceIndex : standardIndex,
        effectiveFrom: this.data.effectiveFrom || today,
      });
    },
    onName(e: WechatMiniprogram.Input) {
      this.setData({ name: e.detail.value, formError: '' });
    },
    onReplace(e: WechatMiniprogram.PickerChange) {
      this.setData({ replaceIndex: Number(e.detail.value), formError: '' });
    },
    onDate(e: WechatMiniprogram.PickerChange) {
      this.setData({ effectiveFrom: String(e.detail.value), formError: '' });
    },
    onRuleKind(e: WechatMiniprogram.PickerChange) {
      const row = Number(e.currentTarget.dataset.row);
      const kindIndex = Number(e.detail.value);
      const patch: Record<string, unknown> = { [`rows[${row}].kindIndex`]: kindIndex, formError: '' };
      if (RULE_KINDS[kindIndex].kind !== 'endOfServiceDay' && !this.data.rows[row].minutes) patch[`rows[${row}].minutes`] = '60';
      this.setData(patch);
    },
    onRuleMinutes(e: WechatMiniprogram.Input) {
      this.setData({ [`rows[${Number(e.currentTarget.dataset.row)}].minutes`]: e.detail.value, formError: '' });
    },
    /** The payload from the form, or a zh-CN hint of what is missing. */
    payload(): InputOf<'admin', 'createDeadlineRuleSet'> | string {
      const d = this.data;
      const name = d.name.trim();
      if (!name) return '请填写规则名称';
      if (!d.effectiveFrom || d.effectiveFrom < d.today) return '生效日期不能早于今天';
      const rules = ruleSetFromRows(d.rows);
      if (typeof rules === 'string') return rules;
      const st = own(this);
      return {
        version: st.version,
        name: name.slice(0, 30),
        replaces: st.ids[d.replaceIndex] ?? null,
        effectiveFrom: d.effectiveFrom,
        rules,
      };
    },
    onCreate() {
      if (this.data.saving) return;
      const payload = this.payload();
      if (typeof payload === 'string') {
        this.setData({ formError: payload });
        return;
      }
      const replaced = payload.replaces ? this.data.replaceNames[this.data.replaceIndex].replace(/^接替/, '') : '';
      wx.showModal({
        title: '新增期限规则',
        content: payload.replaces
          ? `自 ${payload.effectiveFrom} 起，原先使用${replaced}的类别新上报的问题按「${payload.name}」计算期限；已有问题的期限不变。新增后两套规则均不能再修改。`
          : `新增「${payload.name}」后，可在“类别与期限”中为类别选用；已有问题的期限不变。`,
        confirmText: '新增',
        success: (res) => {
          if (res.confirm) void this.create(payload);
        },
      });
    },
    async create(payload: InputOf<'admin', 'createDeadlineRuleSet'>) {
      this.setData({ saving: true, formError: '' });
      const r = await admin('createDeadlineRuleSet', payload);
      this.setData({ saving: false });
      if (r.code !== 0) {
        this.setData({ formError: adminMessage(r) });
        return;
      }
      wx.showToast({ title: '已新增', icon: 'success' });
      this.setData({ name: '', rows: EMPTY_FORM(), effectiveFrom: '' });
      await this.load();
    },
  },
});

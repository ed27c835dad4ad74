/**
 * The plan editor (admins, inspectors, centre leads): the list of plans with their status, and a form for a
 * new plan: routine or special campaign (theme, end date), office or centre level, scheduled or surprise,
 * daily / weekly / monthly / a random sample of N zones per period, zones, a fixed time or the zones' service
 * hours, assignees (any one / all), checklist and negative-list items, grace. The server checks the plan
 * yields something and not too much before it is saved; a draft is then activated.
 */
import type { PatrolPlanView } from '../../../../shared/contract/patrols.contract';
import type { PlanFields } from '../../../../shared/patrols/plan.schema';
import { searchZones } from '../../../services/api';
import { patrolMessage, patrols, shanghaiDay, WEEKDAY_LABELS } from '../patrol.view';

const STATUS: Record<string, [string, string]> = {
  draft: ['草稿', 'muted'],
  active: ['执行中', 'ok'],
  paused: ['已暂停', 'warn'],
  ended: ['已结束', 'muted'],
};
const FREQS = ['每天', '每周', '每月', '随机抽查'];
const MOVES: Record<string, Array<{ to: 'active' | 'paused' | 'ended'; label: string }>> = {
  draft: [{ to: 'active', label: '启用' }],
  active: [
    { to: 'paused', label: '暂停' },
    { to: 'ended', label: '结束' },
  ],
  paused: [
    { to: 'active', label: '恢复' },
    { to: 'ended', label: '结束' },
  ],
  ended: [],
};

type PlanRow = {
  id: string;
  name: string;
  desc: string;
  statusLabel: string;
  tone: string;
  version: number;
  moves: Array<{ to: string; label: string }>;
};

const describe = (p: PatrolPlanView): string => {
  const r = p.recurrence;
  const when =
    r.freq === 'daily'
      ? '每天'
      : r.freq === 'weekly'
        ? `每${r.days.map((d) => WEEKDAY_LABELS[d]).join('、')}`
        : r.freq === 'monthly'
          ? `每月 ${r.day} 日`
          : `每${r.per === 'week' ? '周' : '月'}随机抽 ${r.count} 处`;
  const window = p.window.kind === 'fixed' ? `${p.window.at} 起 ${p.window.minutes} 分钟` : '服务时间内';
  return `${p.level === 'office' ? '总务部' : '中心'} · ${p.mode === 'surprise' ? '突击' : '定期'} · ${when} · ${window}`;
};
const toRow = (p: PatrolPlanView): PlanRow => ({
  id: p._id,
  name: p.kind === 'special' ? `【专项】${p.name}` : p.name,
  desc: describe(p),
  statusLabel: STATUS[p.status][0],
  tone: STATUS[p.status][1],
  version: p.version,
  moves: MOVES[p.status],
});
const lines = (text: string, prefix: string) =>
  text
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean)
    .slice(0, 30)
    .map((t, i) => ({ id: `${prefix}${i + 1}`, text: t.slice(0, 60) }));

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    plans: [] as PlanRow[],
    editing: false,
    // the form
    name: '',
    kindIndex: 0,
    theme: '',
    startDate: '',
    endDate: '',
    levelIndex: 0,
    centres: [] as Array<{ _id: string; name: string }>,
    centreIndex: 0,
    modeIndex: 0,
    freqs: FREQS,
    freqIndex: 0,
    days: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ d, label: WEEKDAY_LABELS[d], on: d <= 5 })),
    monthDay: '1',
    sampleCount: '3',
    perIndex: 0,
    zoneQuery: '',
    zoneResults: [] as Array<{ _id: string; name: string }>,
    zones: [] as Array<{ _id: string; name: string }>,
    windowIndex: 0,
    at: '10:00',
    minutes: '60',
    inspectors: [] as Array<{ _id: string; name: string; on: boolean }>,
    allMustIndex: 0,
    checklistText: '',
    negativeText: '',
    grace: '30',
    formError: '',
    saving: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      const [list, opts] = await Promise.all([patrols('listPlans', {}), patrols('planOptions', {})]);
      if (list.code !== 0 || opts.code !== 0) {
        this.setData({ status: 'error', errorText: patrolMessage(list.code !== 0 ? list : opts) });
        return;
      }
      this.setData({
        status: 'ready',
        plans: list.data.items.map(toRow),
        centres: opts.data.centres,
        inspectors: opts.data.inspectors.map((p) => ({ _id: p._id, name: p.name, on: p._id === opts.data.me })),
      });
    },
    onRetry() {
      this.setData({ status: 'loading' });
      void this.load();
    },
    onNew() {
      this.setData({ editing: true, formError: '', startDate: shanghaiDay(Date.now()) });
    },
    onCancel() {
      this.setData({ editing: false });
    },
    onField(e: WechatMiniprogram.Input) {
      this.setData({ [String(e.currentTarget.dataset.field)]: e.detail.value, formError: '' });
    },
    onPick(e: WechatMiniprogram.PickerChange) {
      const field = String(e.currentTarget.dataset.field);
      const v = e.detail.value;
      this.setData({ [field]: /Index$/.test(field) ? Number(v) : String(v), formError: '' });
    },
    onChoice(e: WechatMiniprogram.TouchEvent) {
      this.setData({ [String(e.currentTarget.dataset.field)]: Number(e.currentTarget.dataset.value), formError: '' });
    },
    onDay(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`days[${i}].on`]: !this.data.days[i].on });
    },
    onInspector(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`inspectors[${i}].on`]: !this.data.inspectors[i].on });
    },
    async onZoneSearch() {
      const q = this.data.zoneQuery.trim();
      if (!q) return;
      const r = await searchZones(q);
      this.setData({ zoneResults: r.code === 0 ? r.data.items.slice(0, 10).map((z) => ({ _id: z._id, name: z.name })) : [] });
    },
    onAddZone(e: WechatMiniprogram.TouchEvent) {
      const z = this.data.zoneResults[Number(e.currentTarget.dataset.index)];
      if (!z || this.data.zones.some((x) => x._id === z._id)) return;
      this.setData({ [`zones[${this.data.zones.length}]`]: z, formError: '' });
    },
    onRemoveZone(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ zones: this.data.zones.filter((_z, k) => k !== i) });
    },
    /** The form as the savePlan payload, or a zh-CN hint of what is missing. */
    fields(): { ok: true; value: PlanFields } | { ok: false; hint: string } {
      const d = this.data;
      if (!d.name.trim()) return { ok: false, hint: '请填写计划名称' };
      if (d.zones.length === 0) return { ok: false, hint: '请至少选择一个场所' };
      const assignees = d.inspectors.filter((p) => p.on).map((p) => p._id);
      if (assignees.length === 0) return { ok: false, hint: '请选择巡查人员' };
      const checklist = lines(d.checklistText, 'c');
      const negativeList = lines(d.negativeText, 'n');
      if (checklist.length + negativeList.length === 0) return { ok: false, hint: '请填写至少一条检查项' };
      const special = d.kindIndex === 1;
      if (special && (!d.theme.trim() || !d.endDate)) return { ok: false, hint: '专项巡查需填写主题和结束日期' };
      const centre = d.levelIndex === 1 ? d.centres[d.centreIndex] : undefined;
      if (d.levelIndex === 1 && !centre) return { ok: false, hint: '请选择所属中心' };
      const days = d.days.filter((x) => x.on).map((x) => x.d);
      const recurrence: PlanFields['recurrence'] =
        d.freqIndex === 0
          ? { freq: 'daily' }
          : d.freqIndex === 1
            ? { freq: 'weekly', days }
            : d.freqIndex === 2
              ? { freq: 'monthly', day: Number(d.monthDay) }
              : { freq: 'sample', per: d.perIndex === 0 ? 'week' : 'month', count: Number(d.sampleCount) };
      if (recurrence.freq === 'weekly' && days.length === 0) return { ok: false, hint: '请选择每周哪几天' };
      const window: PlanFields['window'] =
        d.windowIndex === 0 && d.freqIndex !== 3 ? { kind: 'fixed', at: d.at, minutes: Number(d.minutes) } : { kind: 'service' };
      return {
        ok: true,
        value: {
          name: d.name.trim(),
          kind: special ? 'special' : 'routine',
          ...(special ? { theme: d.theme.trim(), endDate: d.endDate } : d.endDate ? { endDate: d.endDate } : {}),
          startDate: d.startDate,
          level: d.levelIndex === 0 ? 'office' : 'centre',
          ...(centre ? { centreId: centre._id } : {}),
          mode: d.modeIndex === 0 ? 'scheduled' : 'surprise',
          recurrence,
          targets: { kind: 'zones', zoneIds: d.zones.map((z) => z._id) },
          window,
          assignees: { mode: d.allMustIndex === 0 ? 'any' : 'all', personIds: assignees },
          checklist,
          negativeList,
          graceMinutes: Number(d.grace) || 0,
        },
      };
    },
    async onSave() {
      if (this.data.saving) return;
      const f = this.fields();
      if (!f.ok) {
        this.setData({ formError: f.hint });
        return;
      }
      this.setData({ saving: true, formError: '' });
      const r = await patrols('savePlan', { fields: f.value });
      if (r.code !== 0) {
        this.setData({ saving: false, formError: patrolMessage(r) });
        return;
      }
      this.setData({ saving: false, editing: false, [`plans[${this.data.plans.length}]`]: toRow(r.data.plan) });
      wx.showToast({ title: `已存草稿，一年约 ${r.data.perYear} 次`, icon: 'none' });
    },
    async onMove(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const to = String(e.currentTarget.dataset.to) as 'active' | 'paused' | 'ended';
      const p = this.data.plans[i];
      const r = await patrols('setPlanStatus', { planId: p.id, status: to, version: p.version });
      if (r.code !== 0) {
        wx.showToast({ title: patrolMessage(r), icon: 'none' });
        return;
      }
      this.setData({ [`plans[${i}]`]: toRow(r.data.plan) });
    },
  },
});

import type { CheckResult, VisitItemView } from '../../../../shared/contract/patrols.contract';
import { callFunction } from '../../../services/api';
import { privateState } from '../../../services/instance';
import { LEVEL_LABELS, patrolMessage, patrols } from '../patrol.view';

/** `clause`: the index in `clauseNames` of the contract clause the item's finding cites (0: none). */
type Item = VisitItemView & { negative: boolean; filed: boolean; clause: number };
const NO_CLAUSE = '不涉及合同条款';

// Clause codes (kept out of `data`: the view shows the names).
const own = privateState(() => ({ clauseCodes: [] as string[] }));

const OUTCOME: Record<string, string> = { doneOnTime: '按时完成', doneLate: '逾期完成' };

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error' | 'done',
    errorText: '',
    visitId: '',
    zoneId: '',
    zoneName: '',
    roleLabel: '',
    volunteer: false,
    items: [] as Item[],
    answered: 0,
    note: '',
    observation: '',
    findings: 0,
    notes: 0,
    submitting: false,
    error: '',
    result: '',
    /** The zone's contract clauses (contracts.clauses), first "none"; codes stay outside `data`. */
    clauseNames: [] as string[],
  },
  methods: {
    onLoad(options: { visitId?: string }) {
      this.setData({ visitId: options.visitId ?? '' });
      void this.load();
    },
    async load() {
      const r = await patrols('getVisit', { visitId: this.data.visitId });
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: patrolMessage(r) });
        return;
      }
      const v = r.data.visit;
      const items = v.items.map((i) => ({ ...i, negative: i.list === 'negative', filed: false, clause: 0 }));
      this.setData({
        status: v.state === 'ended' ? 'done' : 'ready',
        zoneId: v.zoneId,
        zoneName: v.zoneName,
        roleLabel: LEVEL_LABELS[v.role] ?? '',
        volunteer: v.role === 'volunteer',
        items,
        answered: items.filter((i) => i.result).length,
        findings: v.findings.length,
        notes: v.notes.length,
        result: v.state === 'ended' ? '本次巡查已完成' : '',
      });
      if (v.state !== 'ended' && v.role !== 'volunteer') void this.loadClauses(v.zoneId);
    },
    /** Clauses of contracts covering the zone, for inspectors' findings; none (or a refusal) leaves the page as it was. */
    async loadClauses(zoneId: string) {
      // contracts is not yet in `Contracts` (shared/contract/index.ts): called as the contracts pages call it.
      const r = await callFunction('contracts', 'clauses', { zoneId });
      if (r.code !== 0 || r.data.items.length === 0) return;
      own(this).clauseCodes = r.data.items.map((c) => c.code);
      this.setData({ clauseNames: [NO_CLAUSE, ...r.data.items.map((c) => `${c.code} ${c.what}`)] });
    },
    onItemClause(e: WechatMiniprogram.PickerChange) {
      this.setData({ [`items[${Number(e.currentTarget.dataset.index)}].clause`]: Number(e.detail.value) });
    },
    onResult(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const result = String(e.currentTarget.dataset.result) as CheckResult;
      const was = this.data.items[i].result;
      this.setData({ [`items[${i}].result`]: result, answered: this.data.answered + (was ? 0 : 1), error: '' });
    },
    onAllPass() {
      const patch: Record<string, unknown> = { error: '' };
      this.data.items.forEach((it, i) => {
        if (!it.result) patch[`items[${i}].result`] = 'pass';
      });
      patch.answered = this.data.items.length;
      this.setData(patch);
    },
    onNote(e: WechatMiniprogram.Input) {
      this.setData({ note: e.detail.value });
    },
    onObservation(e: WechatMiniprogram.Input) {
      this.setData({ observation: e.detail.value });
    },
    /** Files a failed item as a finding of this zone (tickets.createFinding, unchanged) and links it to the visit. */
    async onFile(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const item = this.data.items[i];
      if (this.data.submitting || item.filed) return;
      this.setData({ submitting: true, error: '' });
      const clauseCode = item.clause > 0 ? own(this).clauseCodes[item.clause - 1] : undefined;
      const t = await callFunction('tickets', 'createFinding', {
        zoneId: this.data.zoneId,
        categoryCode: item.negative ? 'work_style' : 'standards',
        severity: 'minor',
        description: `${item.negative ? '负面清单' : '检查不合格'}：${item.text}`,
        checklistItem: item.text,
        kind: 'problem',
        ...(clauseCode ? { clauseCode } : {}),
      });
      if (t.code !== 0) {
        this.setData({ submitting: false, error: patrolMessage(t) });
        return;
      }
      const l = await patrols('linkFinding', { visitId: this.data.visitId, ticketId: t.data.ticketId });
      this.setData({
        submitting: false,
        ...(l.code === 0 ? { [`items[${i}].filed`]: true, findings: l.data.findings } : { error: patrolMessage(l) }),
      });
    },
    /** A volunteer's observation: staff confirm it before it counts. */
    async onObserve() {
      const text = this.data.observation.trim();
      if (!text || this.data.submitting) return;
      this.setData({ submitting: true, error: '' });
      const r = await patrols('noteFinding', { visitId: this.data.visitId, text });
      this.setData({ submitting: false, ...(r.code === 0 ? { observation: '', notes: r.data.notes } : { error: patrolMessage(r) }) });
    },
    async onSubmit() {
      if (this.data.submitting) return;
      if (this.data.answered < this.data.items.length) {
        this.setData({ error: '还有检查项未选择“合格/不合格/不适用”' });
        return;
      }
      this.setData({ submitting: true, error: '' });
      const results: Record<string, CheckResult> = {};
      for (const it of this.data.items) if (it.result) results[it.id] = it.result;
      const note = this.data.note.trim();
      const r = await patrols('endVisit', { visitId: this.data.visitId, results, ...(note ? { note } : {}) });
      if (r.code !== 0) {
        this.setData({ submitting: false, error: patrolMessage(r) });
        return;
      }
      const outcome = r.data.outcome ? `，${OUTCOME[r.data.outcome]}` : '';
      this.setData({
        submitting: false,
        status: 'done',
        result: `巡查已完成${outcome}：不合格 ${r.data.failed} 项，记录问题 ${r.data.findings} 条`,
      });
      wx.showToast({ title: '已完成', icon: 'success' });
    },
  },
});

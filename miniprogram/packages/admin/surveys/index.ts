/**
 * Admin: surveys (意见征集), newest first with their state and response counts, filtered by state; and the
 * form that creates a draft (title, intro, the unit it rates and optionally one zone, the period, 1–10
 * questions) or edits one (opened with `?edit=<id>` from a draft's page).
 */
import { searchZones, type ZoneView } from '../../../services/api';
import { LIST_DATA, LIST_METHODS, reload } from '../../../services/paged-list';
import {
  KIND_LABELS,
  periodText,
  type Question,
  STATUS_LABELS,
  STATUS_TONES,
  SURVEY_LIMITS,
  type SurveyStatus,
  shanghaiDay,
  surveyMessage,
  surveys,
} from '../../../services/surveys.view';
import type { InputOf, QuestionInput, SurveyRow, SurveysContract } from '../../../shared/contract';

type SurveyItem = {
  id: string;
  title: string;
  place: string;
  period: string;
  statusLabel: string;
  tone: string;
  responses: number;
  questions: number;
};
type Unit = SurveysContract['units']['reply']['items'][number];
/** A question in the form; `options` is the choice's options as one line, split on commas. */
type FormQuestion = { key: number; kind: Question['kind']; kindLabel: string; title: string; options: string; satisfaction: boolean };

const TABS: Array<{ value: '' | SurveyStatus; label: string }> = [
  { value: '', label: '全部' },
  { value: 'draft', label: '草稿' },
  { value: 'open', label: '征集中' },
  { value: 'closed', label: '已结束' },
];

let nextKey = 1;
const question = (kind: Question['kind'], title = '', over: Partial<FormQuestion> = {}): FormQuestion => ({
  key: nextKey++,
  kind,
  kindLabel: KIND_LABELS[kind],
  title,
  options: '',
  satisfaction: false,
  ...over,
});

/** A new survey's form: today for two weeks, one satisfaction question. */
const blankForm = (now: number) => ({
  editId: '',
  title: '',
  intro: '',
  unitIndex: -1,
  zoneId: '',
  zoneName: '',
  from: shanghaiDay(now),
  to: shanghaiDay(now, 13),
  questions: [question('rating', '总体满意度', { satisfaction: true })],
});

const splitOptions = (line: string) =>
  line
    .split(/[,，、;；\n]/)
    .map((o) => o.trim())
    .filter(Boolean);

Component({
  data: {
    ...LIST_DATA,
    tabs: TABS,
    tab: '' as '' | SurveyStatus,
    formOpen: false,
    form: blankForm(Date.now()),
    units: [] as Unit[],
    unitNames: [] as string[],
    unitsError: '',
    zoneQuery: '',
    zoneResults: [] as Array<{ _id: string; name: string; path: string }>,
    zoneSearching: false,
    zoneSearched: false,
    formError: '',
    saving: false,
    limits: SURVEY_LIMITS,
  },
  methods: {
    onLoad(options: Record<string, string | undefined> = {}) {
      void reload(this);
      if (options.edit) void this.startEdit(options.edit);
    },
    ...LIST_METHODS,
    fetchPage(cursor: string | undefined) {
      const payload: Record<string, unknown> = {};
      if (cursor) payload.cursor = cursor;
      if (this.data.tab) payload.status = this.data.tab;
      return surveys('list', payload);
    },
    toItem(row: SurveyRow): SurveyItem {
      return {
        id: row._id,
        title: row.title,
        place: row.zoneName ? `${row.unitName} · ${row.zoneName}` : row.unitName,
        period: periodText(row.from, row.to),
        statusLabel: STATUS_LABELS[row.status],
        tone: STATUS_TONES[row.status],
        responses: row.responses,
        questions: row.questionCount,
      };
    },
    onTab(e: WechatMiniprogram.TouchEvent) {
      const tab = String(e.currentTarget.dataset.value) as '' | SurveyStatus;
      if (tab === this.data.tab) return;
      this.setData({ tab, items: [], status: 'loading' });
      void reload(this);
    },
    onOpenSurvey(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/packages/admin/survey/index?id=${e.currentTarget.dataset.id}` });
    },

    // ---- the form --------------------------------------------------------------------------------------

    async loadUnits(): Promise<boolean> {
      if (this.data.units.length > 0) return true;
      const r = await surveys('units');
      if (r.code !== 0) {
        this.setData({ unitsError: surveyMessage(r) });
        return false;
      }
      this.setData({ units: r.data.items, unitNames: r.data.items.map((u) => u.name), unitsError: '' });
      return true;
    },
    onCreate() {
      this.setData({ formOpen: true, form: blankForm(Date.now()), formError: '', zoneQuery: '', zoneResults: [], zoneSearched: false });
      void this.loadUnits();
    },
    /** Opens the form on a draft (its page links here with `?edit=`). */
    async startEdit(id: string) {
      const [loaded, r] = await Promise.all([this.loadUnits(), surveys('results', { surveyId: id })]);
      if (r.code !== 0 || !loaded) {
        wx.showToast({ title: r.code === 0 ? this.data.unitsError : surveyMessage(r), icon: 'none' });
        return;
      }
      const s = r.data.survey;
      if (s.status !== 'draft') {
        wx.showToast({ title: '只有草稿可以修改', icon: 'none' });
        return;
      }
      this.setData({
        formOpen: true,
        formError: '',
        form: {
          editId: s._id,
          title: s.title,
          intro: s.intro,
          unitIndex: (this.data.units as Unit[]).findIndex((u) => u._id === s.unitId),
          zoneId: s.zoneId ?? '',
          zoneName: s.zoneName ?? '',
          from: s.from,
          to: s.to,
          questions: s.questions.map((q) =>
            question(q.kind, q.title, {
              satisfaction: q.kind === 'rating' && q.satisfaction,
              options: q.kind === 'choice' ? q.options.join('，') : '',
            }),
          ),
        },
      });
    },
    onCloseForm() {
      this.setData({ formOpen: false });
    },
    onField(e: WechatMiniprogram.Input) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '' });
    },
    onUnit(e: WechatMiniprogram.PickerChange) {
      // A zone belongs to one unit: changing the unit drops the zone.
      this.setData({ 'form.unitIndex': Number(e.detail.value), 'form.zoneId': '', 'form.zoneName': '', formError: '' });
    },
    onDate(e: WechatMiniprogram.PickerChange) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: String(e.detail.value), formError: '' });
    },
    onZoneQuery(e: WechatMiniprogram.Input) {
      this.setData({ zoneQuery: e.detail.value });
    },
    async onZoneSearch() {
      const q = this.data.zoneQuery.trim();
      if (!q || this.data.zoneSearching) return;
      this.setData({ zoneSearching: true });
      const r = await searchZones(q);
      if (r.code !== 0) {
        this.setData({ zoneSearching: false, zoneSearched: true, zoneResults: [], formError: surveyMessage(r) });
        return;
      }
      this.setData({
        zoneSearching: false,
        zoneSearched: true,
        zoneResults: r.data.items.map((z: ZoneView) => ({ _id: z._id, name: z.name, path: (z.pathNames ?? []).join(' · ') })),
      });
    },
    onPickZone(e: WechatMiniprogram.TouchEvent) {
      const { id, name } = e.currentTarget.dataset as { id: string; name: string };
      this.setData({ 'form.zoneId': id, 'form.zoneName': name, zoneResults: [], zoneQuery: '', zoneSearched: false, formError: '' });
    },
    onClearZone() {
      this.setData({ 'form.zoneId': '', 'form.zoneName': '' });
    },
    onAddQuestion(e: WechatMiniprogram.TouchEvent) {
      const n = this.data.form.questions.length;
      if (n >= SURVEY_LIMITS.questions) {
        this.setData({ formError: `最多 ${SURVEY_LIMITS.questions} 道题` });
        return;
      }
      this.setData({ [`form.questions[${n}]`]: question(e.currentTarget.dataset.kind as Question['kind']), formError: '' });
    },
    onRemoveQuestion(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const questions = (this.data.form.questions as FormQuestion[]).filter((_q, j) => j !== i);
      this.setData({ 'form.questions': questions, formError: '' });
    },
    onQuestionField(e: WechatMiniprogram.Input) {
      const { index, field } = e.currentTarget.dataset as { index: number; field: string };
      this.setData({ [`form.questions[${index}].${field}`]: e.detail.value, formError: '' });
    },
    /** Makes one rating question the satisfaction question (the one that feeds the unit's satisfaction). */
    onSatisfaction(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const patch: Record<string, unknown> = {};
      (this.data.form.questions as FormQuestion[]).forEach((q, j) => {
        if (q.kind === 'rating' && q.satisfaction !== (j === i)) patch[`form.questions[${j}].satisfaction`] = j === i;
      });
      this.setData(patch);
    },
    /** The payload (shared/surveys SurveyFields), or a zh-CN hint of what to fix. */
    payload(): { ok: true; value: InputOf<'surveys', 'create'> } | { ok: false; hint: string } {
      const f = this.data.form;
      const units = this.data.units as Unit[];
      const title = f.title.trim();
      if (!title) return { ok: false, hint: '请填写标题' };
      if (title.length > SURVEY_LIMITS.title) return { ok: false, hint: `标题最多 ${SURVEY_LIMITS.title} 字` };
      if (f.intro.trim().length > SURVEY_LIMITS.intro) return { ok: false, hint: `说明最多 ${SURVEY_LIMITS.intro} 字` };
      const unit = units[f.unitIndex];
      if (!unit) return { ok: false, hint: '请选择被评价的单位' };
      if (f.from > f.to) return { ok: false, hint: '结束日期不能早于开始日期' };
      const qs = f.questions as FormQuestion[];
      if (qs.length === 0) return { ok: false, hint: '请至少添加一道题' };
      if (!qs.some((q) => q.kind === 'rating')) return { ok: false, hint: '请至少保留一道评分题（用于满意度统计）' };
      const questions: QuestionInput[] = [];
      for (const [i, q] of qs.entries()) {
        const t = q.title.trim();
        if (!t) return { ok: false, hint: `第 ${i + 1} 题还没有题目` };
        if (t.length > SURVEY_LIMITS.questionTitle) return { ok: false, hint: `第 ${i + 1} 题题目最多 ${SURVEY_LIMITS.questionTitle} 字` };
        if (q.kind === 'choice') {
          const options = splitOptions(q.options);
          if (options.length < SURVEY_LIMITS.minOptions || options.length > SURVEY_LIMITS.maxOptions)
            return { ok: false, hint: `第 ${i + 1} 题需要 2–8 个选项，用逗号分隔` };
          if (new Set(options).size !== options.length) return { ok: false, hint: `第 ${i + 1} 题有重复的选项` };
          if (options.some((o) => o.length > SURVEY_LIMITS.option))
            return { ok: false, hint: `第 ${i + 1} 题的选项最多 ${SURVEY_LIMITS.option} 字` };
          questions.push({ kind: 'choice', title: t, options });
        } else if (q.kind === 'rating')
          questions.push(q.satisfaction ? { kind: 'rating', title: t, satisfaction: true } : { kind: 'rating', title: t });
        else questions.push({ kind: 'text', title: t });
      }
      return {
        ok: true,
        value: { title, intro: f.intro.trim(), unitId: unit._id, zoneId: f.zoneId || null, from: f.from, to: f.to, questions },
      };
    },
    async onSave() {
      if (this.data.saving) return;
      const p = this.payload();
      if (!p.ok) {
        this.setData({ formError: p.hint });
        return;
      }
      const editId = this.data.form.editId;
      this.setData({ saving: true, formError: '' });
      const r = editId ? await surveys('update', { surveyId: editId, ...p.value }) : await surveys('create', p.value);
      if (r.code !== 0) {
        this.setData({ saving: false, formError: surveyMessage(r) });
        return;
      }
      this.setData({ saving: false, formOpen: false });
      wx.showToast({ title: editId ? '已保存' : '已创建草稿', icon: 'success' });
      void reload(this);
      // An edit came from the draft's own page (which reloads when shown again); a new draft opens its page.
      if (editId) wx.navigateBack({ delta: 1 });
      else wx.navigateTo({ url: `/packages/admin/survey/index?id=${r.data._id}` });
    },
  },
});

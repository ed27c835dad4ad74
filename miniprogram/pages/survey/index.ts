/**
 * The survey landing page (意见征集): a survey's QR code opens it with `scene`, a link inside the app with
 * `id`. Shows the survey and its questions (stars, single choices, free text), says answers are anonymous to
 * staff, and submits once with a request id kept across retries; closed, not yet open and unknown surveys
 * and failures each get their own state.
 */
import { uuid } from '../../services/ids';
import { privateState } from '../../services/instance';
import { periodText, type Question, SURVEY_LIMITS, surveyMessage, surveys } from '../../services/surveys.view';

/** A question as the view renders it: `value` is the stars (0 = none), the option index (-1 = none) or the text. */
type QuestionItem = {
  id: string;
  kind: Question['kind'];
  title: string;
  options: string[];
  value: number | string;
  missing: boolean;
};

type Status = 'loading' | 'ready' | 'none' | 'unknown' | 'notOpen' | 'closed' | 'answered' | 'error' | 'done';

/** Replies to `get` that are a state of the survey rather than a failure. */
const STATE_OF_CODE: Record<string, Status> = {
  'SURVEY.NOT_FOUND': 'unknown',
  'REQUEST.INVALID': 'unknown',
  'SURVEY.NOT_OPEN': 'notOpen',
  'SURVEY.CLOSED': 'closed',
};

const own = privateState(() => ({ requestId: '', ref: {} as Record<string, string>, surveyId: '' }));

Component({
  data: {
    status: 'loading' as Status,
    errorText: '',
    title: '',
    intro: '',
    place: '',
    period: '',
    questions: [] as QuestionItem[],
    maxText: SURVEY_LIMITS.text,
    submitting: false,
    formError: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      // A scanned code passes `scene` URL-encoded; a link inside the app passes `id`.
      const scene = decodeURIComponent(options.scene ?? '');
      const id = options.id ?? '';
      own(this).requestId = uuid();
      own(this).ref = scene ? { sceneId: scene } : id ? { surveyId: id } : {};
      if (!scene && !id) {
        this.setData({ status: 'none' });
        return;
      }
      void this.load();
    },
    async load() {
      this.setData({ status: 'loading', errorText: '' });
      const r = await surveys('get', own(this).ref);
      if (r.code !== 0) {
        const state = STATE_OF_CODE[r.code];
        this.setData(state ? { status: state } : { status: 'error', errorText: surveyMessage(r) });
        return;
      }
      const s = r.data;
      own(this).surveyId = s._id;
      wx.setNavigationBarTitle?.({ title: s.title });
      this.setData({
        status: s.answered ? 'answered' : 'ready',
        title: s.title,
        intro: s.intro,
        place: s.zoneName ? `${s.unitName} · ${s.zoneName}` : s.unitName,
        period: periodText(s.from, s.to),
        questions: s.questions.map(
          (q): QuestionItem => ({
            id: q.id,
            kind: q.kind,
            title: q.title,
            options: q.kind === 'choice' ? q.options : [],
            value: q.kind === 'rating' ? 0 : q.kind === 'choice' ? -1 : '',
            missing: false,
          }),
        ),
      });
    },
    onRetry() {
      void this.load();
    },
    onRating(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`questions[${i}].value`]: e.detail.value, [`questions[${i}].missing`]: false, formError: '' });
    },
    onChoice(e: WechatMiniprogram.TouchEvent) {
      const { index, option } = e.currentTarget.dataset as { index: number; option: number };
      this.setData({ [`questions[${index}].value`]: Number(option), [`questions[${index}].missing`]: false, formError: '' });
    },
    onText(e: WechatMiniprogram.Input) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`questions[${i}].value`]: e.detail.value, formError: '' });
    },
    /** The answers to send (shared/surveys RespondRequest), or marks what is missing. */
    answers(): Record<string, number | string> | null {
      const qs = this.data.questions as QuestionItem[];
      const patch: Record<string, unknown> = {};
      const answers: Record<string, number | string> = {};
      let missing = 0;
      let tooLong = false;
      qs.forEach((q, i) => {
        if (q.kind === 'text') {
          const text = String(q.value).trim();
          if (text.length > SURVEY_LIMITS.text) tooLong = true;
          else if (text) answers[q.id] = text;
          return;
        }
        const v = Number(q.value);
        const answered = q.kind === 'rating' ? v >= 1 : v >= 0;
        if (answered) answers[q.id] = v;
        else missing++;
        if (q.missing === answered) patch[`questions[${i}].missing`] = !answered;
      });
      if (missing > 0) patch.formError = `还有 ${missing} 道题没有回答`;
      else if (tooLong) patch.formError = `文字最多 ${SURVEY_LIMITS.text} 字`;
      if (Object.keys(patch).length > 0) this.setData(patch);
      return missing > 0 || tooLong ? null : answers;
    },
    async onSubmit() {
      if (this.data.submitting) return;
      const answers = this.answers();
      if (!answers) return;
      this.setData({ submitting: true, formError: '' });
      const st = own(this);
      const r = await surveys('respond', {
        surveyId: st.surveyId,
        requestId: st.requestId,
        answers,
      });
      if (r.code === 0) {
        this.setData({ submitting: false, status: 'done' });
        return;
      }
      if (r.code === 'SURVEY.ALREADY_RESPONDED') this.setData({ submitting: false, status: 'answered' });
      else if (r.code === 'SURVEY.CLOSED') this.setData({ submitting: false, status: 'closed' });
      // The request id is kept: resending after a failure cannot count the answers twice.
      else this.setData({ submitting: false, formError: surveyMessage(r) });
    },
  },
});

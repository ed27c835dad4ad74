/** Screenshots of surveys (意见征集): the QR landing a student fills in, the admin's list and form, one survey's results. */
import QRCode from 'qrcode';
import { type Comp, flush, ok, type Shot } from './shot';

const SURVEY_ID = '018e2f5a9c3b4d6e8f0a1b2c3d4e';

/** A real QR code (of the survey page's scene) as an SVG data URL: no network in screenshots. */
function qrDataUrl(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let rects = '';
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) if (modules.get(r, c)) rects += `<rect x="${c + 2}" y="${r + 2}" width="1" height="1"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n + 4} ${n + 4}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><g fill="#1f2328">${rects}</g></svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

const QUESTIONS = [
  { id: 'q1', kind: 'rating', title: '总体来说，您对第一食堂的服务满意吗？', satisfaction: true },
  { id: 'q2', kind: 'choice', title: '您一般什么时候来就餐？', options: ['早餐', '午餐', '晚餐', '夜宵'] },
  { id: 'q3', kind: 'rating', title: '餐具和桌面的清洁', satisfaction: false },
  { id: 'q4', kind: 'text', title: '还有什么想对我们说的？' },
];

const PUBLIC = {
  _id: SURVEY_ID,
  title: '第一食堂三月满意度调查',
  intro: '为了让大家吃得更放心、更舒心，请花一分钟告诉我们您的感受。',
  unitName: '饮食服务中心',
  zoneName: '第一食堂',
  from: '2026-03-10',
  to: '2026-03-23',
  questions: QUESTIONS,
  answered: false,
};

const row = (over: Record<string, unknown>) => ({
  _id: `s-${Math.random().toString(16).slice(2, 8)}`,
  intro: '',
  unitId: 'unit-dining',
  unitName: '饮食服务中心',
  zoneId: null,
  zoneName: null,
  from: '2026-03-10',
  to: '2026-03-23',
  status: 'open',
  sceneId: null,
  questionCount: 4,
  responses: 0,
  ...over,
});

const LIST = [
  row({ title: '第一食堂三月满意度调查', zoneName: '第一食堂', responses: 236 }),
  row({ title: '学生公寓保洁服务评价', unitName: '保洁公司', from: '2026-03-15', to: '2026-04-14', status: 'draft', questionCount: 6 }),
  row({ title: '教学楼开水供应意见征集', unitName: '能源服务中心', zoneName: '博学楼', status: 'open', responses: 58, questionCount: 3 }),
  row({
    title: '寒假留校服务满意度',
    unitName: '物业服务中心',
    from: '2026-01-12',
    to: '2026-02-20',
    status: 'closed',
    responses: 412,
    questionCount: 5,
  }),
  row({
    title: '第二食堂新菜品试吃反馈',
    zoneName: '第二食堂',
    from: '2026-02-24',
    to: '2026-03-02',
    status: 'closed',
    responses: 97,
    questionCount: 4,
  }),
];

const dist = (counts: number[]) => {
  const n = counts.reduce((a, b) => a + b, 0);
  return [5, 4, 3, 2, 1].map((value, i) => ({ value, count: counts[i], share: counts[i] / n }));
};
const at = (minAgo: number) => new Date(Date.now() - minAgo * 60_000).toISOString();
const RESULTS = {
  survey: { ...PUBLIC, status: 'open', sceneId: `sv${SURVEY_ID}`, createdAt: at(9000), updatedAt: at(9000) },
  responses: 236,
  questions: [
    {
      id: 'q1',
      kind: 'rating',
      title: QUESTIONS[0].title,
      satisfaction: true,
      n: 236,
      mean: 4.12,
      distribution: dist([112, 68, 34, 14, 8]),
    },
    {
      id: 'q2',
      kind: 'choice',
      title: QUESTIONS[1].title,
      n: 236,
      options: [
        { label: '早餐', count: 41, share: 41 / 236 },
        { label: '午餐', count: 118, share: 118 / 236 },
        { label: '晚餐', count: 65, share: 65 / 236 },
        { label: '夜宵', count: 12, share: 12 / 236 },
      ],
    },
    {
      id: 'q3',
      kind: 'rating',
      title: QUESTIONS[2].title,
      satisfaction: false,
      n: 236,
      mean: 3.68,
      distribution: dist([70, 62, 56, 30, 18]),
    },
    { id: 'q4', kind: 'text', title: QUESTIONS[3].title, n: 57 },
  ],
  texts: {
    items: [
      {
        _id: 't1',
        at: at(12),
        texts: [{ questionId: 'q4', title: QUESTIONS[3].title, text: '午餐高峰排队太久了，希望多开一个窗口。', flagged: false }],
      },
      {
        _id: 't2',
        at: at(47),
        texts: [{ questionId: 'q4', title: QUESTIONS[3].title, text: '3号窗口的阿姨很热情，饭菜分量也足。', flagged: false }],
      },
      {
        _id: 't3',
        at: at(130),
        texts: [{ questionId: 'q4', title: QUESTIONS[3].title, text: '餐盘回收处有时候没人收拾，桌面比较油。', flagged: false }],
      },
    ],
    nextCursor: 'c1',
  },
};

const QR = qrDataUrl(`https://local.xuncha/pages/survey/index?scene=sv${SURVEY_ID}`);

export const SHOTS: Shot[] = [
  {
    name: 'survey',
    page: 'pages/survey/index',
    title: '意见征集',
    options: { scene: `sv${SURVEY_ID}` },
    backend: () => ok(PUBLIC),
    after: async (p: Comp) => {
      p.querySelectorAll('.survey__stars')[0]?.querySelectorAll('.star-rating__star')[3]?.dispatchEvent('tap');
      p.querySelectorAll('.survey__chip')[1]?.dispatchEvent('tap');
      await flush();
      p.instance.onText({ currentTarget: { dataset: { index: 3 } }, detail: { value: '午餐高峰排队太久了，希望多开一个窗口。' } });
      await flush();
    },
  },
  {
    name: 'admin-surveys',
    page: 'packages/admin/surveys/index',
    title: '意见征集',
    backend: () => ok({ items: LIST, nextCursor: null }),
  },
  {
    name: 'admin-surveys-form',
    page: 'packages/admin/surveys/index',
    title: '意见征集',
    backend: (_name, action) =>
      action === 'units'
        ? ok({
            items: [
              { _id: 'unit-dining', name: '饮食服务中心', kind: 'centre' },
              { _id: 'unit-clean', name: '保洁公司', kind: 'contractor' },
            ],
          })
        : ok({ items: LIST, nextCursor: null }),
    after: async (p: Comp) => {
      p.instance.onCreate();
      await flush();
      p.instance.onField({ currentTarget: { dataset: { field: 'title' } }, detail: { value: '第一食堂三月满意度调查' } });
      p.instance.onUnit({ detail: { value: 0 } });
      p.instance.onPickZone({ currentTarget: { dataset: { id: 'zone-ct1', name: '第一食堂' } } });
      p.instance.onAddQuestion({ currentTarget: { dataset: { kind: 'choice' } } });
      await flush();
      p.instance.onQuestionField({ currentTarget: { dataset: { index: 1, field: 'title' } }, detail: { value: '您一般什么时候来就餐？' } });
      p.instance.onQuestionField({
        currentTarget: { dataset: { index: 1, field: 'options' } },
        detail: { value: '早餐，午餐，晚餐，夜宵' },
      });
      p.instance.onAddQuestion({ currentTarget: { dataset: { kind: 'text' } } });
      await flush();
      p.instance.onQuestionField({ currentTarget: { dataset: { index: 2, field: 'title' } }, detail: { value: '还有什么想对我们说的？' } });
      await flush();
    },
  },
  {
    name: 'admin-survey',
    page: 'packages/admin/survey/index',
    title: '征集结果',
    options: { id: SURVEY_ID },
    backend: (_name, action) => (action === 'qrCode' ? ok({ fileID: 'cloud://demo/surveys/qr.png', url: QR }) : ok(RESULTS)),
  },
];

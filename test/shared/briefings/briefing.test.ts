import {
  type BriefingTicket,
  buildBriefing,
  CANDIDATE_LIMIT,
  candidatesOf,
  DEFAULT_ITEM_LIMIT,
  rankProblems,
  renderBriefingHtml,
} from '../../../shared/briefings';

const AS_OF = new Date(Date.UTC(2030, 7, 1));

function ticket(id: string, over: Partial<BriefingTicket> = {}): BriefingTicket {
  return {
    _id: id,
    no: `XC-${id}`,
    kind: 'problem',
    state: 'closed',
    severity: 'minor',
    unitId: 'unit-a',
    zoneId: 'zone-a',
    categoryCode: 'hygiene',
    description: `问题 ${id}`,
    photos: [],
    afterPhotos: [],
    repeat: null,
    notRectified: false,
    createdAt: new Date(Date.UTC(2030, 6, 10)),
    dueAt: null,
    rectifiedAt: null,
    cause: null,
    clock: null,
    ...over,
  };
}

const NAMES = {
  unit: { 'unit-a': '保洁公司' },
  zone: { 'zone-a': '一号楼' },
  category: { hygiene: '环境卫生' },
  photoUrl: {} as Record<string, string>,
};

describe('ranking a period’s problems', () => {
  it('puts severity first, then repeats, then 查而不改, then the oldest; positives and cancelled problems are not ranked', () => {
    // Prepare
    const day = (d: number) => new Date(Date.UTC(2030, 6, d));
    const tickets = [
      ticket('minor-old', { createdAt: day(1) }),
      ticket('minor-new', { createdAt: day(9) }),
      ticket('minor-repeat', { createdAt: day(20), repeat: { count: 2, ofTicketId: 'x' } }),
      ticket('minor-not-rectified', { createdAt: day(25), notRectified: true }),
      ticket('major', { severity: 'major', createdAt: day(28) }),
      ticket('critical', { severity: 'critical', createdAt: day(30) }),
      ticket('positive', { kind: 'positive', severity: 'critical' }),
      ticket('cancelled', { state: 'cancelled', severity: 'critical' }),
    ];

    // Act
    const ranked = rankProblems(tickets).map((t) => t._id);

    // Assess
    expect(ranked).toEqual(['critical', 'major', 'minor-repeat', 'minor-not-rectified', 'minor-old', 'minor-new']);
  });

  it('offers at most 100 candidates, so the 30 items chosen by default are always among them', () => {
    // Prepare
    const tickets = Array.from({ length: 130 }, (_v, i) =>
      ticket(`t${String(i).padStart(3, '0')}`, { severity: i % 3 === 0 ? 'critical' : 'minor', photos: ['a'], afterPhotos: ['b', 'c'] }),
    );

    // Act
    const candidates = candidatesOf(tickets);
    const content = buildBriefing('2030-07', tickets, AS_OF);

    // Assess
    expect(candidates).toHaveLength(CANDIDATE_LIMIT);
    expect(content.items).toHaveLength(DEFAULT_ITEM_LIMIT);
    const ids = new Set(candidates.map((c) => c.ticketId));
    expect(content.items.every((i) => ids.has(i.ticketId))).toBe(true);
    expect(candidates[0]).toMatchObject({ severity: 'critical', photos: 3, repeat: false, notRectified: false });
  });
});

describe('briefing items', () => {
  it.each([
    ['an open problem past its deadline', { state: 'accepted', dueAt: new Date(AS_OF.getTime() - 1) }, true],
    ['an open problem at its deadline', { state: 'accepted', dueAt: AS_OF }, false],
    ['a rectified problem', { state: 'rectified', dueAt: new Date(AS_OF.getTime() - 1) }, false],
    ['a paused problem without a deadline', { state: 'paused', dueAt: null }, false],
  ])('marks %s overdue: %s', (_name, over, overdue) => {
    const content = buildBriefing('2030-07', [ticket('t1', over as Partial<BriefingTicket>)], AS_OF, ['t1']);
    expect(content.items[0].overdue).toBe(overdue);
  });

  it('keeps the 查而不改 flag', () => {
    const content = buildBriefing('2030-07', [ticket('t1', { notRectified: true })], AS_OF);
    expect(content.items[0].notRectified).toBe(true);
  });
});

describe('the printable briefing', () => {
  const header = {
    no: 7,
    title: '2030年7月后勤服务巡查情况',
    status: 'published' as const,
    publishedAt: new Date(Date.UTC(2030, 7, 2, 2)),
  };

  it('is a bulletin with the number, issuer, date, period and the distribution block', () => {
    // Act
    const html = renderBriefingHtml(header, buildBriefing('2030-07', [ticket('t1')], AS_OF), { ...NAMES, issuer: '总务部' });

    // Assess
    expect(html).toContain('<div class="masthead__name">巡查简报</div>');
    expect(html).toContain('第7期');
    expect(html).toContain('<span>总务部编</span><span>2030年8月2日</span>');
    expect(html).toContain('统计期间：2030年7月1日—7月31日');
    expect(html).toContain('2030年8月2日印发');
    expect(html).not.toContain('class="draft"');
  });

  it('escapes every stored value', () => {
    const t = ticket('t1', { description: '<script>alert(1)</script>', cause: '"引号" & <b>' });
    const html = renderBriefingHtml({ ...header, title: '<i>标题</i>' }, buildBriefing('2030-07', [t], AS_OF), {
      ...NAMES,
      unit: { 'unit-a': '<img src=x onerror=alert(1)>' },
    });
    expect(html).not.toMatch(/<script>|<img src=x|<i>|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('原因：&quot;引号&quot; &amp; &lt;b&gt;');
  });

  it('watermarks a draft and says it is not issued', () => {
    const html = renderBriefingHtml({ ...header, status: 'draft', publishedAt: null }, buildBriefing('2030-07', [], AS_OF), NAMES);
    expect(html).toContain('<body class="draft">');
    expect(html).toContain('（草稿，未发布）');
    expect(html).toContain('草稿，未印发');
    expect(html).toContain('本期无通报问题。');
    expect(html).toContain('本期未发现问题。');
  });

  it('labels a positive example’s photo 现场 and a problem’s before and after, at most four per item', () => {
    // Prepare
    const photoUrl = Object.fromEntries(['b1', 'b2', 'b3', 'b4', 'b5', 'a1', 'p1'].map((f) => [f, `https://tmp.example/${f}.jpg`]));
    const problem = ticket('t1', { photos: ['b1', 'b2', 'b3', 'b4', 'b5'], afterPhotos: ['a1'] });
    const positive = ticket('t2', { kind: 'positive', photos: ['p1'] });

    // Act
    const html = renderBriefingHtml(header, buildBriefing('2030-07', [problem, positive], AS_OF), { ...NAMES, photoUrl });

    // Assess
    const srcs = [...html.matchAll(/<img src="https:\/\/tmp\.example\/(\w+)\.jpg" alt="([^"]+)">/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(srcs).toEqual(['b1:整改前', 'b2:整改前', 'b3:整改前', 'a1:整改后', 'p1:现场']);
    expect(html).toContain('另有照片 2 张');
  });

  it('marks repeats, 查而不改 and overdue problems', () => {
    const t = ticket('t1', {
      repeat: { count: 2, ofTicketId: 'x' },
      notRectified: true,
      state: 'accepted',
      dueAt: new Date(Date.UTC(2030, 6, 11)),
    });
    const html = renderBriefingHtml(header, buildBriefing('2030-07', [t], AS_OF), NAMES);
    expect(html).toContain('<span class="tag tag--repeat">重复</span><span class="tag tag--repeat">查而不改</span>');
    expect(html).toContain('<span class="overdue">已超时</span>');
  });
});

import type {
  AlignmentType as AlignmentTypeT,
  BorderStyle as BorderStyleT,
  IParagraphOptions,
  IRunOptions,
  Paragraph as ParagraphT,
  Table as TableT,
} from 'docx';
import {
  type BriefingContent,
  type BriefingHeader,
  type BriefingItem,
  type BriefingMasthead,
  type BriefingNames,
  cnOrdinal,
  coverageSentence,
  issueLabel,
  SEVERITY_ZH,
  STATE_ZH,
  shanghaiTime,
} from '../../shared/briefings';
import { shanghaiDate } from '../../shared/time/shanghai';
import type { ImageInfo } from '../_lib/image';

/** A photo's bytes and pixel size, as the document embeds it. */
export type DocxPhoto = ImageInfo & { data: Buffer };

/** At most this many photos per item: the first before and the first after photos first. */
const MAX_PHOTOS = 2;
/** Photos are printed this wide (points ≈ pixels at 72 dpi in docx's transformation units). */
const PHOTO_WIDTH = 200;

/** The photos a briefing item shows in the document, in the order printed, with their captions. */
export function itemPhotos(i: BriefingItem): Array<{ fileID: string; caption: string }> {
  const before = i.kind === 'positive' ? '现场' : '整改前';
  const firstBefore = i.photos.slice(0, 1).map((fileID) => ({ fileID, caption: before }));
  const firstAfter = i.afterPhotos.slice(0, 1).map((fileID) => ({ fileID, caption: '整改后' }));
  const rest = [
    ...i.photos.slice(1).map((fileID) => ({ fileID, caption: before })),
    ...i.afterPhotos.slice(1).map((fileID) => ({ fileID, caption: '整改后' })),
  ];
  return [...firstBefore, ...firstAfter, ...rest].slice(0, MAX_PHOTOS);
}

const FONT = {
  masthead: '方正小标宋简体',
  title: '方正小标宋简体',
  heading: '黑体',
  body: '仿宋_GB2312',
  table: '宋体',
} as const;
const RED = 'C00000';
/** Half-points, as Word sizes fonts: 二号 22pt, 小二 18pt, 三号 16pt, 小三 15pt, 四号 14pt, 小四 12pt, 五号 10.5pt. */
const SIZE = { masthead: 72, title: 36, heading: 32, body: 32, meta: 24, table: 21 } as const;

const longDate = (day: string) => `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
function periodRange(period: string): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return `${y}年${m}月1日—${m}月${new Date(Date.UTC(y, m, 0)).getUTCDate()}日`;
}
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/**
 * The briefing as a Word document, laid out as the printed bulletin: the red masthead (巡查简报, 第N期 / 总第N期,
 * issuer and date over a red rule), the title and period, the editor's note, the sections of the printable page
 * (summary, distribution by category and unit, repeat problems, the items with their before/after photos,
 * positive examples), 工作要求, and the 报 / 送 / 印发 block with 共印N份. `photos` maps file ids to their bytes;
 * an item's photo without bytes is left out. Loads `docx` only when called (it is not needed on other paths).
 */
export async function renderBriefingDocx(
  h: BriefingHeader,
  c: BriefingContent,
  n: BriefingNames,
  m: BriefingMasthead,
  photos: ReadonlyMap<string, DocxPhoto>,
): Promise<Buffer> {
  const d = await import('docx');
  const { AlignmentType, BorderStyle, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = d;
  const align = AlignmentType as typeof AlignmentTypeT;
  const border = BorderStyle as typeof BorderStyleT;

  const run = (text: string, o: Partial<IRunOptions> & { font?: string } = {}) =>
    new TextRun({
      text,
      size: SIZE.body,
      ...o,
      font: { eastAsia: o.font ?? FONT.body, ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
    });
  const para = (children: InstanceType<typeof TextRun | typeof ImageRun>[], o: Partial<IParagraphOptions> = {}): ParagraphT =>
    new Paragraph({ spacing: { line: 560, lineRule: d.LineRuleType.EXACT, after: 0 }, ...o, children });
  const body = (text: string, indent = true, keepNext = false) =>
    para([run(text)], { indent: indent ? { firstLine: 640 } : undefined, alignment: align.JUSTIFIED, keepNext });
  const heading = (text: string) =>
    para([run(text, { font: FONT.heading, size: SIZE.heading })], {
      keepNext: true,
      spacing: { before: 160, line: 560, lineRule: d.LineRuleType.EXACT },
    });
  const name = (map: Record<string, string>) => (k: string) => map[k] ?? k;

  const cell = (text: string | number, o: { header?: boolean; right?: boolean; center?: boolean; width?: number } = {}) =>
    new TableCell({
      width: o.width ? { size: o.width, type: WidthType.PERCENTAGE } : undefined,
      shading: o.header ? { fill: 'F0F0F0', type: d.ShadingType.CLEAR, color: 'auto' } : undefined,
      children: [
        new Paragraph({
          alignment: o.right ? align.RIGHT : o.header || o.center ? align.CENTER : align.LEFT,
          children: [run(String(text), { font: o.header ? FONT.heading : FONT.table, size: SIZE.table })],
        }),
      ],
    });
  const table = (head: string[], rows: Array<Array<string | number>>, widths?: number[], center = false): TableT =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: head.map((x, k) => cell(x, { header: true, width: widths?.[k] })) }),
        ...rows.map(
          (r) => new TableRow({ cantSplit: true, children: r.map((x) => cell(x, center ? { center } : { right: typeof x === 'number' })) }),
        ),
      ],
    });
  const countRows = (rows: Array<{ key: string; n: number }>, label: (k: string) => string) =>
    rows.map((r) => [label(r.key), r.n, c.totals.problems > 0 ? `${Math.round((r.n / c.totals.problems) * 1000) / 10}%` : '—']);

  const published = h.status === 'published' && h.publishedAt;
  const date = published ? longDate(shanghaiDate(h.publishedAt as Date)) : '草稿，未印发';
  const r = c.rectification;
  const repeatCount = c.repeatOffenders.reduce((s, o) => s + o.count, 0);

  const photoParagraph = (i: BriefingItem): Array<ParagraphT | TableT> => {
    const shown = itemPhotos(i).flatMap((p) => {
      const img = photos.get(p.fileID);
      return img ? [{ img, caption: p.caption }] : [];
    });
    const missing = itemPhotos(i).length - shown.length + Math.max(0, i.photos.length + i.afterPhotos.length - MAX_PHOTOS);
    const more =
      missing > 0
        ? [para([run(`另有照片${missing}张，请在“巡查”小程序中查看。`, { size: SIZE.meta, color: '555555' })], { alignment: align.RIGHT })]
        : [];
    if (shown.length === 0) return more;
    // Before and after side by side: a borderless table, one photo and its caption per cell, never split.
    const none = { style: border.NONE, size: 0, color: 'FFFFFF' };
    const photoTable = new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
      rows: [
        new TableRow({
          cantSplit: true,
          children: shown.map(
            ({ img, caption }) =>
              new TableCell({
                width: { size: Math.floor(100 / shown.length), type: WidthType.PERCENTAGE },
                children: [
                  new Paragraph({
                    alignment: align.CENTER,
                    keepNext: true,
                    children: [
                      new ImageRun({
                        type: img.type,
                        data: img.data,
                        transformation: { width: PHOTO_WIDTH, height: Math.round((PHOTO_WIDTH * img.height) / Math.max(1, img.width)) },
                      }),
                    ],
                  }),
                  new Paragraph({
                    alignment: align.CENTER,
                    children: [run(caption, { size: SIZE.meta, color: caption === '整改后' ? '17703A' : '555555' })],
                  }),
                ],
              }),
          ),
        }),
      ],
    });
    return [photoTable, ...more];
  };
  const itemParagraphs = (i: BriefingItem, index: number): Array<ParagraphT | TableT> => {
    const positive = i.kind === 'positive';
    const tags = positive ? '' : `【${SEVERITY_ZH[i.severity]}】${i.repeat ? '【重复】' : ''}${i.notRectified ? '【查而不改】' : ''}`;
    const meta = `${name(n.category)(i.categoryCode)}　编号 ${i.no}　发现 ${shanghaiTime(i.createdAt)}${
      positive
        ? ''
        : `　${STATE_ZH[i.state] ?? i.state}${i.rectifiedAt ? `　整改于 ${shanghaiTime(i.rectifiedAt)}` : i.dueAt ? `　时限 ${shanghaiTime(i.dueAt)}` : ''}${
            i.overdue ? '　已超时' : ''
          }`
    }`;
    return [
      para(
        [run(`${index}. ${name(n.unit)(i.unitId)} · ${name(n.zone)(i.zoneId)}`, { bold: true }), run(tags, { color: RED, bold: true })],
        { keepNext: true, spacing: { before: 240, line: 560, lineRule: d.LineRuleType.EXACT } },
      ),
      para([run(meta, { size: SIZE.meta, color: '555555' })], { keepNext: true, spacing: { line: 360, lineRule: d.LineRuleType.AUTO } }),
      // An item's text stays on the page of its photos.
      body(i.description, true, true),
      ...(i.cause ? [body(`原因：${i.cause}`, true, true)] : []),
      ...photoParagraph(i),
    ];
  };

  const summary = `本期（${periodRange(c.period)}）共发现问题${c.totals.problems}个，其中严重${c.bySeverity.critical}个、较重${c.bySeverity.major}个、一般${
    c.bySeverity.minor
  }个；已整改${r.closed}个，尚在整改${r.open}个${r.cancelled ? `，经核实撤销${r.cancelled}个` : ''}。应按时整改的问题${r.eligible}个，按时完成${
    r.onTime
  }个，按时整改率${pct(r.rate)}。${
    c.repeatOffenders.length
      ? `同一区域同类问题反复出现${c.repeatOffenders.length}处（共${repeatCount}个问题），请相关单位重点整改。`
      : '本期未出现同一区域同类问题反复发生的情况。'
  }发现服务工作正面典型${c.totals.positives}个，予以通报表扬。`;

  let section = 0;
  const next = () => cnOrdinal(++section);
  const none = (text: string) => body(text);
  const children: Array<ParagraphT | TableT> = [
    para([run('巡查简报', { font: FONT.masthead, size: SIZE.masthead, color: RED, bold: true, characterSpacing: 200 })], {
      alignment: align.CENTER,
      spacing: { before: 240, after: 120 },
    }),
    para(
      [run(issueLabel(h.no, m.totalNo), { size: SIZE.body }), ...(h.status === 'draft' ? [run('（草稿，未发布）', { color: RED })] : [])],
      {
        alignment: align.CENTER,
        spacing: { after: 200 },
      },
    ),
    // Issuer left, date right, over the red double rule of an office bulletin.
    para([run(`${m.issuer}编`), new d.TextRun({ children: [new d.Tab()] }), run(published ? date : '')], {
      tabStops: [{ type: d.TabStopType.RIGHT, position: d.TabStopPosition.MAX }],
      border: { bottom: { style: border.THICK_THIN_LARGE_GAP, size: 24, color: RED, space: 4 } },
    }),
    para([run(h.title, { font: FONT.title, size: SIZE.title })], { alignment: align.CENTER, spacing: { before: 360, after: 120 } }),
    para([run(`统计期间：${periodRange(c.period)}`, { size: SIZE.meta })], { alignment: align.CENTER, spacing: { after: 200 } }),
    ...(m.editorNote
      ? [para([run('编者按：', { font: FONT.heading }), run(m.editorNote)], { indent: { firstLine: 640 }, alignment: align.JUSTIFIED })]
      : []),
    heading(`${next()}、总体情况`),
    body(summary),
    table(
      ['发现问题', '严重', '较重', '一般', '已整改', '整改中', '按时整改率', '正面典型'],
      [
        [
          c.totals.problems,
          c.bySeverity.critical,
          c.bySeverity.major,
          c.bySeverity.minor,
          r.closed,
          r.open,
          pct(r.rate),
          c.totals.positives,
        ],
      ],
    ),
    heading(`${next()}、问题分布`),
    para([run('（一）按问题类别', { font: FONT.heading })], { keepNext: true }),
    c.byCategory.length
      ? table(['类别', '问题数', '占比'], countRows(c.byCategory, name(n.category)), [50, 25, 25])
      : none('本期未发现问题。'),
    para([run('（二）按责任单位', { font: FONT.heading })], { keepNext: true }),
    c.byUnit.length ? table(['单位', '问题数', '占比'], countRows(c.byUnit, name(n.unit)), [50, 25, 25]) : none('本期未发现问题。'),
    heading(`${next()}、重复问题`),
    c.repeatOffenders.length
      ? table(
          ['责任单位', '区域', '类别', '次数'],
          c.repeatOffenders.map((o) => [name(n.unit)(o.unitId), name(n.zone)(o.zoneId), name(n.category)(o.categoryCode), o.count]),
        )
      : none('本期无重复问题。'),
    heading(`${next()}、通报问题`),
    ...(c.items.length
      ? [
          body(`本期通报问题${c.items.length}个，按严重程度排列，请责任单位对照整改、举一反三。`),
          ...c.items.flatMap((i, k) => itemParagraphs(i, k + 1)),
        ]
      : [none('本期无通报问题。')]),
    heading(`${next()}、正面典型`),
    ...(c.positives.length ? c.positives.flatMap((i, k) => itemParagraphs(i, k + 1)) : [none('本期无。')]),
    // 巡查覆盖 as the printable page has it (absent from briefings made before patrols).
    ...(c.coverage ? [heading(`${next()}、巡查覆盖`), body(coverageSentence(c.coverage))] : []),
    ...(m.requirements.length ? [heading(`${next()}、工作要求`), ...m.requirements.map((x, k) => body(`${k + 1}. ${x}`))] : []),
  ];

  // The distribution block at the end: 报 / 送 between rules, then the issuer and the date of issue, 共印N份.
  const rule = { style: border.SINGLE, size: 8, color: '000000', space: 2 };
  const distribution = [
    ...(m.reportTo
      ? [
          para([run(`报：${m.reportTo}`, { size: SIZE.meta + 4 })], {
            border: { top: rule },
            spacing: { before: 480, line: 440, lineRule: d.LineRuleType.EXACT },
          }),
        ]
      : []),
    ...(m.sendTo
      ? [para([run(`送：${m.sendTo}`, { size: SIZE.meta + 4 })], { spacing: { line: 440, lineRule: d.LineRuleType.EXACT } })]
      : []),
    para(
      [
        run(m.issuer, { size: SIZE.meta + 4 }),
        new d.TextRun({ children: [new d.Tab()] }),
        run(published ? `${date}印发` : date, { size: SIZE.meta + 4 }),
      ],
      {
        tabStops: [{ type: d.TabStopType.RIGHT, position: d.TabStopPosition.MAX }],
        border: { top: rule, bottom: rule },
        spacing: { before: m.reportTo || m.sendTo ? 0 : 480, line: 440, lineRule: d.LineRuleType.EXACT },
      },
    ),
    ...(m.copies ? [para([run(`（共印${m.copies}份）`, { size: SIZE.meta })], { alignment: align.RIGHT })] : []),
  ];

  const doc = new Document({
    creator: m.issuer,
    title: `巡查简报${issueLabel(h.no, m.totalNo)} ${h.title}`,
    sections: [
      {
        properties: {
          // GB/T 9704 office documents: A4, 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (in twips).
          page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } },
        },
        footers: {
          default: new d.Footer({
            children: [
              new Paragraph({
                alignment: align.CENTER,
                children: [
                  run('— ', { size: SIZE.meta }),
                  new d.TextRun({ children: [d.PageNumber.CURRENT], size: SIZE.meta }),
                  run(' —', { size: SIZE.meta }),
                ],
              }),
            ],
          }),
        },
        children: [...children, ...distribution],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

import {
  type BriefingCandidate,
  type BriefingContent,
  type BriefingMasthead,
  type BriefingMastheadInput,
  type BriefingNames,
  type BriefingTicket,
  buildBriefing,
  candidatesOf,
  mastheadOf,
  renderBriefingHtml,
  SEVERITY_ZH,
  STATE_ZH,
  shanghaiTime,
} from '../../shared/briefings';
import { BRIEFING_ERRORS } from '../../shared/briefings/briefing.errors';
import { AppError } from '../../shared/errors';
import { monthOf, rangeOf } from '../../shared/periods';
import { shanghaiDate } from '../../shared/time/shanghai';
import { type CallerContext, isAdmin } from '../_lib/caller';
import { COLLECTIONS, cloud, cmd, db, nodeDb, rowsOf, updatedOf } from '../_lib/cloud';
import { LIB_ERRORS } from '../_lib/errors';
import { newWorkbook } from '../_lib/excel';
import { publishFile } from '../_lib/files';
import { imageInfo } from '../_lib/image';
import { logger } from '../_lib/logger';
import { afterCursor, PAGE_SIZE, type Page, pageFrom } from '../_lib/page';
import { briefingCoverage } from '../_lib/patrol-coverage';
import { allUnits, category, namesOf, zonesByIds } from '../_lib/refdata';
import { isDuplicateKey, ticketsCreatedIn } from '../_lib/tickets.repo';
import { hoursOfZones } from '../_lib/zone-hours';
import { type DocxPhoto, itemPhotos, renderBriefingDocx } from './briefing.docx';

export interface BriefingDoc {
  _id: string;
  no: number;
  period: string;
  title: string;
  status: 'draft' | 'published';
  content: BriefingContent;
  selected: string[] | null;
  /** The problems an admin may pick the items from (drafts; absent from briefings generated before it existed). */
  candidates?: BriefingCandidate[];
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  publishedAt: Date | null;
  publishedBy: string | null;
  /** What the office set of the masthead and distribution lines (absent until set; see `mastheadOf`). */
  masthead?: Partial<BriefingMasthead>;
}

const COUNTER_ID = 'briefing-no';
const briefings = () => db().collection(COLLECTIONS.briefings);
const idOf = (no: number) => `briefing-${no}`;

/**
 * The next briefing number: one atomic `$inc` that returns the new value (`updateAndReturn`), so concurrent
 * generations never share a number and a number is never handed out twice (the unique `no` index guards the
 * documents as well). A generation that fails after taking its number leaves a gap rather than reusing it.
 */
async function nextBriefingNo(): Promise<number> {
  const ndb = nodeDb();
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = (await ndb
      .collection(COLLECTIONS.counters)
      .where({ _id: COUNTER_ID })
      .updateAndReturn({ seq: ndb.command.inc(1) })) as { doc?: { seq: number } | null };
    if (res.doc) return res.doc.seq;
    try {
      await db()
        .collection(COLLECTIONS.counters)
        .add({ data: { _id: COUNTER_ID, seq: 0 } });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  throw new Error('briefing counter could not be created');
}

const FIELDS = {
  _id: true,
  no: true,
  kind: true,
  state: true,
  severity: true,
  unitId: true,
  zoneId: true,
  categoryCode: true,
  description: true,
  photos: true,
  repeat: true,
  notRectified: true,
  createdAt: true,
  dueAt: true,
  rectification: true,
  clock: true,
  held: true,
} as const;

/** The period's tickets (created in it, not held for review), a bounded page at a time. */
async function ticketsOf(period: string): Promise<BriefingTicket[]> {
  const { from, to } = rangeOf(period);
  const docs = (await ticketsCreatedIn(from, to, FIELDS)).filter((t) => !t.held);
  const hours = await hoursOfZones(docs);
  return docs.map((t) => ({
    _id: t._id,
    no: t.no,
    kind: t.kind,
    state: t.state,
    severity: t.severity,
    unitId: t.unitId,
    zoneId: t.zoneId,
    categoryCode: t.categoryCode,
    description: t.description,
    photos: t.photos ?? [],
    afterPhotos: t.rectification?.afterPhotos ?? [],
    repeat: t.repeat,
    notRectified: t.notRectified,
    createdAt: t.createdAt,
    dueAt: t.dueAt,
    rectifiedAt: t.rectification?.at ?? null,
    cause: t.rectification?.cause ?? null,
    clock: t.clock,
    hours: hours.get(t.zoneId) ?? null,
  }));
}

/**
 * The instant a briefing's figures are taken at: the end of its period, as scoring does, so a briefing of a
 * past month says the same whatever hour it is generated; for the month still running, now.
 */
export const asOfFor = (period: string, now: Date): Date => {
  const { to } = rangeOf(period);
  return to < now ? to : now;
};

/** `2030-07` → `2030年7月后勤服务巡查情况`. */
export const defaultTitle = (period: string): string => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月后勤服务巡查情况`;

/** Generates briefing No. N (a draft) for a month. */
export async function generate(input: { period: string; title?: string }, caller: CallerContext, now: Date) {
  if (input.period > monthOf(now)) {
    throw new AppError(BRIEFING_ERRORS.PERIOD_NOT_STARTED, `period ${input.period} has not started`, { current: monthOf(now) });
  }
  const tickets = await ticketsOf(input.period);
  const content = buildBriefing(input.period, tickets, asOfFor(input.period, now));
  content.coverage = await briefingCoverage(input.period, now);
  const no = await nextBriefingNo();
  const doc: BriefingDoc = {
    _id: idOf(no),
    no,
    period: input.period,
    title: input.title ?? defaultTitle(input.period),
    status: 'draft',
    content,
    selected: null,
    candidates: candidatesOf(tickets),
    createdAt: now,
    createdBy: caller.id,
    updatedAt: now,
    publishedAt: null,
    publishedBy: null,
  };
  await briefings().add({ data: doc });
  logger.info('briefing generated', { no, period: input.period });
  return { no, period: input.period, status: doc.status, totals: content.totals };
}

export async function getBriefing(no: number): Promise<BriefingDoc> {
  const doc = rowsOf<BriefingDoc>(
    await briefings()
      .where({ _id: idOf(no) })
      .limit(1)
      .get(),
  )[0];
  if (!doc) throw new AppError(BRIEFING_ERRORS.NOT_FOUND, `no briefing No. ${no}`);
  return doc;
}

/** Applies a change to a draft; a published briefing is refused with BRIEFING.PUBLISHED. */
async function changeDraft(no: number, data: Record<string, unknown>): Promise<void> {
  const res = await briefings()
    .where({ _id: idOf(no), status: 'draft' })
    .update({ data });
  if (updatedOf(res) === 0) throw new AppError(BRIEFING_ERRORS.PUBLISHED, `briefing No. ${no} is published and cannot change`);
}

/** Chooses the items a draft lists (ticket ids of its period, in the order given) and refreshes its figures. */
export async function selectItems(no: number, ticketIds: string[], now: Date) {
  const doc = await getBriefing(no);
  if (doc.status === 'published') throw new AppError(BRIEFING_ERRORS.PUBLISHED, `briefing No. ${no} is published and cannot change`);
  const tickets = await ticketsOf(doc.period);
  const unknown = ticketIds.filter((id) => !tickets.some((t) => t._id === id));
  if (unknown.length > 0) throw new AppError(BRIEFING_ERRORS.UNKNOWN_ITEM, 'items must be tickets of the briefing’s period', { unknown });
  const _ = cmd();
  const content = buildBriefing(doc.period, tickets, asOfFor(doc.period, now), ticketIds);
  content.coverage = await briefingCoverage(doc.period, now);
  await changeDraft(no, { content: _.set(content), selected: ticketIds, candidates: _.set(candidatesOf(tickets)), updatedAt: now });
  return { no, items: content.items.length };
}

/**
 * Sets a draft's masthead and distribution lines (issuer, 总第N期, 编者按, 工作要求, 报, 送, 共印N份); fields left out
 * keep their value. A published briefing is immutable (BRIEFING.PUBLISHED).
 */
export async function setMasthead(no: number, input: BriefingMastheadInput, now: Date) {
  const doc = await getBriefing(no);
  if (doc.status === 'published') throw new AppError(BRIEFING_ERRORS.PUBLISHED, `briefing No. ${no} is published and cannot change`);
  const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const masthead = { ...(doc.masthead ?? {}), ...patch };
  await changeDraft(no, { masthead: cmd().set(masthead), updatedAt: now });
  return { no, masthead: mastheadOf(masthead, await issuerName()) };
}

/** The office's name: the default issuer of a briefing whose masthead does not set one. */
async function issuerName(): Promise<string> {
  return (await allUnits()).find((u) => u.kind === 'office')?.name ?? '总务部';
}

/** Publishes a draft; from then on it is immutable (publishing again is refused with BRIEFING.PUBLISHED). */
export async function publish(no: number, caller: CallerContext, now: Date) {
  await getBriefing(no);
  // The candidates served only the picking; a published briefing keeps what it shows.
  await changeDraft(no, { status: 'published', publishedAt: now, publishedBy: caller.id, updatedAt: now, candidates: cmd().remove() });
  return { no, status: 'published' as const, publishedAt: now };
}

/** A briefing the caller may read: drafts are for admins only (to anyone else a draft does not exist). */
export async function readable(no: number, caller: CallerContext): Promise<BriefingDoc> {
  const doc = await getBriefing(no);
  if (doc.status === 'draft' && !isAdmin(caller)) throw new AppError(BRIEFING_ERRORS.NOT_FOUND, `no briefing No. ${no}`);
  return doc;
}

/** A briefing as `get` returns it: without the draft's candidate list (see `candidates`). */
export async function getFor(
  no: number,
  caller: CallerContext,
): Promise<Omit<BriefingDoc, 'candidates' | 'masthead'> & { masthead: BriefingMasthead }> {
  const { candidates, ...doc } = await readable(no, caller);
  return { ...doc, masthead: mastheadOf(doc.masthead, await issuerName()) };
}

/** A row of the briefing list: number, period, status and the headline figures. */
export interface BriefingRow {
  no: number;
  period: string;
  title: string;
  status: BriefingDoc['status'];
  createdAt: Date;
  publishedAt: Date | null;
  problems: number;
  positives: number;
  onTimeRate: number | null;
  closed: number;
  open: number;
}

/**
 * Briefings, newest number first, 20 a page. Readers see published ones; admins see drafts too, or only one
 * status when they ask (`status: 'draft'` from anyone else is refused with AUTH.FORBIDDEN).
 */
export async function list(input: { status?: BriefingDoc['status']; cursor?: string }, caller: CallerContext): Promise<Page<BriefingRow>> {
  if (input.status === 'draft' && !isAdmin(caller)) throw new AppError(LIB_ERRORS.FORBIDDEN, 'drafts are for admins');
  const status = isAdmin(caller) ? input.status : 'published';
  const _ = cmd();
  const conds: Record<string, unknown>[] = [];
  if (status) conds.push({ status });
  const after = afterCursor(input.cursor, 'no', 'number', 'desc');
  if (after) conds.push(after);
  const where = conds.length === 0 ? {} : conds.length === 1 ? conds[0] : _.and(conds);
  const docs = rowsOf<
    Pick<BriefingDoc, '_id' | 'no' | 'period' | 'title' | 'status' | 'createdAt' | 'publishedAt'> & {
      content: Pick<BriefingContent, 'totals' | 'rectification'>;
    }
  >(
    await briefings()
      .where(where as Record<string, unknown>)
      .orderBy('no', 'desc')
      .field({
        _id: true,
        no: true,
        period: true,
        title: true,
        status: true,
        createdAt: true,
        publishedAt: true,
        'content.totals': true,
        'content.rectification': true,
      })
      .limit(PAGE_SIZE + 1)
      .get(),
  );
  const { items, nextCursor } = pageFrom(docs, (d) => d.no);
  return {
    items: items.map((d) => ({
      no: d.no,
      period: d.period,
      title: d.title,
      status: d.status,
      createdAt: d.createdAt,
      publishedAt: d.publishedAt,
      problems: d.content.totals.problems,
      positives: d.content.totals.positives,
      onTimeRate: d.content.rectification.rate,
      closed: d.content.rectification.closed,
      open: d.content.rectification.open,
    })),
    nextCursor,
  };
}

/** One briefing as a phone shows it: the briefing, the names of its units, zones and categories, and photo URLs. */
export async function view(no: number, caller: CallerContext) {
  const { candidates, masthead, ...doc } = await readable(no, caller);
  const { photoUrl, ...names } = await namesFor(doc);
  return { briefing: { ...doc, masthead: mastheadOf(masthead, names.issuer ?? '总务部') }, names, photoUrls: photoUrl };
}

/** A draft's candidates (with unit and zone names) and the ticket ids currently selected, in order. */
export async function candidates(no: number) {
  const doc = await getBriefing(no);
  if (doc.status === 'published') throw new AppError(BRIEFING_ERRORS.PUBLISHED, `briefing No. ${no} is published and cannot change`);
  // Drafts generated before candidates were kept get them from the period's tickets.
  const list = doc.candidates ?? candidatesOf(await ticketsOf(doc.period));
  const [units, zones] = await Promise.all([allUnits(), zonesByIds(list.map((c) => c.zoneId))]);
  const unitName = new Map(units.map((u) => [u._id, u.name]));
  return {
    no,
    period: doc.period,
    selected: doc.selected ?? doc.content.items.map((i) => i.ticketId),
    items: list.map((c) => ({ ...c, unitName: unitName.get(c.unitId) ?? c.unitId, zoneName: zones.get(c.zoneId)?.name ?? c.zoneId })),
  };
}

/** Names of units, zones and categories, and temporary URLs of the items' photos. */
async function namesFor(doc: BriefingDoc): Promise<BriefingNames> {
  const c = doc.content;
  const items = [...c.items, ...c.positives];
  const zoneIds = [...new Set([...items.map((i) => i.zoneId), ...c.repeatOffenders.map((r) => r.zoneId)])];
  const zoneNames = await namesOf(COLLECTIONS.zones, zoneIds);
  const codes = [
    ...new Set([...c.byCategory.map((x) => x.key), ...items.map((i) => i.categoryCode), ...c.repeatOffenders.map((r) => r.categoryCode)]),
  ];
  const cats = await Promise.all(
    codes.map((code) =>
      category(code).then(
        (x) => [code, x.name] as const,
        () => [code, code] as const,
      ),
    ),
  );
  const files = [...new Set(items.flatMap((i) => [...i.photos, ...i.afterPhotos]))];
  const photoUrl: Record<string, string> = {};
  for (let i = 0; i < files.length; i += 50) {
    const res = (await cloud.getTempFileURL({ fileList: files.slice(i, i + 50) })) as {
      fileList: Array<{ fileID: string; tempFileURL: string }>;
    };
    for (const f of res.fileList) if (f.tempFileURL) photoUrl[f.fileID] = f.tempFileURL;
  }
  const units = await allUnits();
  const office = units.find((u) => u.kind === 'office');
  return {
    ...(office ? { issuer: office.name } : {}),
    unit: Object.fromEntries(units.map((u) => [u._id, u.name])),
    zone: Object.fromEntries(zoneNames),
    category: Object.fromEntries(cats),
    photoUrl,
  };
}

const fileNameOf = (doc: BriefingDoc, ext: ExportFormat) =>
  `巡查简报第${doc.no}期（${doc.period}${doc.status === 'draft' ? '，草稿' : ''}）.${ext}`;

/** The printable HTML (A4): returned and stored in cloud storage. */
export async function html(no: number, caller: CallerContext) {
  const doc = await readable(no, caller);
  const names = await namesFor(doc);
  const text = renderBriefingHtml(doc, doc.content, names, mastheadOf(doc.masthead, names.issuer ?? '总务部'));
  const file = await publishFile(`briefings/briefing-${no}-${doc.status}.html`, Buffer.from(text, 'utf8'));
  return { no, status: doc.status, html: text, ...file };
}

/** The briefing's items as an Excel workbook (one row per item, plus the summary counts). */
export async function excel(no: number, caller: CallerContext) {
  const doc = await readable(no, caller);
  return { no, ...(await publishFile(`briefings/briefing-${no}-${doc.status}.xlsx`, await workbookOf(doc))) };
}

/**
 * An export as a file to download (the mini-program opens the workbook with `wx.openDocument` and copies the
 * printable page's link): its file id, a temporary URL and a readable file name, without the content itself.
 */
export async function exportFile(no: number, format: ExportFormat, caller: CallerContext) {
  const doc = await readable(no, caller);
  const content = await contentOf(doc, format);
  const file = await publishFile(`briefings/briefing-${no}-${doc.status}.${format}`, content);
  return { no, format, fileName: fileNameOf(doc, format), ...file };
}

export type ExportFormat = 'html' | 'xlsx' | 'docx';

async function contentOf(doc: BriefingDoc, format: ExportFormat): Promise<Buffer> {
  if (format === 'xlsx') return workbookOf(doc);
  const names = await namesFor(doc);
  const masthead = mastheadOf(doc.masthead, names.issuer ?? '总务部');
  if (format === 'html') return Buffer.from(renderBriefingHtml(doc, doc.content, names, masthead), 'utf8');
  return renderBriefingDocx(doc, doc.content, names, masthead, await photosOf(doc));
}

/** How many photo downloads run at once while a Word document is made. */
const PHOTO_FETCHES = 6;
/**
 * The photos a Word document embeds stop at this many bytes, so the file stays quick to open and forward on a
 * phone: the first photos of the first (most serious) items are kept, and the document says where the rest are.
 */
export const DOCX_PHOTO_BUDGET = 8 * 1024 * 1024;

/**
 * The bytes of the photos the Word document embeds (`itemPhotos` of each item, in the order printed), read from
 * storage a few at a time, within `DOCX_PHOTO_BUDGET`. A photo that cannot be read or is not a JPEG or PNG is
 * left out, and the document is made without it.
 */
async function photosOf(doc: BriefingDoc): Promise<Map<string, DocxPhoto>> {
  const ids = [...new Set([...doc.content.items, ...doc.content.positives].flatMap((i) => itemPhotos(i).map((p) => p.fileID)))];
  const read = new Map<string, DocxPhoto>();
  for (let i = 0; i < ids.length; i += PHOTO_FETCHES) {
    await Promise.all(
      ids.slice(i, i + PHOTO_FETCHES).map(async (fileID) => {
        try {
          const { fileContent } = (await cloud.downloadFile({ fileID })) as { fileContent: Buffer };
          const info = imageInfo(Buffer.from(fileContent));
          if (info) read.set(fileID, { ...info, data: Buffer.from(fileContent) });
          else logger.warn('briefing photo is not a JPEG or PNG; left out of the document', { fileID });
        } catch (e) {
          logger.warn('briefing photo could not be read; left out of the document', { fileID, error: String(e) });
        }
      }),
    );
    const bytes = [...read.values()].reduce((n, p) => n + p.data.length, 0);
    if (bytes >= DOCX_PHOTO_BUDGET) break;
  }
  // Keep photos in the order printed until the budget is spent.
  const out = new Map<string, DocxPhoto>();
  let spent = 0;
  for (const id of ids) {
    const photo = read.get(id);
    if (!photo || spent + photo.data.length > DOCX_PHOTO_BUDGET) continue;
    out.set(id, photo);
    spent += photo.data.length;
  }
  return out;
}

async function workbookOf(doc: BriefingDoc): Promise<Buffer> {
  const no = doc.no;
  const names = await namesFor(doc);
  const wb = newWorkbook();
  wb.creator = 'xuncha';
  const ws = wb.addWorksheet(`第${no}期问题清单`);
  ws.columns = [
    { header: '序号', key: 'i', width: 6 },
    { header: '编号', key: 'no', width: 16 },
    { header: '单位', key: 'unit', width: 18 },
    { header: '区域', key: 'zone', width: 18 },
    { header: '类别', key: 'category', width: 12 },
    { header: '严重程度', key: 'severity', width: 10 },
    { header: '重复', key: 'repeat', width: 6 },
    { header: '状态', key: 'state', width: 10 },
    { header: '问题描述', key: 'description', width: 40 },
    { header: '发现日期', key: 'createdAt', width: 12 },
    { header: '整改时限', key: 'dueAt', width: 18 },
    { header: '整改时间', key: 'rectifiedAt', width: 18 },
    { header: '原因', key: 'cause', width: 24 },
    { header: '照片', key: 'photos', width: 8 },
  ];
  doc.content.items.forEach((item, k) => {
    ws.addRow({
      i: k + 1,
      no: item.no,
      unit: names.unit[item.unitId] ?? item.unitId,
      zone: names.zone[item.zoneId] ?? item.zoneId,
      category: names.category[item.categoryCode] ?? item.categoryCode,
      severity: SEVERITY_ZH[item.severity],
      repeat: item.repeat ? '是' : '',
      state: STATE_ZH[item.state] ?? item.state,
      description: item.description,
      createdAt: shanghaiDate(item.createdAt),
      dueAt: item.dueAt ? shanghaiTime(item.dueAt) : '',
      rectifiedAt: item.rectifiedAt ? shanghaiTime(item.rectifiedAt) : '',
      cause: item.cause ?? '',
      photos: item.photos.length + item.afterPhotos.length,
    });
  });
  ws.getRow(1).font = { bold: true };
  const summary = wb.addWorksheet('汇总');
  summary.addRows([
    ['期号', no],
    ['期间', doc.period],
    ['问题总数', doc.content.totals.problems],
    ['正面典型', doc.content.totals.positives],
    ['按时整改率', doc.content.rectification.rate ?? ''],
    [],
    ['类别', '问题数'],
    ...doc.content.byCategory.map((r) => [names.category[r.key] ?? r.key, r.n]),
    [],
    ['单位', '问题数'],
    ...doc.content.byUnit.map((r) => [names.unit[r.key] ?? r.key, r.n]),
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

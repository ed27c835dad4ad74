import type ExcelJS from 'exceljs';
import {
  ASSET_ERRORS,
  type AssetEvent,
  assetIdOf,
  columnKeyOf,
  type ImportedRow,
  type LedgerKey,
  MAX_IMPORT_ROWS,
  type RawRow,
  type RowError,
  validateRows,
} from '../../shared/assets';
import { AppError } from '../../shared/errors';
import type { CallerContext } from '../_lib/caller';
import { newId } from '../_lib/clock';
import { COLLECTIONS, cloud, cmd, db, rowsOf } from '../_lib/cloud';
import { newWorkbook } from '../_lib/excel';
import { allUnits } from '../_lib/refdata';
import { categoryMap, col, inBatches, insertMany } from './assets.repo';
import { acquiredEvent, newAsset } from './ledger.service';

/** Where the mini-program uploads a sheet: `asset-imports/<openid>/…`, so a request can only name the caller's own. */
export const importPathOf = (openid: string) => `asset-imports/${openid}/`;

/** The preview keeps this many row errors in its reply (the count is always exact). */
const ERRORS_IN_REPLY = 200;

/** A stored import: what was previewed, and how far a confirmed one got. */
export interface ImportDoc {
  _id: string;
  openid: string;
  fileID: string;
  state: 'preview' | 'importing' | 'done';
  rows: number;
  valid: number;
  errorCount: number;
  newCount: number;
  updateCount: number;
  createdAt: Date;
  doneAt: Date | null;
}

async function readSheet(fileID: string, openid: string): Promise<RawRow[]> {
  if (!fileID.includes(`/${importPathOf(openid)}`)) throw new AppError(ASSET_ERRORS.FILE_NOT_YOURS, 'not your upload');
  let buffer: Buffer;
  try {
    buffer = (await cloud.downloadFile({ fileID })).fileContent as Buffer;
  } catch {
    throw new AppError(ASSET_ERRORS.IMPORT_UNREADABLE, 'the file could not be downloaded');
  }
  const wb = newWorkbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError(ASSET_ERRORS.IMPORT_UNREADABLE, 'not an xlsx workbook');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError(ASSET_ERRORS.IMPORT_UNREADABLE, 'no sheet');
  const keys = new Map<number, LedgerKey>();
  ws.getRow(1).eachCell((cell, colNo) => {
    const k = columnKeyOf(String(cell.text ?? ''));
    if (k) keys.set(colNo, k);
  });
  if (!keys.size || ![...keys.values()].includes('tag')) throw new AppError(ASSET_ERRORS.IMPORT_UNREADABLE, 'no 资产标签 column');
  const rows: RawRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row: ExcelJS.Row, rowNo: number) => {
    if (rowNo === 1) return;
    const cells: RawRow['cells'] = {};
    let any = false;
    for (const [colNo, key] of keys) {
      const v = row.getCell(colNo).value;
      if (v !== null && v !== undefined && String(v).trim() !== '') any = true;
      cells[key] = v;
    }
    if (any) rows.push({ row: rowNo, cells });
  });
  if (rows.length > MAX_IMPORT_ROWS)
    throw new AppError(ASSET_ERRORS.IMPORT_TOO_LARGE, 'too many rows', { rows: rows.length, max: MAX_IMPORT_ROWS });
  return rows;
}

/** Every document of a reference collection as `[key, value]` pairs, read in pages of 1000 by `_id`. */
async function referenceRows<T extends { _id: string }>(collection: string, field: Record<string, boolean>, max = 20_000): Promise<T[]> {
  const out: T[] = [];
  const _ = cmd();
  let after = '';
  for (;;) {
    const res = await db()
      .collection(collection)
      .where(after ? { _id: _.gt(after) } : {})
      .orderBy('_id', 'asc')
      .field({ ...field, _id: true })
      .limit(1000)
      .get();
    const rows = rowsOf<T>(res);
    out.push(...rows);
    if (rows.length < 1000 || out.length >= max) return out;
    after = rows[rows.length - 1]._id;
  }
}

async function validate(rows: RawRow[]): Promise<{ valid: ImportedRow[]; errors: RowError[] }> {
  const [categories, units, zones, people] = await Promise.all([
    categoryMap(),
    allUnits(),
    referenceRows<{ _id: string; sceneId: string; unitId: string }>(COLLECTIONS.zones, { sceneId: true, unitId: true }),
    referenceRows<{ _id: string; name: string }>(COLLECTIONS.people, { name: true }),
  ]);
  const unitMap = new Map<string, { _id: string }>();
  for (const u of units) unitMap.set(u._id, u).set(u.name, u);
  const zoneMap = new Map<string, { _id: string; unitId: string }>();
  for (const z of zones) zoneMap.set(z.sceneId, z).set(z._id, z);
  const byName = new Map<string, { _id: string }[]>();
  for (const p of people) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const peopleMap = new Map<string, { _id: string }>();
  for (const p of people) peopleMap.set(p._id, p);
  for (const [name, ps] of byName) if (ps.length === 1) peopleMap.set(name, ps[0]);
  return validateRows(rows, { categories, units: unitMap, zones: zoneMap, people: peopleMap });
}

/** Ids among `ids` that already exist (bounded `_id in` reads of 1000). */
async function existingIds(ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const _ = cmd();
  await inBatches(ids, 1000, async (batch) => {
    const res = await col('assets')
      .where({ _id: _.in(batch) })
      .field({ _id: true })
      .limit(batch.length)
      .get();
    for (const r of rowsOf<{ _id: string }>(res)) found.add(r._id);
  });
  return found;
}

/** Reads and checks an uploaded ledger sheet; writes nothing but the preview record. */
export async function preview(input: { fileID: string }, caller: CallerContext, now: Date) {
  const rows = await readSheet(input.fileID, caller.openid);
  const { valid, errors } = await validate(rows);
  const existing = await existingIds(valid.map((r) => assetIdOf(r.tag)));
  const doc: ImportDoc = {
    _id: newId(now),
    openid: caller.openid,
    fileID: input.fileID,
    state: 'preview',
    rows: rows.length,
    valid: valid.length,
    errorCount: errors.length,
    newCount: valid.length - existing.size,
    updateCount: existing.size,
    createdAt: now,
    doneAt: null,
  };
  await col('imports').add({ data: doc });
  return {
    importId: doc._id,
    rows: doc.rows,
    valid: doc.valid,
    newCount: doc.newCount,
    updateCount: doc.updateCount,
    errorCount: errors.length,
    errors: errors.slice(0, ERRORS_IN_REPLY),
    sample: valid.slice(0, 5).map((r) => ({ row: r.row, tag: r.tag, name: r.name, categoryName: r.categoryName, value: r.value })),
  };
}

const LEDGER_FIELDS = [
  'categoryCode',
  'categoryName',
  'name',
  'model',
  'serial',
  'value',
  'purchasedAt',
  'inServiceAt',
  'supplier',
  'unitId',
  'zoneId',
  'managerId',
  'custodianId',
  'lifeYears',
  'verifyEveryMonths',
] as const;

/**
 * Imports a previewed sheet: only its uploader, only once, only when every row is valid (the sheet is read
 * and checked again, so what is written is what the rules accept now). New tags are inserted in batches of
 * 500 with their `acquired` events; known tags get their ledger fields updated, never their status or
 * verification dates. A confirm that died midway can be confirmed again: every write is keyed by tag.
 */
export async function confirm(input: { importId: string }, caller: CallerContext, now: Date) {
  const res = await col('imports').where({ _id: input.importId, openid: caller.openid }).limit(1).get();
  const imp = rowsOf<ImportDoc>(res)[0];
  if (!imp) throw new AppError(ASSET_ERRORS.IMPORT_NOT_FOUND, 'no such import');
  if (imp.state === 'done') throw new AppError(ASSET_ERRORS.IMPORT_DONE, 'already imported');
  if (imp.errorCount > 0) throw new AppError(ASSET_ERRORS.IMPORT_HAS_ERRORS, 'the sheet has row errors');
  const rows = await readSheet(imp.fileID, caller.openid);
  const { valid, errors } = await validate(rows);
  if (errors.length > 0) throw new AppError(ASSET_ERRORS.IMPORT_HAS_ERRORS, 'the sheet has row errors', { errorCount: errors.length });
  await col('imports')
    .doc(imp._id)
    .update({ data: { state: 'importing' } });

  const assets = valid.map((r) =>
    newAsset(
      {
        tag: r.tag,
        categoryCode: r.categoryCode,
        categoryName: r.categoryName,
        name: r.name,
        model: r.model,
        serial: r.serial,
        value: r.value,
        purchasedAt: r.purchasedAt,
        inServiceAt: r.inServiceAt,
        supplier: r.supplier,
        unitId: r.unitId,
        zoneId: r.zoneId,
        managerId: r.managerId,
        custodianId: r.custodianId,
        lifeYears: r.lifeYears,
        verifyEveryMonths: r.verifyEveryMonths,
      },
      now,
    ),
  );
  const existing = await existingIds(assets.map((a) => a._id));
  const fresh = assets.filter((a) => !existing.has(a._id));
  const known = assets.filter((a) => existing.has(a._id));
  const inserted = await insertMany('assets', fresh);
  await insertMany(
    'events',
    fresh.map((a) => acquiredEvent(a, caller.id, now, `ev-imp-${imp._id}-${a._id}`)),
  );
  const updatedEvents: AssetEvent[] = [];
  await inBatches(known, 20, async (batch) => {
    await Promise.all(
      batch.map(async (a) => {
        const data: Record<string, unknown> = { updatedAt: now };
        for (const f of LEDGER_FIELDS) data[f] = (a as unknown as Record<string, unknown>)[f];
        await col('assets').doc(a._id).update({ data });
        updatedEvents.push({
          _id: `ev-imp-${imp._id}-${a._id}`,
          assetId: a._id,
          kind: 'updated',
          at: now,
          actorId: caller.id,
          from: null,
          to: a.status,
          data: { importId: imp._id },
        });
      }),
    );
  });
  // An `updated` event records that ledger fields changed; its `to` is not read as a status change.
  await insertMany('events', updatedEvents);
  await col('imports')
    .doc(imp._id)
    .update({ data: { state: 'done', doneAt: now, newCount: fresh.length, updateCount: known.length } });
  return { importId: imp._id, inserted, created: fresh.length, updated: known.length };
}

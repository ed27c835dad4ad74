import { z } from 'zod';
import { ADMIN_ERRORS } from '../../shared/admin/admin.errors';
import { Id, Text } from '../../shared/common';
import { ALWAYS_OPEN, ServiceHours } from '../../shared/deadlines/service-hours.schema';
import { AppError } from '../../shared/errors';
import { type Person, type Unit, Zone, ZoneKind } from '../../shared/org';
import type { CallerContext } from '../_lib/caller';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { miniProgramCode, publishFile, signedUrl } from '../_lib/files';
import { afterCursor, Cursor, PAGE_SIZE, type Page, pageFrom } from '../_lib/page';
import { runTx, txGet } from '../_lib/tx';
import {
  afterWrite,
  assertVersion,
  escapeRegExp,
  isDuplicateKey,
  namesOf,
  randomCode,
  stampOf,
  unitsFresh,
  versionOf,
} from './admin.common';
import { audit } from './audit';

/** A zone as stored: the shared Zone plus the admin's active flag, version and stamps. */
export type ZoneDoc = Zone & { active?: boolean; version?: number; updatedBy?: string; updatedAt?: Date };

/** The page a zone's code opens (the same as the posters function's): the QR report landing, which reads the scene. */
export const REPORT_PAGE = 'pages/report/index';

/** Scene ids: 10 characters, lower case without look-alikes (the scene travels inside the QR code). */
const SCENE_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const SCENE_LENGTH = 10;

export const ZonesQuery = z.strictObject({
  unitId: Id.optional(),
  campusId: Id.optional(),
  kind: ZoneKind.optional(),
  q: z.string().trim().min(1).max(30).optional(),
  cursor: Cursor.optional(),
});

export const SaveZone = z
  .strictObject({
    /** Absent to create a zone. */
    id: Id.optional(),
    /** The version read, when updating (optimistic concurrency). */
    version: z.number().int().nonnegative().optional(),
    /** Creating only: null for a campus. Moving a zone is its own action (`moveZone`: its descendants' paths change with it). */
    parentId: Id.nullable().optional(),
    name: Text(60),
    kind: ZoneKind,
    unitId: Id,
    responsible: z.strictObject({ primary: Id, backup: Id.optional() }),
    active: z.boolean().default(true),
    /** Defaults to the parent's hours for a new zone (around the clock for a campus); kept when absent on update. */
    serviceHours: ServiceHours.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.id !== undefined && v.version === undefined)
      ctx.addIssue({ code: 'custom', message: 'version is required to update', path: ['version'] });
    if (v.id !== undefined && v.parentId !== undefined)
      ctx.addIssue({ code: 'custom', message: 'a zone moves with moveZone', path: ['parentId'] });
    if (v.id === undefined && v.parentId === undefined)
      ctx.addIssue({ code: 'custom', message: 'parentId is required to create', path: ['parentId'] });
  });
export type SaveZone = z.output<typeof SaveZone>;

type PersonRef = { _id: string; name: string } | null;

/** A zone as the admin pages show it. */
export type ZoneAdminView = {
  _id: string;
  name: string;
  kind: Zone['kind'];
  sceneId: string;
  parentId: string | null;
  campusId: string;
  unitId: string;
  unitName: string | null;
  pathNames: string[];
  responsible: { primary: PersonRef; backup: PersonRef };
  active: boolean;
  version: number;
  updatedAt: Date | null;
};

async function viewsOf(zones: ZoneDoc[]): Promise<ZoneAdminView[]> {
  const _ = cmd();
  const ancestorIds = [...new Set(zones.flatMap((z) => z.path))];
  const [ancestors, people, units] = await Promise.all([
    (async () => {
      if (ancestorIds.length === 0) return [] as ZoneDoc[];
      const res = await db()
        .collection(COLLECTIONS.zones)
        .where({ _id: _.in(ancestorIds) })
        .field({ name: true })
        .limit(ancestorIds.length)
        .get();
      return rowsOf<ZoneDoc>(res);
    })(),
    namesOf(zones.flatMap((z) => [z.responsible.primary, z.responsible.backup ?? ''])),
    unitsFresh(),
  ]);
  const zoneName = new Map(ancestors.map((a) => [a._id, a.name]));
  const ref = (id: string | undefined): PersonRef => (id ? { _id: id, name: people.get(id) ?? '（已删除）' } : null);
  return zones.map((z) => ({
    _id: z._id,
    name: z.name,
    kind: z.kind,
    sceneId: z.sceneId,
    parentId: z.parentId,
    campusId: z.campusId,
    unitId: z.unitId,
    unitName: units.find((u) => u._id === z.unitId)?.name ?? null,
    pathNames: z.path.flatMap((id) => (zoneName.has(id) ? [zoneName.get(id) as string] : [])),
    responsible: { primary: ref(z.responsible.primary), backup: ref(z.responsible.backup) },
    active: z.active !== false,
    version: versionOf(z),
    updatedAt: z.updatedAt ?? null,
  }));
}

/** Zones by name (then id), 20 a page, filtered by unit, campus, kind and a text in the name (or an exact scene id). */
export async function listZones(input: z.output<typeof ZonesQuery>): Promise<Page<ZoneAdminView>> {
  const _ = cmd();
  const database = db();
  const conds: unknown[] = [];
  if (input.unitId) conds.push({ unitId: input.unitId });
  if (input.campusId) conds.push({ campusId: input.campusId });
  if (input.kind) conds.push({ kind: input.kind });
  if (input.q) conds.push(_.or([{ name: database.RegExp({ regexp: escapeRegExp(input.q), options: 'i' }) }, { sceneId: input.q }]));
  const after = afterCursor(input.cursor, 'name', 'string', 'asc');
  if (after) conds.push(after);
  const where = conds.length === 0 ? {} : conds.length === 1 ? conds[0] : _.and(conds as Record<string, unknown>[]);
  const res = await database
    .collection(COLLECTIONS.zones)
    .where(where as Record<string, unknown>)
    .orderBy('name', 'asc')
    .orderBy('_id', 'asc')
    .limit(PAGE_SIZE + 1)
    .get();
  const { items, nextCursor } = pageFrom(rowsOf<ZoneDoc>(res), (z) => z.name);
  return { items: await viewsOf(items), nextCursor };
}

async function zoneDoc(id: string): Promise<ZoneDoc> {
  const res = await db().collection(COLLECTIONS.zones).where({ _id: id }).limit(1).get();
  const z0 = rowsOf<ZoneDoc>(res)[0];
  if (!z0) throw new AppError(ADMIN_ERRORS.NOT_FOUND, 'no such zone', { zoneId: id });
  return z0;
}

/** One zone with its service hours and how many zones sit directly under it. */
export async function getZone(id: string): Promise<ZoneAdminView & { serviceHours: Zone['serviceHours']; children: number }> {
  const z0 = await zoneDoc(id);
  const [[view], count] = await Promise.all([viewsOf([z0]), db().collection(COLLECTIONS.zones).where({ parentId: id }).count()]);
  return { ...view, serviceHours: z0.serviceHours, children: (count as { total: number }).total };
}

/** The zone's responsible people must be active staff of its unit (a ticket's unit is its zone's unit). */
async function assertResponsible(unitId: string, responsible: SaveZone['responsible']): Promise<void> {
  const ids = [responsible.primary, ...(responsible.backup ? [responsible.backup] : [])];
  const _ = cmd();
  const res = await db()
    .collection(COLLECTIONS.people)
    .where({ _id: _.in(ids) })
    .limit(2)
    .get();
  const people = rowsOf<Person & { active?: boolean }>(res);
  const bad = ids.filter((id) => {
    const p = people.find((x) => x._id === id);
    return !p || p.active === false || !p.roles.some((r) => r.role === 'staff' && r.unitId === unitId);
  });
  if (bad.length > 0)
    throw new AppError(ADMIN_ERRORS.NOT_UNIT_STAFF, 'the responsible people must be staff of the zone’s unit', { ids: bad });
}

const issuesOf = (e: z.ZodError) => e.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

/** The stored zone, checked against the shared Zone rules (the admin's extra fields set aside). */
function checked(doc: ZoneDoc): void {
  const r = Zone.safeParse(doc);
  if (!r.success) throw new AppError(ADMIN_ERRORS.INVALID_ZONE, 'the zone breaks the zone rules', { issues: issuesOf(r.error) });
}

const responsibleOf = (r: SaveZone['responsible']) => (r.backup ? { primary: r.primary, backup: r.backup } : { primary: r.primary });

async function createZone(input: SaveZone, caller: CallerContext, now: Date, units: Unit[]): Promise<string> {
  let parent: ZoneDoc | null = null;
  if (input.kind === 'campus') {
    if (input.parentId !== null) throw new AppError(ADMIN_ERRORS.INVALID_PARENT, 'a campus has no parent');
  } else {
    if (!input.parentId) throw new AppError(ADMIN_ERRORS.INVALID_PARENT, 'only a campus has no parent');
    parent = await zoneDoc(input.parentId).catch(() => {
      throw new AppError(ADMIN_ERRORS.INVALID_PARENT, 'no such parent zone', { parentId: input.parentId });
    });
  }
  if (!units.some((u) => u._id === input.unitId)) throw new AppError(ADMIN_ERRORS.UNIT_NOT_FOUND, 'no such unit', { unitId: input.unitId });
  await assertResponsible(input.unitId, input.responsible);
  const stamp = stampOf(caller, now);
  for (let attempt = 0; attempt < 5; attempt++) {
    const _id = `zone-${randomCode(SCENE_ALPHABET, 12)}`;
    const doc: ZoneDoc = {
      _id,
      name: input.name,
      kind: input.kind,
      parentId: parent ? parent._id : null,
      path: parent ? [...parent.path, parent._id] : [],
      campusId: parent ? parent.campusId : _id,
      unitId: input.unitId,
      responsible: responsibleOf(input.responsible),
      serviceHours: input.serviceHours ?? parent?.serviceHours ?? ALWAYS_OPEN,
      // Stable for the zone's life: printed codes keep working whatever else changes.
      sceneId: randomCode(SCENE_ALPHABET, SCENE_LENGTH),
      active: input.active,
      version: 1,
      createdBy: caller.id,
      createdAt: now,
      ...stamp,
    } as ZoneDoc;
    checked(doc);
    try {
      await runTx(async (tx) => {
        await tx.collection(COLLECTIONS.zones).add({ data: doc as never });
        await audit(tx, caller, now, {
          action: 'zone.create',
          target: { kind: 'zone', id: _id, name: doc.name },
          before: null,
          after: doc,
        });
      }, 1);
      return _id;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e; // a scene id drawn twice: draw again
    }
  }
  throw new AppError(ADMIN_ERRORS.CODE_EXHAUSTED, 'could not draw a unique scene id');
}

async function updateZone(id: string, input: SaveZone, caller: CallerContext, now: Date, units: Unit[]): Promise<void> {
  if (!units.some((u) => u._id === input.unitId)) throw new AppError(ADMIN_ERRORS.UNIT_NOT_FOUND, 'no such unit', { unitId: input.unitId });
  await assertResponsible(input.unitId, input.responsible);
  const _ = cmd();
  await runTx(async (tx) => {
    const before = await txGet<ZoneDoc>(tx, COLLECTIONS.zones, id);
    if (!before) throw new AppError(ADMIN_ERRORS.NOT_FOUND, 'no such zone', { zoneId: id });
    assertVersion(before, input.version ?? -1, 'zone');
    if ((before.kind === 'campus') !== (input.kind === 'campus')) {
      throw new AppError(ADMIN_ERRORS.INVALID_PARENT, 'a campus stays a campus, and a zone under one cannot become one');
    }
    const next = {
      name: input.name,
      kind: input.kind,
      unitId: input.unitId,
      responsible: responsibleOf(input.responsible),
      serviceHours: input.serviceHours ?? before.serviceHours,
      active: input.active,
    };
    checked({ ...before, ...next });
    await tx
      .collection(COLLECTIONS.zones)
      .doc(id)
      .update({
        data: {
          ...next,
          responsible: _.set(next.responsible),
          serviceHours: _.set(next.serviceHours),
          version: versionOf(before) + 1,
          ...stampOf(caller, now),
        },
      });
    await audit(tx, caller, now, {
      action: 'zone.update',
      target: { kind: 'zone', id, name: next.name },
      // A zone stored without the flag is active (seeded data): say so, so the log reads 启用 → 停用.
      before: { ...before, active: before.active !== false } as unknown as Record<string, unknown>,
      after: { ...before, ...next } as unknown as Record<string, unknown>,
    });
  });
}

/** Creates or updates a zone; returns it as the admin pages show it. */
export async function saveZone(input: SaveZone, caller: CallerContext, now: Date) {
  const units = await unitsFresh();
  const id = input.id ?? (await createZone(input, caller, now, units));
  if (input.id) await updateZone(input.id, input, caller, now, units);
  afterWrite();
  return getZone(id);
}

/**
 * The zone's mini-program code, as the posters function makes them. Made once per scene id and kept in storage
 * at a stable path (`qrFileID` on the zone, derived data outside the zone's version); later calls only sign a
 * fresh URL for it.
 */
export async function zoneCode(id: string): Promise<{ sceneId: string; page: string; fileID: string; url: string | null }> {
  const z0 = (await zoneDoc(id)) as ZoneDoc & { qrFileID?: string; qrSceneId?: string };
  if (z0.qrFileID && z0.qrSceneId === z0.sceneId) {
    const url = await signedUrl(z0.qrFileID);
    if (url) return { sceneId: z0.sceneId, page: REPORT_PAGE, fileID: z0.qrFileID, url };
  }
  const code = await miniProgramCode(z0.sceneId, REPORT_PAGE);
  const file = await publishFile(`zone-codes/${z0.sceneId}.png`, code.buffer);
  await db()
    .collection(COLLECTIONS.zones)
    .doc(id)
    .update({ data: { qrFileID: file.fileID, qrSceneId: z0.sceneId } });
  return { sceneId: z0.sceneId, page: REPORT_PAGE, ...file };
}

/** Every unit, for the pickers (units number in the tens). */
export async function listUnits(): Promise<{ items: Array<Pick<Unit, '_id' | 'kind' | 'name'> & { parentId: string | null }> }> {
  const units = await unitsFresh();
  const order = { office: 0, centre: 1, contractor: 2 } as const;
  units.sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name, 'zh-CN'));
  return { items: units.map((u) => ({ _id: u._id, kind: u.kind, name: u.name, parentId: u.parentId })) };
}

/** Active staff of a unit, for the responsible-person pickers (at most 200, by name). */
export async function staffOf(unitId: string): Promise<{ items: Array<{ _id: string; name: string; onDuty: boolean }> }> {
  const res = await db().collection(COLLECTIONS.people).where({ 'roles.unitId': unitId }).limit(200).get();
  const people = rowsOf<Person & { active?: boolean }>(res).filter(
    (p) => p.active !== false && p.roles.some((r) => r.role === 'staff' && r.unitId === unitId),
  );
  people.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a._id.localeCompare(b._id));
  return { items: people.map((p) => ({ _id: p._id, name: p.name, onDuty: p.onDuty !== false })) };
}

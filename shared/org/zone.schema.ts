import { z } from 'zod';
import { Id, SceneId, Text } from '../common/ids.schema';
import { ServiceHours } from '../deadlines/service-hours.schema';

/** Kinds of places, from a campus down to a canteen window or an area. */
export const ZoneKind = z.enum(['campus', 'building', 'canteen', 'dormitory', 'floor', 'window', 'area']);
export type ZoneKind = z.infer<typeof ZoneKind>;

/**
 * A place in the hierarchy campus → building/canteen/dormitory → floor/window/area. `path` lists ancestor ids
 * from the campus down to the parent, so "everything under X" is a query on `path`.
 */
export const Zone = z
  .object({
    _id: Id,
    name: Text(60),
    kind: ZoneKind,
    parentId: Id.nullable(),
    path: z.array(Id).max(8),
    campusId: Id,
    unitId: Id,
    responsible: z.strictObject({ primary: Id, backup: Id.optional() }),
    serviceHours: ServiceHours,
    sceneId: SceneId,
  })
  .superRefine((z0, ctx) => {
    const fail = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    if ((z0.kind === 'campus') !== (z0.parentId === null)) fail('exactly the campus has no parent', 'parentId');
    if (z0.parentId === null) {
      if (z0.path.length > 0) fail('a campus has no ancestors', 'path');
      if (z0.campusId !== z0._id) fail('a campus is its own campus', 'campusId');
    } else {
      if (z0.path[0] !== z0.campusId) fail('path starts at the campus', 'path');
      if (z0.path[z0.path.length - 1] !== z0.parentId) fail('path ends at the parent', 'path');
    }
    if (z0.responsible.backup === z0.responsible.primary) fail('backup differs from primary', 'responsible');
  });
export type Zone = z.infer<typeof Zone>;

import { z } from 'zod';
import { Id, Text } from '../common/ids.schema';

/** An organisational unit: the general-affairs office (总务部), a service centre, or a contractor under a centre. */
export const Unit = z.discriminatedUnion('kind', [
  z.object({ _id: Id, kind: z.literal('office'), name: Text(60), parentId: z.null() }),
  /** A centre (物业/饮食/能源服务中心) may point at the office it reports to. */
  z.object({ _id: Id, kind: z.literal('centre'), name: Text(60), parentId: Id.nullable() }),
  /** A contractor is overseen by a centre (`parentId`) under a contract (`contractRef`). */
  z.object({ _id: Id, kind: z.literal('contractor'), name: Text(60), parentId: Id, contractRef: Text(64) }),
]);
export type Unit = z.infer<typeof Unit>;
export type UnitKind = Unit['kind'];

import { z } from 'zod';
import { Id, Text } from '../common/ids.schema';

/**
 * A role binding. Reporting needs no binding: anyone with an openid may report.
 * An inspector checks either everything (`office`) or one centre and its contractors (`centre`).
 */
export const RoleBinding = z.union([
  z.strictObject({ role: z.literal('staff'), unitId: Id }),
  z.strictObject({ role: z.literal('manager'), unitId: Id }),
  z.strictObject({ role: z.literal('inspector'), level: z.literal('office') }),
  z.strictObject({ role: z.literal('inspector'), level: z.literal('centre'), unitId: Id }),
  z.strictObject({ role: z.literal('leader') }),
  z.strictObject({ role: z.literal('admin') }),
  /** A student or faculty volunteer inspector (服务对象参与巡查), joined by an expiring invite of the office or a centre. */
  z.strictObject({ role: z.literal('volunteer'), unitId: Id }),
]);
export type RoleBinding = z.infer<typeof RoleBinding>;

/** A known person: staff, managers, inspectors, leaders, admins. */
export const Person = z.object({
  _id: Id,
  openid: Id,
  name: Text(40),
  roles: z.array(RoleBinding).max(20),
  phone: z
    .string()
    .regex(/^\+?[0-9-]{5,20}$/)
    .optional(),
  /** `false` while off duty (leave, shift over): new problems go to the zone's backup, else the unit manager. */
  onDuty: z.boolean().optional(),
});
export type Person = z.infer<typeof Person>;

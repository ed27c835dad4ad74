import { AppError } from '../errors';
import { shanghaiDate } from '../time/shanghai';
import { CONTRACT_ERRORS } from './contract.errors';
import type { Contract } from './contract.schema';

/** A zone as coverage reads it: its id and its ancestors. */
export interface ZoneRef {
  _id: string;
  path: readonly string[];
}

/** Whether a contract covers a zone: the zone or one of its ancestors is listed. */
export const covers = (c: Pick<Contract, 'zoneIds'>, zone: ZoneRef): boolean =>
  c.zoneIds.includes(zone._id) || zone.path.some((id) => c.zoneIds.includes(id));

/** Whether a contract is in force on the Shanghai date of `at`. */
export const inForce = (c: Pick<Contract, 'startDate' | 'endDate'>, at: Date): boolean => {
  const day = shanghaiDate(at);
  return c.startDate <= day && day <= c.endDate;
};

/**
 * The contract whose clause a finding in `zone` cites at `at`: one in force, covering the zone, having the
 * clause. Throws CONTRACT.CLAUSE_NOT_IN_ZONE otherwise, e.g. a cleaning clause cited in a canteen.
 */
export function contractForClause<C extends Pick<Contract, '_id' | 'zoneIds' | 'startDate' | 'endDate' | 'clauses'>>(
  clauseCode: string,
  zone: ZoneRef,
  contracts: readonly C[],
  at: Date,
): C {
  const found = contracts.find((c) => inForce(c, at) && covers(c, zone) && c.clauses.some((k) => k.code === clauseCode));
  if (!found) {
    throw new AppError(CONTRACT_ERRORS.CLAUSE_NOT_IN_ZONE, `no contract in force covering zone ${zone._id} has clause ${clauseCode}`, {
      clauseCode,
      zoneId: zone._id,
    });
  }
  return found;
}

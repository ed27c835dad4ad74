import type { ServiceHours } from '../../shared/deadlines';
import { zonesByIds } from './refdata';

/** The service hours of the tickets' zones (bounded reads of 1000 zones), for `lateness` in scores and briefings. */
export async function hoursOfZones(tickets: ReadonlyArray<{ zoneId: string }>): Promise<Map<string, ServiceHours>> {
  const zones = await zonesByIds([...new Set(tickets.map((t) => t.zoneId))]);
  return new Map([...zones].map(([id, z]) => [id, z.serviceHours]));
}

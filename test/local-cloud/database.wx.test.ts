import type { LocalCloud } from '../../scripts/local-cloud/cloud';
import { startLocalCloud, wxCloud } from '../helpers/local-cloud';
import { defineDatabaseConformance, FIXTURE_DB, wxCodeOf } from './database.suite';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ databaseConfig: FIXTURE_DB });
});
afterAll(() => cloud.close());

defineDatabaseConformance('wx-server-sdk (in-process)', () => {
  const wx = wxCloud();
  return {
    db: () => wx.database(),
    data: (v) => ({ data: v }),
    addedId: (res) => res._id,
    addedIds: (res) => res._ids,
    updated: (res) => res.stats.updated,
    removed: (res) => res.stats.removed,
    docGet: async (ref) => {
      try {
        return (await ref.get()).data;
      } catch (e) {
        if (/does not exist/.test((e as Error).message)) return null;
        throw e;
      }
    },
    codeOf: wxCodeOf,
    aggregated: (res) => res.list,
    updateAndReturn: false,
  };
});

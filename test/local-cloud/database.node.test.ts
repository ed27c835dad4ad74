import { nodeSdkApp, type Spawned, spawnLocalCloud, tempDir } from '../helpers/local-cloud';
import { defineDatabaseConformance, FIXTURE_DB } from './database.suite';

// The server runs in its own process, so this file's SDK goes over HTTP exactly as an external
// client would (no in-process seam is installed here).
let server: Spawned;
beforeAll(async () => {
  server = await spawnLocalCloud(tempDir(), { DATABASE_CONFIG: FIXTURE_DB });
});
afterAll(() => server.stop());

defineDatabaseConformance('@cloudbase/node-sdk (HTTP)', () => ({
  db: () => nodeSdkApp(server.url).database(),
  data: (v) => v,
  addedId: (res) => res.id,
  addedIds: (res) => res.ids,
  updated: (res) => res.updated,
  removed: (res) => res.deleted,
  docGet: async (ref) => (await ref.get()).data[0] ?? null,
  codeOf: (e) => String((e as { code?: string }).code),
  aggregated: (res) => res.data,
  updateAndReturn: true,
}));

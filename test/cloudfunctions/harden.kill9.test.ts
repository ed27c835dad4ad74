import { randomUUID } from 'node:crypto';
import { nodeSdkApp, type Spawned, spawnLocalCloud, tempDir } from '../helpers/local-cloud';
import { type Loose, PEOPLE, UNITS, zone } from './fixtures';

/**
 * 32 concurrent QR reports (one problem, each with stars) against the local cloud in its own process, killed with
 * SIGKILL while they run. After a restart on the same data: every report that was acknowledged is stored (its
 * ticket, or its "+1" on the ticket, and its counted rating), there is one ticket for the problem, and no rating
 * is counted twice. The report's writes commit in one transaction, so a kill leaves all of them or none.
 */
const N = 32;

async function call(server: Spawned, openid: string, payload: Record<string, unknown>): Promise<Loose> {
  const res = await fetch(`${server.url}/local/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-openid': openid },
    body: JSON.stringify({ name: 'tickets', data: { action: 'createReport', payload } }),
  });
  return ((await res.json()) as { result: Loose }).result;
}

describe('32 concurrent reports under kill -9', () => {
  let server: Spawned | undefined;
  afterEach(async () => {
    await server?.stop().catch(() => undefined);
  });

  it('loses no acknowledged report and duplicates no ticket or rating', async () => {
    // Prepare
    const dataDir = tempDir();
    server = await spawnLocalCloud(dataDir);
    const db = nodeSdkApp(server.url).database();
    for (const u of UNITS) await db.collection('units').add(u);
    for (const p of Object.values(PEOPLE)) await db.collection('people').add(p);
    await db.collection('zones').add(zone('zone-k9', 'k9'));

    // Act: 32 reporters at once; the process is killed after the first replies arrive
    const acked: Array<{ openid: string; reply: Loose }> = [];
    let killed: Promise<unknown> | null = null;
    const running = server;
    await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const openid = `o-k9-${i}`;
        try {
          const reply = await call(running, openid, {
            requestId: randomUUID(),
            sceneId: 'k9',
            categoryCode: 'hygiene',
            text: '地面湿滑',
            rating: 1 + (i % 5),
          });
          if (reply?.code === 0) acked.push({ openid, reply });
          if (acked.length === 8 && !killed) killed = running.kill9();
        } catch {
          // the connection died with the process: not acknowledged
        }
      }),
    );
    await killed;
    server = await spawnLocalCloud(dataDir);
    const db2 = nodeSdkApp(server.url).database();

    // Assess
    const tickets = ((await db2.collection('tickets').where({ zoneId: 'zone-k9' }).limit(100).get()) as { data: Loose[] }).data;
    const ratings = ((await db2.collection('feedback').where({ zoneId: 'zone-k9' }).limit(100).get()) as { data: Loose[] }).data;
    const onTickets = new Set(tickets.flatMap((t) => [t.reporterOpenid, ...t.followers]));
    const lost = acked.filter((a) => !onTickets.has(a.openid)).length;
    process.stdout.write(
      `kill -9 during 32 concurrent reports: acknowledged ${acked.length}, lost ${lost}, tickets ${tickets.length}, ratings ${ratings.length} for ${onTickets.size} reporters on tickets\n`,
    );
    expect(acked.length).toBeGreaterThanOrEqual(8);
    expect(lost).toBe(0);
    expect(tickets).toHaveLength(1);
    // One counted rating per reporter on the ticket: none lost with its report, none counted twice
    expect(ratings).toHaveLength(onTickets.size);
    expect(new Set(ratings.map((r) => r._id)).size).toBe(ratings.length);
    const rollup = ((await db2.collection('satRollups').limit(10).get()) as { data: Loose[] }).data.find(
      (d) => d.unitId === 'contractor-clean',
    );
    expect(rollup.n).toBe(ratings.length);
  }, 60_000);
});

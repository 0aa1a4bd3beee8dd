import { placeInboundCall } from '../callers/inbound-calls';
import type { Elder, Population } from '../population/population-types';
import { SimulatedCard } from '../cards/simulated-card';
import { apiCall, type DemoContext } from './demo-context';

interface HouseholdView {
  id: string;
  externalRef: string;
  grid: { id: string };
  latitude: number | null;
  longitude: number | null;
  members: { id: string; name: string }[];
}

interface IncidentView {
  id: string;
  status: string;
  timeline: { at: string; kind: string; detail: string }[];
}

/** The elder whose SOS the demo shows: one with at least two family contacts. */
export function sosElder(population: Population): Elder | undefined {
  return population.elders.find((e) => e.contacts.length >= 2);
}

/**
 * An elder presses SOS on the love card: the card reports its position and calls 96500; linli
 * calls the family, the first does not answer, the second presses 1 and is connected to the elder.
 */
export async function sosScene(ctx: DemoContext): Promise<void> {
  const elder = sosElder(ctx.population);
  if (!elder) return;
  ctx.say(`\n▶ 爱心卡求助 Elder SOS: ${elder.name} (${elder.householdRef}) presses the SOS key`);
  const { staff } = ctx;
  const grid = ctx.population.villages.flatMap((v) => v.grids).find((g) => g.name === elder.grid);
  const households = await apiCall<{ items: HouseholdView[] }>(
    ctx,
    'GET',
    `/api/v1/households?grid=${grid?.code ?? ''}&limit=500`,
  );
  const home = households.body.items.find((h) => h.externalRef === elder.householdRef);
  const elderPerson = home?.members.find((m) => m.name === elder.name);
  if (!home || !elderPerson) throw new Error(`elder ${elder.name} is not in the directory`);

  const family: string[] = [];
  for (const contact of elder.contacts) {
    const person = await apiCall<{ id: string }>(ctx, 'POST', '/api/v1/people', {
      name: contact.name,
      roles: ['FAMILY_CONTACT'],
      // Family living elsewhere are filed under the elder's grid, whose worker looks after them.
      areaId: home.grid.id,
      phones: [contact.phone],
    });
    if (person.status !== 201) throw new Error(`registering family: ${JSON.stringify(person.body)}`);
    family.push(person.body.id);
  }
  const registered = await apiCall<{ id: string }>(ctx, 'POST', '/api/v1/elders', {
    personId: elderPerson.id,
    notes: '高血压，钥匙在邻居家',
    settings: { escalation: { mode: 'sequential', rounds: 1, ringTimeoutSeconds: 8 } },
    contacts: [
      ...family.map((personId) => ({ personId, role: 'family' })),
      { personId: staff.gridWorkers.get(grid?.code ?? ''), role: 'grid_worker' },
    ],
  });
  if (registered.status !== 201) throw new Error(`registering the elder: ${JSON.stringify(registered.body)}`);
  const imei = '863737078099001';
  await apiCall(ctx, 'POST', `/api/v1/elders/${registered.body.id}/cards`, {
    imei,
    simNumber: elder.cardPhone,
    model: 'LK-X3',
  });
  ctx.say(
    `  registered: elder, card ${imei} (SIM ${elder.cardPhone}), contacts ${elder.contacts.map((c) => `${c.relation}${c.name}`).join('、')}, grid worker`,
  );

  const card = new SimulatedCard({
    host: '127.0.0.1',
    port: ctx.platform.env.CARD_GATEWAY_PORT,
    imei,
    path: [{ lat: (home.latitude ?? 29.7) + 0.0003, lon: (home.longitude ?? 119.68) + 0.0003 }],
  });
  await card.connect();
  card.sendPosition();
  await card.heartbeatAndWait();
  const call = placeInboundCall({ from: elder.cardPhone.replace(/^\+/, ''), to: '96500', holdSeconds: 25 });
  await card.pressSos();

  const shown = new Set<string>();
  let incident: IncidentView | undefined;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const list = await apiCall<{ items: { id: string }[] }>(ctx, 'GET', '/api/v1/sos/incidents');
    const id = list.body.items[0]?.id;
    if (id) {
      incident = (await apiCall<IncidentView>(ctx, 'GET', `/api/v1/sos/incidents/${id}`)).body;
      for (const entry of incident.timeline) {
        const key = `${entry.at}${entry.kind}${entry.detail}`;
        if (shown.has(key)) continue;
        shown.add(key);
        ctx.say(`  ${entry.at.slice(11, 19)}  ${entry.kind.padEnd(20)} ${entry.detail}`);
      }
      if (incident.timeline.filter((e) => e.kind === 'bridge_entered').length >= 2) break;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await call;
  await card.close();
  if (incident) {
    await apiCall(ctx, 'POST', `/api/v1/sos/incidents/${incident.id}/resolve`, {
      by: family[1] ?? family[0],
    });
    ctx.say(`  incident resolved → GET /api/v1/sos/incidents/${incident.id}`);
  }
}

import { casesCapability } from '../../src/cases/cases-capability';
import { IvrText } from '../../src/hotline/domain/ivr-prompts';
import { speak } from '../../src/telephony/prompt';
import { placeInboundCall } from '../callers/inbound-calls';
import { speechAlaw } from '../media/speech-audio';
import { assignBehaviours } from '../population/behaviour-mix';
import { apiCall, type DemoContext } from './demo-context';

interface CaseItem {
  id: string;
  number: string;
  channel: string;
  openedAt: string;
}

interface CaseView extends CaseItem {
  state: string;
  category: string;
  gridId: string | null;
  assigneeId: string | null;
  recording: { path: string | null; seconds: number | null } | null;
  transcript: { status: string };
  timeline: {
    seq: number;
    at: string;
    type: string;
    actor: string;
    note: string;
    details: Record<string, unknown>;
  }[];
}

const MESSAGE = '我家门口的路灯坏了好几天了，晚上出门很不方便，请尽快派人来修一下。';

/**
 * A resident phones the hotline (12345), presses 1 and leaves a message: the case appears in their
 * grid with the recording; the village moves it to closed through the API, and linli calls the
 * resident back for their verdict, which lands on the case's timeline.
 */
export async function hotlineScene(ctx: DemoContext): Promise<void> {
  // A resident whose phone answers a call with a key (the demo's phones behave by the same plan).
  const numbers = ctx.population.households.flatMap((h) => h.phones);
  const { plan } = assignBehaviours(numbers, { seed: 'demo' });
  const pressing = new Set(plan.filter((e) => e.behaviour.kind === 'press').map((e) => e.number));
  const household = ctx.population.households.find((h) => h.phones.some((p) => pressing.has(p)));
  const number = household?.phones.find((p) => pressing.has(p));
  if (!household || !number) return;
  const grid = ctx.population.villages.flatMap((v) => v.grids).find((g) => g.name === household.grid);
  ctx.say(
    `\n▶ 便民热线 Hotline: ${household.members[0]?.name ?? ''} (${household.address}, ${number}) calls 12345`,
  );

  // The demo cannot wait ten minutes or for the night's quiet hours to end: the callback comes at once.
  const runtime = casesCapability.runtime(ctx.platform);
  runtime.timers.satisfactionDelayMs = 2000;
  runtime.timers.quiet = { startMinute: 0, endMinute: 0 };
  runtime.calls.quiet = runtime.timers.quiet;

  const startedAt = Date.now();
  const recordPromptMs = await ctx.platform.prompts.durationMs([speak(IvrText.record)]);
  const call = placeInboundCall({
    from: number.replace(/^\+/, ''),
    to: '12345',
    holdSeconds: 45,
    media: [
      { kind: 'silence', ms: 2500 },
      { kind: 'dtmf', digit: '1', toneMs: 120 },
      { kind: 'silence', ms: recordPromptMs + 1500 },
      { kind: 'audio', alaw: await speechAlaw(MESSAGE) },
      { kind: 'silence', ms: 500 },
      { kind: 'dtmf', digit: '#', toneMs: 120 },
    ],
  });
  ctx.say(`  1. the resident hears the menu, presses 1 (投诉/反映) and says: ${MESSAGE} #`);

  let found: CaseItem | undefined;
  for (const deadline = Date.now() + 60_000; !found && Date.now() < deadline;) {
    const list = await apiCall<{ items: CaseItem[] }>(ctx, 'GET', '/api/v1/cases?state=open&limit=500');
    found = list.body.items.find((c) => c.channel === 'phone' && Date.parse(c.openedAt) >= startedAt - 1000);
    if (!found) await new Promise((r) => setTimeout(r, 500));
  }
  if (!found) throw new Error('the hotline call opened no case within a minute');
  const detail = async () => (await apiCall<CaseView>(ctx, 'GET', `/api/v1/cases/${found?.id}`)).body;
  const opened = await detail();
  ctx.say(
    `  2. case ${opened.number} opened: ${opened.category}, ${opened.state}, grid ${grid?.name ?? opened.gridId}, ` +
      `recording ${opened.recording?.path ?? '(the call)'}, transcript ${opened.transcript.status}`,
  );
  const result = await call;
  ctx.say(`     the case number was read back; linli hung up (${result.endedBy ?? result.result})`);

  const move = async (label: string, url: string, body: object) => {
    const res = await apiCall<{ state?: string; message?: string }>(ctx, 'POST', url, body);
    // The grid worker may have taken the step already with a key on a reminder call.
    ctx.say(
      `  ${label}: ${res.status === 200 ? res.body.state : `already done (${res.body.message ?? res.status})`}`,
    );
  };
  const base = `/api/v1/cases/${opened.id}`;
  await move('3. accepted by the dispatcher', `${base}/transitions`, { to: 'accepted' });
  await move('4. dispatched to the grid’s duty worker', `${base}/dispatch`, {});
  await move('5. the grid worker is on site', `${base}/transitions`, { to: 'on_site' });
  await move('6. resolved', `${base}/transitions`, { to: 'resolved', note: '已更换路灯灯泡' });
  await move('7. closed', `${base}/transitions`, { to: 'closed' });

  ctx.say('  8. linli calls the resident back: 满意请按1，基本满意请按2，不满意请按3');
  let verdict: CaseView['timeline'][number] | undefined;
  for (const deadline = Date.now() + 90_000; !verdict && Date.now() < deadline;) {
    verdict = (await detail()).timeline.find((e) => e.type === 'satisfaction');
    if (!verdict) await new Promise((r) => setTimeout(r, 500));
  }
  if (!verdict) throw new Error('the satisfaction callback left no verdict within 90 s');
  const final = await detail();
  ctx.say(
    `     the resident pressed ${String(verdict.details.call && (verdict.details.call as { digit?: string }).digit)}: ${String(verdict.details.satisfaction)}; the case is ${final.state}`,
  );
  ctx.say('  the case’s timeline:');
  for (const e of final.timeline) {
    const call = e.details.call as { purpose?: string; outcome?: string } | undefined;
    const what = [
      e.details.to ? `→ ${String(e.details.to)}` : '',
      call ? `${call.purpose} ${call.outcome}` : '',
      e.note,
    ]
      .filter(Boolean)
      .join(' ');
    ctx.say(`    ${e.at.slice(11, 19)}  ${e.type.padEnd(12)} ${e.actor.padEnd(14)} ${what}`);
  }
  ctx.say(`  → GET /api/v1/cases/${final.id}`);
}

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  outcomeSummary,
  progressLine,
  settledCount,
  type WatchedProgress,
} from '../../src/cli/commands/campaign-progress-line';
import { apiCall, type DemoContext } from './demo-context';

interface CreatedCampaign {
  campaign: { id: string };
  plan: { predictedEnd: string; predictedAttempts: number };
}

interface DoorToDoor {
  lists: { name: string; households: unknown[]; message: string }[];
  withoutWorker: unknown[];
}

/**
 * The cadre's campaign: every household of the village is told about tomorrow's testing and asked
 * to press 1; retries come quickly here (seconds, not minutes) so the demo ends in a few minutes.
 */
export async function campaignScene(ctx: DemoContext): Promise<void> {
  const village = ctx.population.villages[0];
  if (!village) return;
  ctx.say(`\n▶ 外呼通知 Campaign: every household of ${village.name}`);
  const created = await apiCall<CreatedCampaign>(ctx, 'POST', '/api/v1/campaigns', {
    name: '核酸检测通知（演示）',
    audience: { villages: [village.code] },
    message: { text: '明天上午九点在村委会做核酸检测，请带好身份证。' },
    trunk: 'pstn',
    callerId: '057112345678',
    maxChannels: 10,
    window: { start: '00:00', end: '24:00' },
    retry: Object.fromEntries(
      ['busy', 'no_answer', 'failed', 'answered_no_digit', 'rejected', 'machine', 'unknown'].map(
        (outcome) => [outcome, { retries: 1, delayMinutes: 0.1 }],
      ),
    ),
  });
  if (created.status !== 201) throw new Error(`creating the campaign: ${JSON.stringify(created.body)}`);
  const id = created.body.campaign.id;
  const { plan } = created.body;
  ctx.say(
    `  created ${id}; the planner predicts ${plan.predictedAttempts} attempts, done by ${plan.predictedEnd}`,
  );

  let progress: WatchedProgress | undefined;
  let shown = '';
  for (;;) {
    progress = (await apiCall<WatchedProgress>(ctx, 'GET', `/api/v1/campaigns/${id}/progress`)).body;
    const line = progressLine(progress);
    // A terminal gets one live line; a log gets a line per change.
    if (process.stdout.isTTY) process.stdout.write(`\r  ${line}   `);
    else if (line !== shown) ctx.say(`  ${line}`);
    shown = line;
    if (progress.status === 'COMPLETED' || settledCount(progress) >= progress.households) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  ctx.say(`\n  outcomes: ${outcomeSummary(progress)}`);

  const csv = await fetch(`${ctx.baseUrl}/api/v1/campaigns/${id}/export?format=csv`, {
    headers: { authorization: `Bearer ${ctx.token}` },
  });
  const csvPath = path.join(ctx.outDir, 'campaign-results.csv');
  writeFileSync(csvPath, Buffer.from(await csv.arrayBuffer()));
  ctx.say(`  results exported for Chinese Excel: ${csvPath}`);

  const doors = await apiCall<DoorToDoor>(ctx, 'GET', `/api/v1/campaigns/${id}/door-to-door`);
  if (doors.status !== 200) throw new Error(`door-to-door lists: ${JSON.stringify(doors.body)}`);
  for (const list of doors.body.lists) {
    ctx.say(
      `  door-to-door: grid worker ${list.name} visits ${list.households.length} household(s): "${list.message}"`,
    );
  }
  writeFileSync(path.join(ctx.outDir, 'door-to-door.json'), JSON.stringify(doors.body, null, 2));
}

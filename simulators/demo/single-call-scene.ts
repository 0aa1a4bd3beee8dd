import { apiCall, type DemoContext } from './demo-context';

interface CallView {
  outcome: string | null;
  digits: string;
  endedAt: string | null;
}

/** One household gets one call through the API: the smallest thing linli does with a phone. */
export async function singleCallScene(ctx: DemoContext): Promise<void> {
  const household = ctx.population.households.find((h) => h.phones.length > 0);
  const number = household?.phones[0];
  if (!household || !number) return;
  ctx.say(`\n▶ 单呼 A single call: ${household.address} ${household.members[0]?.name ?? ''} (${number})`);
  const created = await apiCall<{ id: string }>(ctx, 'POST', '/api/v1/calls', {
    trunk: 'pstn',
    destination: number,
    text: `${household.members[0]?.name ?? ''}您好，这里是${household.village}村委会，明天上午9:00开会，收到请按1。`,
  });
  if (created.status !== 202) throw new Error(`POST /api/v1/calls answered ${created.status}`);
  for (;;) {
    const { body } = await apiCall<CallView>(ctx, 'GET', `/api/v1/calls/${created.body.id}`);
    if (body.endedAt) {
      ctx.say(
        `  outcome: ${body.outcome}, pressed: ${body.digits || '(nothing)'}  → GET /api/v1/calls/${created.body.id}`,
      );
      return;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

import { useState } from 'react';
import { apiRequest, download } from '../../api/client';
import type { Campaign, CampaignStatus, Progress } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { may } from '../../session/permissions';
import { useSession } from '../../session/session';
import { useApiGet, useEventStream } from '../../ui/hooks';
import { LiveStatus } from '../../ui/live-status';
import { WhenLoaded } from '../../ui/loaded';
import { OutcomeChart } from '../../ui/outcome-chart';
import { ProgressBar, settledHouseholds } from '../../ui/progress-bar';
import { DoorToDoorLists } from './door-to-door';
import { ResultsTable } from './results-table';

type Action = 'pause' | 'resume' | 'cancel';
const ACTIONS: Record<CampaignStatus, Action[]> = {
  SCHEDULED: ['pause', 'cancel'],
  RUNNING: ['pause', 'cancel'],
  PAUSED: ['resume', 'cancel'],
  COMPLETED: [],
  CANCELLED: [],
};

const OUTCOMES = [
  'confirmed',
  'declined',
  'answered_no_digit',
  'busy',
  'no_answer',
  'rejected',
  'failed',
  'machine',
  'do_not_call',
  'unknown',
];

/** The outcomes as the campaign's menu labels them (确认参加…), else by their usual names. */
function outcomeLabels(
  campaign: Campaign,
  tKey: (prefix: string, value: string) => string,
): Record<string, string> {
  const menu = campaign.definition.menu?.options ?? [];
  const menuLabel = (outcome: string) =>
    menu.find(
      (o) =>
        (outcome === 'confirmed' && o.action === 'confirm') ||
        (outcome === 'declined' && o.action === 'decline'),
    )?.label;
  return Object.fromEntries(OUTCOMES.map((o) => [o, menuLabel(o) ?? tKey('outcome_', o)]));
}

function Controls({
  campaign,
  status,
  onChanged,
}: {
  campaign: Campaign;
  status: CampaignStatus;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const { token } = useSession();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const act = async (action: Action) => {
    if (action === 'cancel' && !window.confirm(t('confirmCancel', { name: campaign.name }))) return;
    setBusy(true);
    setProblem(null);
    try {
      await apiRequest(token, 'POST', `/api/v1/campaigns/${campaign.id}/${action}`);
      onChanged();
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="actions">
      {ACTIONS[status].map((action) => (
        <button
          key={action}
          type="button"
          disabled={busy}
          onClick={() => void act(action)}
          className={action === 'cancel' ? 'danger' : undefined}
        >
          {t(action)}
        </button>
      ))}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

function Exports({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const { token } = useSession();
  const save = (format: 'csv' | 'xlsx') =>
    void download(
      token,
      `/api/v1/campaigns/${campaign.id}/export?format=${format}`,
      `${campaign.name}.${format}`,
    );
  return (
    <div className="actions">
      <button type="button" onClick={() => save('csv')}>
        {t('exportCsv')}
      </button>
      <button type="button" onClick={() => save('xlsx')}>
        {t('exportXlsx')}
      </button>
    </div>
  );
}

/** One campaign: controls, live progress and outcomes, results, exports and door-to-door lists. */
export function CampaignDetailPage({ id }: { id: string }) {
  const { t, tKey } = useI18n();
  const { me } = useSession();
  const loaded = useApiGet<Campaign>(`/api/v1/campaigns/${id}`);
  const live = useEventStream<Progress>(`/api/v1/campaigns/${id}/progress/stream`, 'progress');
  return (
    <WhenLoaded loaded={loaded}>
      {(campaign) => {
        const status = live.data?.status ?? campaign.status;
        const labels = outcomeLabels(campaign, tKey);
        return (
          <article aria-labelledby="campaign-heading">
            <div className="heading-row">
              <h1 id="campaign-heading">{campaign.name}</h1>
              <span className={`tag status-${status}`} data-testid="campaign-status">
                {t(`status${status}`)}
              </span>
              <LiveStatus status={live.status} />
            </div>
            {campaign.definition.message?.text && <blockquote>{campaign.definition.message.text}</blockquote>}
            {may(me.role, 'manageCampaigns') && (
              <Controls
                campaign={campaign}
                status={status}
                onChanged={loaded.kind === 'ready' ? loaded.reload : () => {}}
              />
            )}
            {live.data && (
              <>
                <ProgressBar progress={live.data} trunk={campaign.trunk} />
                <OutcomeChart byOutcome={live.data.byOutcome} labels={labels} />
              </>
            )}
            <Exports campaign={campaign} />
            <ResultsTable
              campaignId={id}
              labels={labels}
              refreshKey={live.data ? settledHouseholds(live.data) : 0}
            />
            <DoorToDoorLists campaignId={id} refreshKey={live.data ? settledHouseholds(live.data) : 0} />
          </article>
        );
      }}
    </WhenLoaded>
  );
}

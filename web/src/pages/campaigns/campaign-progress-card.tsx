import type { Campaign, Progress } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useEventStream } from '../../ui/hooks';
import { LiveStatus } from '../../ui/live-status';
import { ProgressBar } from '../../ui/progress-bar';
import { Link } from '../../ui/router';

/** A campaign's name, status and live progress (its own progress stream). */
export function CampaignProgressCard({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const live = useEventStream<Progress>(`/api/v1/campaigns/${campaign.id}/progress/stream`, 'progress');
  const status = live.data?.status ?? campaign.status;
  return (
    <li className="card" data-testid="campaign-card">
      <h3>
        <Link to={`/campaigns/${campaign.id}`}>{campaign.name}</Link>{' '}
        <span className={`tag status-${status}`}>{t(`status${status}`)}</span>
      </h3>
      {live.data ? <ProgressBar progress={live.data} trunk={campaign.trunk} /> : null}
      <LiveStatus status={live.status} />
    </li>
  );
}

import type { Campaign, Incident, Speaker } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { useHouseholds } from '../map/households';
import { TownMap } from '../map/town-map';
import { may } from '../session/permissions';
import { useSession } from '../session/session';
import { useNow } from '../ui/clock';
import { useApiGet, useEventStream } from '../ui/hooks';
import { LiveStatus } from '../ui/live-status';
import { WhenLoaded } from '../ui/loaded';
import { CampaignProgressCard } from './campaigns/campaign-progress-card';
import { DueCases } from './cases/due-cases';
import { incidentMarkers, useIncidentLocations } from './sos/incident-locations';
import { IncidentSummary } from './sos/incident-summary';

/** Campaigns each hold a progress stream open; a browser keeps six connections to one server. */
const LIVE_CAMPAIGNS = 4;
const OPEN = ['RUNNING', 'PAUSED', 'SCHEDULED'];
/** Speakers' health is read again this often (their heartbeats come every 30 s); no stream is kept for it. */
const SPEAKERS_EVERY_MS = 30_000;

function isToday(iso: string): boolean {
  const day = (d: Date) => d.toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
  return day(new Date(iso)) === day(new Date());
}

function TodaysCampaigns() {
  const { t } = useI18n();
  const campaigns = useApiGet<{ items: Campaign[] }>('/api/v1/campaigns?limit=50');
  return (
    <section aria-labelledby="today-heading">
      <h2 id="today-heading">{t('todaysCampaigns')}</h2>
      <WhenLoaded loaded={campaigns}>
        {({ items }) => {
          const today = items
            .filter((c) => OPEN.includes(c.status) || isToday(c.createdAt) || isToday(c.startAt))
            .slice(0, LIVE_CAMPAIGNS);
          if (today.length === 0) return <p className="muted">{t('noCampaignsToday')}</p>;
          return (
            <ul className="cards">
              {today.map((c) => (
                <CampaignProgressCard key={c.id} campaign={c} />
              ))}
            </ul>
          );
        }}
      </WhenLoaded>
    </section>
  );
}

/** 一张图: the town's map with open SOS incidents on it, today's campaigns, cases near their deadline; live. */
export function OverviewPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const showSos = may(me.role, 'sos');
  const households = useHouseholds();
  const incidents = useEventStream<{ items: Incident[] }>(
    showSos ? '/api/v1/sos/incidents/stream' : null,
    'incidents',
  );
  const open = incidents.data?.items ?? [];
  const locations = useIncidentLocations(open);
  const speakers = useApiGet<Speaker[]>(
    may(me.role, 'readBroadcasts') ? '/api/v1/speakers' : null,
    useNow(SPEAKERS_EVERY_MS),
  );
  return (
    <div className="overview">
      <section aria-labelledby="map-heading" className="overview-map">
        <h2 id="map-heading">{t('mapTitle')}</h2>
        {households === null ? (
          <p className="muted">{t('loading')}</p>
        ) : (
          <TownMap
            households={households}
            markers={incidentMarkers(open, locations)}
            speakers={speakers.kind === 'ready' ? speakers.data : []}
          />
        )}
      </section>
      <div className="overview-side">
        {showSos && (
          <section aria-labelledby="incidents-heading">
            <h2 id="incidents-heading">
              {t('openIncidents')} <LiveStatus status={incidents.status} />
            </h2>
            {incidents.data && open.length === 0 && <p className="muted">{t('noOpenIncidents')}</p>}
            <ul className="cards">
              {open.map((incident) => (
                <IncidentSummary key={incident.id} incident={incident} />
              ))}
            </ul>
          </section>
        )}
        {may(me.role, 'readCampaigns') && <TodaysCampaigns />}
        {may(me.role, 'cases') && <DueCases />}
      </div>
    </div>
  );
}

import { useState } from 'react';
import type { Incident } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useEventStream } from '../../ui/hooks';
import { LiveStatus } from '../../ui/live-status';
import { IncidentDetail } from './incident-detail';
import { IncidentSummary } from './incident-summary';

/** A dispatcher's screen: incidents live on the left, the chosen one (or the newest) in full beside them. */
export function SosPage({ incidentId }: { incidentId: string | null }) {
  const { t } = useI18n();
  const [showResolved, setShowResolved] = useState(false);
  const live = useEventStream<{ items: Incident[] }>(
    `/api/v1/sos/incidents/stream?status=${showResolved ? 'all' : 'open'}`,
    'incidents',
  );
  const items = live.data?.items ?? [];
  const chosen = items.find((i) => i.id === incidentId) ?? (incidentId === null ? items[0] : undefined);
  return (
    <div className="split">
      <section aria-labelledby="sos-heading" className="split-list">
        <div className="heading-row">
          <h1 id="sos-heading">{t('sos')}</h1>
          <LiveStatus status={live.status} />
        </div>
        <label className="check">
          <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} />
          {t('showResolved')}
        </label>
        {live.data && items.length === 0 && <p className="muted">{t('noOpenIncidents')}</p>}
        <ul className="cards">
          {items.map((incident) => (
            <IncidentSummary key={incident.id} incident={incident} current={incident.id === chosen?.id} />
          ))}
        </ul>
      </section>
      {chosen && <IncidentDetail incident={chosen} />}
    </div>
  );
}

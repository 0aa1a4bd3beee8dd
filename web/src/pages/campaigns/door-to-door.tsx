import { useState } from 'react';
import { apiRequest } from '../../api/client';
import type { DoorToDoor, VisitHousehold } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { may } from '../../session/permissions';
import { useSession } from '../../session/session';
import { useApiGet } from '../../ui/hooks';
import { WhenLoaded } from '../../ui/loaded';

function Visits({ households }: { households: VisitHousehold[] }) {
  return (
    <ul className="visits">
      {households.map((h) => (
        <li key={h.targetId}>
          {h.label} · <a href={`tel:${h.numbers[0] ?? ''}`}>{h.numbers.join(' ')}</a> · {h.outcomeLabel}
        </li>
      ))}
    </ul>
  );
}

/** Households calling could not reach, per grid worker; organisers can have the workers called. */
export function DoorToDoorLists({ campaignId, refreshKey }: { campaignId: string; refreshKey: number }) {
  const { t } = useI18n();
  const { token, me } = useSession();
  const lists = useApiGet<DoorToDoor>(`/api/v1/campaigns/${campaignId}/door-to-door`, refreshKey);
  const [told, setTold] = useState<string | null>(null);
  const notify = async () => {
    try {
      const result = await apiRequest<{ called: unknown[] }>(
        token,
        'POST',
        `/api/v1/campaigns/${campaignId}/notify-grid-workers`,
      );
      setTold(t('notified', { count: result.called.length }));
    } catch (error) {
      setTold((error as Error).message);
    }
  };
  return (
    <section aria-labelledby="doors-heading">
      <h2 id="doors-heading">{t('doorToDoor')}</h2>
      <WhenLoaded loaded={lists}>
        {(view) => (
          <>
            {view.stillCalling > 0 && (
              <p className="muted">{t('stillCalling', { count: view.stillCalling })}</p>
            )}
            {view.lists.length === 0 && view.withoutWorker.length === 0 && (
              <p className="muted">{t('doorToDoorNone')}</p>
            )}
            {view.lists.map((list) => (
              <details key={list.personId} className="card" open={view.lists.length === 1}>
                <summary>
                  {list.name} ({list.households.length}) · {list.phones.join(' ')}
                  {list.notice?.acknowledged && <> · {t('acknowledged')}</>}
                </summary>
                <p>{list.message}</p>
                <Visits households={list.households} />
              </details>
            ))}
            {view.withoutWorker.length > 0 && (
              <details className="card">
                <summary>
                  {t('withoutWorker')} ({view.withoutWorker.length})
                </summary>
                <Visits households={view.withoutWorker} />
              </details>
            )}
            {may(me.role, 'manageCampaigns') && view.lists.length > 0 && view.stillCalling === 0 && (
              <div className="actions">
                <button type="button" onClick={() => void notify()}>
                  {t('notifyWorkers')}
                </button>
                {told && <p role="status">{told}</p>}
              </div>
            )}
          </>
        )}
      </WhenLoaded>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { apiRequest } from '../../api/client';
import type { Elder, Incident } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useHouseholds } from '../../map/households';
import { TownMap } from '../../map/town-map';
import { useSession } from '../../session/session';
import { useApiGet } from '../../ui/hooks';
import { actorName } from '../../ui/actor-name';
import { incidentMarkers, useIncidentLocations } from './incident-locations';

function ResolveForm({ incident }: { incident: Incident }) {
  const { t } = useI18n();
  const { token } = useSession();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const resolve = async (event: FormEvent) => {
    event.preventDefault();
    setWorking(true);
    setProblem(null);
    try {
      // The stream shows the resolved incident a moment later.
      await apiRequest(
        token,
        'POST',
        `/api/v1/sos/incidents/${incident.id}/resolve`,
        note.trim() ? { note: note.trim() } : {},
      );
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setWorking(false);
    }
  };
  return (
    <form onSubmit={(e) => void resolve(e)} className="resolve">
      <label className="field">
        {t('resolveNote')}
        <input type="text" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={working}>
        {t('resolve')}
      </button>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/** One incident: state, the elder's notes and location on the map with its accuracy, the timeline, resolve. */
export function IncidentDetail({ incident }: { incident: Incident }) {
  const { t, tKey, time } = useI18n();
  const elder = useApiGet<Elder>(`/api/v1/elders/${incident.elderId}`);
  const households = useHouseholds();
  const locations = useIncidentLocations([incident]);
  const reading = locations.get(incident.elderId);
  const contactName = (id: string | null) =>
    (elder.kind === 'ready' && elder.data.contacts.find((c) => c.personId === id)?.name) ||
    actorName(id ?? '', t('bootstrapAdmin'));
  const location = reading?.kind === 'known' ? reading.value.location : null;
  return (
    <article aria-labelledby="incident-heading" className="split-detail" data-testid="incident-detail">
      <h2 id="incident-heading">
        {incident.elderName}{' '}
        <span className={`tag incident-${incident.status}`} data-testid="incident-status">
          {tKey('incidentStatus_', incident.status)}
        </span>
      </h2>
      <p>
        {tKey('trigger_', incident.trigger)} · {t('incidentOpened', { time: time(incident.openedAt) })} ·{' '}
        {t('round', { round: incident.round })} · {t(incident.elderOnLine ? 'elderOnLine' : 'elderOffLine')}
      </p>
      {elder.kind === 'ready' && (
        <>
          <p>{elder.data.address}</p>
          {elder.data.notes && (
            <div className="notes">
              <h3>{t('notes')}</h3>
              <p>{elder.data.notes}</p>
            </div>
          )}
        </>
      )}
      <h3>{t('location')}</h3>
      <p>
        {incident.location ?? t('locationUnknown')}
        {location && location.accuracyM >= 1 && (
          <> · {t('mapAccuracy', { metres: Math.round(location.accuracyM) })}</>
        )}
      </p>
      {reading?.kind === 'forbidden' && <p className="muted">{t('locationNotForRole')}</p>}
      {location && households && (
        <TownMap households={households} markers={incidentMarkers([incident], locations)} />
      )}
      <h3>{t('timeline')}</h3>
      <ol className="timeline">
        {incident.timeline.map((entry, i) => (
          <li key={`${entry.at}-${i}`} data-kind={entry.kind}>
            <time dateTime={entry.at}>{time(entry.at)}</time> <strong>{tKey('timeline_', entry.kind)}</strong>
            {entry.contactId && <> · {contactName(entry.contactId)}</>}
            {entry.detail && <> · {entry.detail}</>}
          </li>
        ))}
      </ol>
      {incident.resolvedAt ? (
        <p>{t('resolved', { by: contactName(incident.resolvedBy), time: time(incident.resolvedAt) })}</p>
      ) : (
        <ResolveForm incident={incident} />
      )}
    </article>
  );
}

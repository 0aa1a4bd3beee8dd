import type { Incident } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../ui/router';

/** One incident in a list: who, what state, since when; opens the incident. */
export function IncidentSummary({ incident, current = false }: { incident: Incident; current?: boolean }) {
  const { t, tKey, time } = useI18n();
  return (
    <li
      className={`card incident status-${incident.status}`}
      data-testid="incident"
      data-status={incident.status}
    >
      <h3>
        <Link to={`/sos/${incident.id}`} current={current}>
          {incident.elderName}
        </Link>{' '}
        <span className={`tag incident-${incident.status}`}>{tKey('incidentStatus_', incident.status)}</span>
      </h3>
      <p>
        {tKey('trigger_', incident.trigger)} · {t('incidentOpened', { time: time(incident.openedAt) })}
        {incident.location && <> · {incident.location}</>}
      </p>
    </li>
  );
}

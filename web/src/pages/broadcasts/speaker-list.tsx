import type { Speaker } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

/** Every speaker of the area, offline ones first (they need someone to go and look), with its kind. */
export function SpeakerList({ speakers }: { speakers: Speaker[] }) {
  const { t, tKey, time } = useI18n();
  if (speakers.length === 0) return <p className="muted">{t('noSpeakers')}</p>;
  const sorted = [...speakers].sort(
    (a, b) => Number(a.online) - Number(b.online) || a.name.localeCompare(b.name),
  );
  return (
    <div className="table-wrap">
      <table className="stack-on-phone">
        <thead>
          <tr>
            <th scope="col">{t('colSpeaker')}</th>
            <th scope="col">{t('colKind')}</th>
            <th scope="col">{t('colState')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((s) => (
            <tr key={s.id} data-testid="speaker-row">
              <th scope="row">{s.name}</th>
              <td data-label={t('colKind')}>{tKey('speakerKind_', s.kind)}</td>
              <td data-label={t('colState')}>
                <span className={s.online ? 'speaker-online' : 'speaker-offline'}>
                  {s.online ? t('speakerOnline') : t('speakerOffline')}
                </span>
                {!s.online && s.lastSeenAt && (
                  <span className="muted"> · {t('speakerLastSeen', { time: time(s.lastSeenAt) })}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

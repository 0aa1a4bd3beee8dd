import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';

/**
 * The caller's recorded message, playable in the page: fetched with the token (an <audio> element could
 * not send it) into this tab's memory, and let go when the page closes.
 */
export function RecordingPlayer({ caseId, seconds }: { caseId: string; seconds: number | null }) {
  const { t } = useI18n();
  const { token } = useSession();
  const [source, setSource] = useState<{ url: string } | { missing: true } | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let current = true;
    fetch(`/api/v1/cases/${caseId}/recording`, { headers: { authorization: `Bearer ${token}` } })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const blob = await response.blob();
        if (!current) return;
        url = URL.createObjectURL(blob);
        setSource({ url });
      })
      .catch(() => current && setSource({ missing: true }));
    return () => {
      current = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [caseId, token]);
  const label = t('caseRecordingPlayer', { seconds: seconds ?? '—' });
  return (
    <figure className="recording">
      <figcaption>{label}</figcaption>
      {source === null && <p className="muted">{t('loading')}</p>}
      {source && 'missing' in source && <p className="muted">{t('caseRecordingMissing')}</p>}
      {source && 'url' in source && (
        <audio
          controls
          preload="metadata"
          src={source.url}
          aria-label={label}
          data-testid="recording-player"
        />
      )}
    </figure>
  );
}

import type { StreamStatus } from '../api/event-stream';
import { useI18n } from '../i18n/i18n';

const KEYS = {
  connecting: 'streamConnecting',
  live: 'streamLive',
  lost: 'streamLost',
  ended: 'streamEnded',
} as const;

/** Says where a live connection stands; a lost one is announced to screen readers too. */
export function LiveStatus({ status }: { status: StreamStatus }) {
  const { t } = useI18n();
  return (
    <span className={`live live-${status}`} role="status" aria-live="polite" data-stream={status}>
      {t(KEYS[status])}
    </span>
  );
}

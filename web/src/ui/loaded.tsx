import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import type { Loaded } from './hooks';

/** The data once loaded; meanwhile a loading line, or what went wrong with a way to try again. */
export function WhenLoaded<T>({ loaded, children }: { loaded: Loaded<T>; children(data: T): ReactNode }) {
  const { t } = useI18n();
  if (loaded.kind === 'loading') return <p className="muted">{t('loading')}</p>;
  if (loaded.kind === 'failed') {
    return (
      <p className="problem" role="alert">
        {t('loadFailed', { message: loaded.message })}{' '}
        <button type="button" onClick={loaded.reload}>
          {t('retry')}
        </button>
      </p>
    );
  }
  return <>{children(loaded.data)}</>;
}

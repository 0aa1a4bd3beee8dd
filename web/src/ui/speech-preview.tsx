import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

type Preview =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; url: string }
  | { state: 'failed'; reason: string };

/**
 * A play button for a typed message: the server speaks it through the same TTS as the calls and speakers
 * (POST /api/v1/speech/preview) and the page plays the WAV. Fetched with the token, which an <audio>
 * element could not send; a new text drops the old sound.
 */
export function SpeechPreview({ text }: { text: string }) {
  const { t } = useI18n();
  const { token } = useSession();
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  // A sound that arrives after the text changed is of words no longer there: dropped.
  const current = useRef(text);
  current.current = text;
  const url = preview.state === 'ready' ? preview.url : null;
  useEffect(() => {
    if (url === null) return undefined;
    return () => URL.revokeObjectURL(url);
  }, [url]);
  useEffect(() => setPreview({ state: 'idle' }), [text]);

  const listen = async () => {
    const asked = text;
    setPreview({ state: 'loading' });
    try {
      const response = await fetch('/api/v1/speech/preview', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        throw new Error(body?.message ?? String(response.status));
      }
      const blob = await response.blob();
      if (current.current === asked) setPreview({ state: 'ready', url: URL.createObjectURL(blob) });
    } catch (err) {
      if (current.current === asked)
        setPreview({ state: 'failed', reason: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <div className="speech-preview">
      <button
        type="button"
        disabled={text.trim() === '' || preview.state === 'loading'}
        onClick={() => void listen()}
        data-testid="speech-preview-play"
      >
        {preview.state === 'loading' ? t('speechPreviewLoading') : t('speechPreviewPlay')}
      </button>
      {preview.state === 'ready' && (
        <audio
          controls
          autoPlay
          src={preview.url}
          aria-label={t('speechPreviewPlayer')}
          data-testid="speech-preview-player"
        />
      )}
      {preview.state === 'failed' && (
        <p className="problem" role="alert">
          {t('speechPreviewFailed', { reason: preview.reason })}
        </p>
      )}
    </div>
  );
}

import type { Progress } from '../api/types';
import { useI18n } from '../i18n/i18n';

export function settledHouseholds(progress: Progress): number {
  const { final = 0, exhausted = 0, cancelled = 0 } = progress.byState;
  return final + exhausted + cancelled;
}

/**
 * Households settled out of all, as a bar and in words (the words are what a screen reader reads).
 * `trunk` is the campaign's own: calls going out through another of its group are said.
 */
export function ProgressBar({ progress, trunk }: { progress: Progress; trunk: string }) {
  const { t, time } = useI18n();
  const settled = settledHouseholds(progress);
  const percent = progress.households === 0 ? 100 : Math.floor((settled / progress.households) * 100);
  const label = t('progressLabel', { settled, total: progress.households, percent });
  return (
    <div className="progress">
      <div
        className="bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={label}
      >
        <div className="bar-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress-words">
        <span data-testid="progress-label">{label}</span>
        {' · '}
        {t('reached', { count: progress.reached })}
        {progress.callsInFlight > 0 && <> · {t('inFlight', { count: progress.callsInFlight })}</>}
        {progress.eta && progress.status === 'RUNNING' && <> · {t('eta', { time: time(progress.eta) })}</>}
      </p>
      {!progress.withinWindow && progress.nextWindowOpening && (
        <p className="notice">{t('outsideWindow', { time: time(progress.nextWindowOpening) })}</p>
      )}
      {progress.callingTrunk !== trunk && (
        <p className="notice">{t('callingThroughOtherTrunk', { trunk: progress.callingTrunk })}</p>
      )}
      {progress.trunkBackoff && <p className="notice">{t('trunkBackoff')}</p>}
      {progress.pausedReason && <p className="notice">{t('pausedBy', { reason: progress.pausedReason })}</p>}
    </div>
  );
}

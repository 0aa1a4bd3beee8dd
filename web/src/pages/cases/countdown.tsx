import { useI18n } from '../../i18n/i18n';
import { clockDuration } from '../../ui/clock';

/** Under this, a deadline is near: shown amber. */
const NEAR_MS = 30 * 60_000;

/** Time to a case's next deadline, coloured: overdue red, near amber; in words too, not by colour alone. */
export function Countdown({ deadline, now }: { deadline: string | null; now: number }) {
  const { t } = useI18n();
  if (deadline === null) return <span className="muted">{t('noDeadline')}</span>;
  const left = new Date(deadline).getTime() - now;
  const tone = left < 0 ? 'overdue' : left < NEAR_MS ? 'near' : 'ok';
  return (
    <span className={`countdown countdown-${tone}`} data-testid="countdown">
      {left < 0
        ? t('overdueBy', { time: clockDuration(left) })
        : t('timeLeft', { time: clockDuration(left) })}
    </span>
  );
}

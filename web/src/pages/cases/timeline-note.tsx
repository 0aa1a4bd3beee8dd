import type { CaseDetail } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

/**
 * What a timeline entry says after its label: a deadline step that rang nobody in the reader's
 * language (the API's note is English), else the entry's note.
 */
export function TimelineNote({ step }: { step: CaseDetail['timeline'][number] }) {
  const { t, tKey } = useI18n();
  const nobody = step.details.unreachable;
  const text = nobody
    ? t('nobodyToCall', {
        stage: tKey('slaStage_', nobody.stage),
        step: tKey('callRole_', nobody.role),
        reason: tKey('nobodyReason_', nobody.reason),
      })
    : step.note;
  return text ? <> · {text}</> : null;
}

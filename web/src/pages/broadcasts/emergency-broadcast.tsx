import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, apiRequest } from '../../api/client';
import type { Area, BroadcastDetail, Speaker } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { navigate } from '../../ui/router';
import { SpeechPreview } from '../../ui/speech-preview';
import { AreaChoice, byLevel } from './area-choice';

interface Draft {
  villages: string[];
  grids: string[];
  text: string;
  drill: boolean;
}

/** The speakers an emergency to these villages and grids would reach. */
function reached(speakers: Speaker[], draft: Draft): Speaker[] {
  return speakers.filter(
    (s) =>
      draft.villages.includes(s.villageId) ||
      draft.grids.includes(s.areaId) ||
      draft.villages.includes(s.areaId),
  );
}

/**
 * The emergency button and its two steps: choose the area and write the message; then read both back
 * with the speakers it reaches, tick that they are right, and send. Nothing is sent before the tick.
 */
export function EmergencyBroadcast({ areas, speakers }: { areas: Area[]; speakers: Speaker[] }) {
  const { t } = useI18n();
  const { token } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<'write' | 'confirm'>('write');
  const [draft, setDraft] = useState<Draft>({ villages: [], grids: [], text: '', drill: false });
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  const villages = byLevel(areas, 'VILLAGE');
  const grids = byLevel(areas, 'GRID');
  const names = [...draft.villages, ...draft.grids].map((id) => areas.find((a) => a.id === id)?.name ?? id);
  const targets = reached(speakers, draft);
  const close = () => {
    setOpen(false);
    setStep('write');
    setChecked(false);
    setProblem(null);
  };
  const next = (event: FormEvent) => {
    event.preventDefault();
    if (draft.villages.length + draft.grids.length === 0) return setProblem(t('chooseArea'));
    if (draft.text.trim() === '') return setProblem(t('writeMessage'));
    setProblem(null);
    setStep('confirm');
  };
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    try {
      const created = await apiRequest<BroadcastDetail>(token, 'POST', '/api/v1/broadcasts', {
        priority: 'emergency',
        drill: draft.drill,
        content: { text: draft.text.trim() },
        targets: {
          ...(draft.villages.length > 0 && { villages: draft.villages }),
          ...(draft.grids.length > 0 && { grids: draft.grids }),
        },
      });
      close();
      navigate(`/broadcasts/${created.id}`);
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields.map((f) => `${f.field}: ${f.reason}`) : [];
      setProblem([(error as Error).message, ...fields].join('；'));
    } finally {
      setSending(false);
    }
  };
  return (
    <>
      <button type="button" className="danger big" onClick={() => setOpen(true)}>
        {t('emergencyBroadcast')}
      </button>
      <dialog ref={dialog} className="emergency" aria-labelledby="emergency-heading" onClose={close}>
        <h2 id="emergency-heading">
          {step === 'write' ? t('emergencyBroadcast') : t('emergencyConfirmTitle')}
        </h2>
        {step === 'write' ? (
          <form onSubmit={next} noValidate>
            <p>{t('emergencyHelp')}</p>
            <AreaChoice
              legend={`${t('emergencyArea')} · ${t('targetVillages')}`}
              areas={villages}
              chosen={draft.villages}
              onChange={(ids) => setDraft({ ...draft, villages: ids })}
            />
            <AreaChoice
              legend={`${t('emergencyArea')} · ${t('targetGrids')}`}
              areas={grids}
              chosen={draft.grids}
              onChange={(ids) => setDraft({ ...draft, grids: ids })}
            />
            <label className="field">
              {t('emergencyMessage')}
              <textarea
                rows={4}
                maxLength={2000}
                value={draft.text}
                onChange={(e) => setDraft({ ...draft, text: e.target.value })}
              />
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={draft.drill}
                onChange={(e) => setDraft({ ...draft, drill: e.target.checked })}
              />
              {t('drill')}
            </label>
            {problem && (
              <p className="problem" role="alert">
                {problem}
              </p>
            )}
            <div className="actions">
              <button type="submit" className="primary">
                {t('emergencyNext')}
              </button>
              <button type="button" onClick={close}>
                {t('close')}
              </button>
            </div>
          </form>
        ) : (
          <form onSubmit={(e) => void send(e)}>
            <p data-testid="confirm-area">
              <strong>{t('emergencyConfirmArea', { areas: names.join('、') })}</strong>
            </p>
            <p>
              {t('emergencyConfirmSpeakers', {
                total: targets.length,
                online: targets.filter((s) => s.online).length,
              })}
            </p>
            <blockquote data-testid="confirm-message">
              {draft.drill && '演练：'}
              {draft.text.trim()}
            </blockquote>
            <SpeechPreview
              text={draft.text.trim() === '' ? '' : `${draft.drill ? '演练：' : ''}${draft.text.trim()}`}
            />
            <label className="check">
              <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} />
              {t('emergencyConfirmCheck')}
            </label>
            {problem && (
              <p className="problem" role="alert">
                {problem}
              </p>
            )}
            <div className="actions">
              <button type="submit" className="danger big" disabled={!checked || sending}>
                {sending ? t('sending') : t('emergencySend')}
              </button>
              <button type="button" onClick={() => setStep('write')}>
                {t('emergencyBack')}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}

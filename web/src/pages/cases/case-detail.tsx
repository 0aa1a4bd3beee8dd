import { useState } from 'react';
import { apiRequest } from '../../api/client';
import type { CaseDetail } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useNow } from '../../ui/clock';
import { useApiGet, useEventStream } from '../../ui/hooks';
import { LiveStatus } from '../../ui/live-status';
import { WhenLoaded } from '../../ui/loaded';
import { useSession } from '../../session/session';
import { actorName } from '../../ui/actor-name';
import { Countdown } from './countdown';
import { RecordingPlayer } from './recording-player';
import { TimelineNote } from './timeline-note';
import { ActionOutcomeLine, type ActionOutcome } from '../../ui/action-outcome';

/**
 * Where a case may go from each state, as src/cases/domain/case-transitions.ts says (dispatching to a
 * person and transfers to a department have their own routes). The API decides; a refusal is shown.
 */
const NEXT: Record<string, string[]> = {
  received: ['accepted'],
  accepted: ['dispatched', 'resolved', 'waiting_resident'],
  dispatched: ['on_site', 'resolved', 'waiting_resident'],
  on_site: ['resolved', 'waiting_resident'],
  waiting_resident: ['accepted', 'dispatched', 'on_site'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['accepted'],
};

function Transitions({ item, onMoved }: { item: CaseDetail; onMoved(): void }) {
  const { t, tKey } = useI18n();
  const { token } = useSession();
  const [note, setNote] = useState('');
  const [said, setSaid] = useState<ActionOutcome | null>(null);
  const [working, setWorking] = useState(false);
  const move = async (to: string) => {
    setWorking(true);
    try {
      // expectedSeq: refused if someone else moved the case since this page read it.
      await apiRequest(token, 'POST', `/api/v1/cases/${item.id}/transitions`, {
        to,
        channel: 'dashboard',
        expectedSeq: item.seq,
        ...(note.trim() && { note: note.trim() }),
      });
      setNote('');
      setSaid({ ok: true, text: t('caseMoved', { state: tKey('caseState_', to) }) });
      onMoved();
    } catch (error) {
      setSaid({ ok: false, text: (error as Error).message });
    } finally {
      setWorking(false);
    }
  };
  return (
    <div>
      <label className="field">
        {t('caseNote')}
        <input type="text" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="actions">
        {(NEXT[item.state] ?? []).map((to) => (
          <button key={to} type="button" disabled={working} onClick={() => void move(to)}>
            {t('moveTo', { state: tKey('caseState_', to) })}
          </button>
        ))}
      </div>
      <ActionOutcomeLine outcome={said} />
    </div>
  );
}

/** One case: what was reported, its deadlines stage by stage, its timeline, and moving it on. */
export function CaseDetailPage({ id }: { id: string }) {
  const { t, tKey, time } = useI18n();
  const now = useNow();
  // The stream says when the case moved (here or on anyone's screen or phone); the page reads it again.
  const moved = useEventStream<{ seq: number; state: string }>(`/api/v1/cases/${id}/stream`, 'case');
  const loaded = useApiGet<CaseDetail>(`/api/v1/cases/${id}`, moved.data);
  return (
    <WhenLoaded loaded={loaded}>
      {(item) => (
        <article aria-labelledby="case-heading">
          <div className="heading-row">
            <h1 id="case-heading">
              {item.number} · {tKey('category_', item.category)}
            </h1>
            {item.urgent && <span className="tag status-RUNNING">{t('urgent')}</span>}
            <span className="tag" data-testid="case-state">
              {tKey('caseState_', item.state)}
            </span>
            <Countdown deadline={item.nextDeadlineAt} now={now} />
            <LiveStatus status={moved.status} />
          </div>
          <p>{item.address}</p>
          <h2>{t('caseDescription')}</h2>
          <blockquote>{item.description}</blockquote>
          {item.transcript.text && (
            <>
              <h2>{t('caseTranscript')}</h2>
              <blockquote>{item.transcript.text}</blockquote>
            </>
          )}
          {item.recording && <RecordingPlayer caseId={item.id} seconds={item.recording.seconds} />}
          {loaded.kind === 'ready' && <Transitions item={item} onMoved={loaded.reload} />}
          <h2>{t('slaStages')}</h2>
          <div className="table-wrap">
            <table className="stack-on-phone">
              <thead>
                <tr>
                  <th scope="col">{t('colStage')}</th>
                  <th scope="col">{t('colStatus')}</th>
                  <th scope="col">{t('colDeadline')}</th>
                </tr>
              </thead>
              <tbody>
                {item.sla.stages.map((s) => (
                  <tr key={s.stage}>
                    <th scope="row">{tKey('slaStage_', s.stage)}</th>
                    <td data-label={t('colStatus')}>{tKey('slaStatus_', s.status)}</td>
                    <td data-label={t('colDeadline')}>
                      {s.status === 'running' ? (
                        <Countdown deadline={s.deadlineAt} now={now} />
                      ) : (
                        time(s.deadlineAt)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t('timeline')}</h2>
          <ol className="timeline">
            {item.timeline.map((step) => (
              <li key={step.seq}>
                <time dateTime={step.at}>{time(step.at)}</time>{' '}
                <strong>
                  {step.details.to ? tKey('caseState_', step.details.to) : tKey('caseEvent_', step.type)}
                </strong>{' '}
                · {actorName(step.actor, t('bootstrapAdmin'))}
                <TimelineNote step={step} />
              </li>
            ))}
          </ol>
        </article>
      )}
    </WhenLoaded>
  );
}

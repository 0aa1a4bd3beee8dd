import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import type { AsrProvider } from '../../speech/asr/types';
import { suggestFromTranscript } from '../domain/transcript-rules';

const WRITE_ATTEMPTS = 5;

/**
 * Recognises a case's recording and writes the transcript with the keyword rules' suggestion on the
 * case's timeline (an event that moves no state). The caller's key stays the category: the
 * suggestion is for the dispatcher.
 */
export async function transcribeCase(
  deps: { db: Db; asr: AsrProvider; logger: Logger; now: () => number },
  caseId: string,
  wavPath: string,
): Promise<void> {
  const transcript = await deps.asr.transcribe(wavPath);
  const suggestion = transcript ? suggestFromTranscript(transcript.text) : null;
  const note = !transcript
    ? 'nothing recognised in the recording'
    : suggestion?.category
      ? `transcript suggests ${suggestion.category}${suggestion.urgent ? ' (urgent)' : ''}: ${suggestion.matched.join('、')}`
      : 'transcribed';
  for (let attempt = 1; ; attempt++) {
    const current = await deps.db.governanceCase.findUnique({
      where: { id: caseId },
      select: { eventCount: true },
    });
    if (!current) return;
    const seq = current.eventCount + 1;
    const written = await deps.db.$transaction(async (tx) => {
      // The event count is the case log's write guard: of two writers, one gets the next seq.
      const claimed = await tx.governanceCase.updateMany({
        where: { id: caseId, eventCount: current.eventCount },
        data: {
          eventCount: seq,
          transcriptStatus: transcript ? 'done' : 'none',
          transcriptText: transcript?.text ?? null,
        },
      });
      if (claimed.count === 0) return false;
      await tx.caseEvent.create({
        data: {
          caseId,
          seq,
          at: new Date(deps.now()),
          type: 'transcribed',
          actor: 'system',
          channel: 'system',
          note,
        },
      });
      return true;
    });
    if (written) break;
    if (attempt >= WRITE_ATTEMPTS)
      throw new Error(`case ${caseId}: transcript not written, the case kept changing`);
  }
  deps.logger.info({ caseId, recognised: transcript !== null, suggestion }, 'hotline message transcribed');
}

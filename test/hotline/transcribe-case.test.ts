/** Recognition after the case is open, with a fake recogniser (no Vosk model can be had here). */
import { openCase } from '../../src/cases/open-case';
import { transcribeCase } from '../../src/hotline/transcription/transcribe-case';
import { createLogger } from '../../src/logging';
import type { AsrProvider, Transcript } from '../../src/speech/asr/types';
import { createTestDatabase, type TestDatabase } from '../support/database';

class FakeRecogniser implements AsrProvider {
  constructor(private readonly heard: Transcript | null) {}
  transcribe(): Promise<Transcript | null> {
    return Promise.resolve(this.heard);
  }
}

describe('transcribing a hotline message', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('hotline_asr');
  });
  afterAll(() => database.drop());

  const newCase = (callerNumber: string) =>
    openCase(
      { db: database.db },
      {
        channel: 'phone',
        category: 'consultation',
        urgent: false,
        callerNumber,
        recording: { path: 'recordings/m.wav', seconds: 5 },
        transcript: { status: 'pending' },
      },
    );
  const deps = (heard: Transcript | null) => ({
    db: database.db,
    asr: new FakeRecogniser(heard),
    logger: createLogger('silent'),
    now: Date.now,
  });

  it('writes the transcript and puts the urgent suggestion on the timeline, leaving the caller’s category', async () => {
    const opened = await newCase('+8613900000001');
    await transcribeCase(
      deps({ text: '楼道里煤气味很大', confidence: 0.8 }),
      opened.id,
      '/media/recordings/m.wav',
    );
    const row = await database.db.governanceCase.findUniqueOrThrow({
      where: { id: opened.id },
      include: { events: { orderBy: { seq: 'asc' } } },
    });
    expect(row).toMatchObject({
      transcriptStatus: 'done',
      transcriptText: '楼道里煤气味很大',
      category: 'consultation',
    });
    expect(row.events.map((e) => [e.seq, e.type, e.note])).toEqual([
      [1, 'opened', ''],
      [2, 'transcribed', 'transcript suggests urgent (urgent): 煤气'],
    ]);
  });

  it('marks a recording with nothing recognised as having no transcript', async () => {
    const opened = await newCase('+8613900000002');
    await transcribeCase(deps(null), opened.id, '/media/recordings/m.wav');
    expect(await database.db.governanceCase.findUniqueOrThrow({ where: { id: opened.id } })).toMatchObject({
      transcriptStatus: 'none',
      transcriptText: null,
    });
  });
});

import { runProcess } from '../../src/speech/run-process';

describe('runProcess', () => {
  it('returns what the program wrote and passes input on stdin', async () => {
    expect((await runProcess('cat', [], { input: '你好', timeoutMs: 5000 })).toString('utf8')).toBe('你好');
  });

  it('kills a program that overruns its timeout', async () => {
    const started = performance.now();
    await expect(runProcess('sleep', ['10'], { timeoutMs: 200 })).rejects.toThrow(
      /sleep took longer than 200 ms/,
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reports a failing program with its exit status and stderr', async () => {
    await expect(runProcess('sox', ['/no/such/file.wav', '-n'], { timeoutMs: 5000 })).rejects.toThrow(
      /sox failed \(exit \d+\): .*no\/such\/file/,
    );
  });

  it('names a missing program and the package to install', async () => {
    await expect(runProcess('linli-no-such-program', [], { timeoutMs: 5000 })).rejects.toThrow(
      /linli-no-such-program is not installed/,
    );
  });
});

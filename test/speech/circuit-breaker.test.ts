import { CircuitBreaker, CircuitOpenError, type CircuitState } from '../../src/speech/circuit-breaker';

describe('CircuitBreaker', () => {
  let now: number;
  let transitions: string[];
  let breaker: CircuitBreaker;
  const fail = () => Promise.reject(new Error('unreachable'));
  const succeed = () => Promise.resolve('ok');

  beforeEach(() => {
    now = 1_000_000;
    transitions = [];
    breaker = new CircuitBreaker({
      name: 'dependency',
      failureThreshold: 3,
      coolDownMs: 60_000,
      now: () => now,
      onStateChange: (to: CircuitState, from: CircuitState) => transitions.push(`${from}→${to}`),
    });
  });

  async function failTimes(n: number): Promise<void> {
    for (let i = 0; i < n; i += 1) await expect(breaker.run(fail)).rejects.toThrow('unreachable');
  }

  it('stays closed below the threshold and passes results and errors through', async () => {
    await failTimes(2);
    expect(breaker.state).toBe('closed');
    await expect(breaker.run(succeed)).resolves.toBe('ok');
  });

  it('counts consecutive failures only: a success in between starts the count again', async () => {
    await failTimes(2);
    await breaker.run(succeed);
    await failTimes(2);
    expect(breaker.state).toBe('closed');
  });

  it('opens after the threshold and then refuses calls without making them', async () => {
    await failTimes(3);
    const operation = jest.fn(succeed);

    await expect(breaker.run(operation)).rejects.toBeInstanceOf(CircuitOpenError);
    now += 59_999;
    await expect(breaker.run(operation)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(operation).not.toHaveBeenCalled();
    expect(breaker.state).toBe('open');
    expect(transitions).toEqual(['closed→open']);
  });

  it('lets one trial call through after the cool-down and closes when it succeeds', async () => {
    await failTimes(3);
    now += 60_000;

    await expect(breaker.run(succeed)).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    expect(transitions).toEqual(['closed→open', 'open→half-open', 'half-open→closed']);
  });

  it('opens again for a full cool-down when the trial call fails', async () => {
    await failTimes(3);
    now += 60_000;
    await failTimes(1);
    const operation = jest.fn(succeed);

    now += 59_999;
    await expect(breaker.run(operation)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(operation).not.toHaveBeenCalled();
    expect(transitions).toEqual(['closed→open', 'open→half-open', 'half-open→open']);
  });

  it('refuses other calls while the trial call is in flight', async () => {
    await failTimes(3);
    now += 60_000;
    let finishTrial: (value: string) => void = () => undefined;
    const trial = breaker.run(() => new Promise<string>((resolve) => (finishTrial = resolve)));
    const meanwhile = jest.fn(succeed);

    await expect(breaker.run(meanwhile)).rejects.toBeInstanceOf(CircuitOpenError);
    finishTrial('done');
    await expect(trial).resolves.toBe('done');
    expect(meanwhile).not.toHaveBeenCalled();
    expect(breaker.state).toBe('closed');
  });
});

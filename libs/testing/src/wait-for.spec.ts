import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('resolves with the first value that meets the condition', async () => {
    let polls = 0;

    const value = await waitFor(async () => (++polls >= 3 ? { polls } : undefined), { intervalMs: 1 });

    expect(value).toEqual({ polls: 3 });
  });

  it('takes 0 and the empty string as met: only undefined, null and false mean "not yet"', async () => {
    expect(await waitFor(() => 0)).toBe(0);
    expect(await waitFor(() => '')).toBe('');
  });

  it('names what it waited for, and the last error, when time runs out', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('relation "member_copies" does not exist');
        },
        { timeoutMs: 30, intervalMs: 5, description: 'the member copy' },
      ),
    ).rejects.toThrow('timed out after 30 ms waiting for the member copy; last error: relation "member_copies" does not exist');
  });
});

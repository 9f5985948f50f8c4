import { advance, expiredUnread, sourcePosition } from './source-progress';

describe("the hub's reading of a city's streams", () => {
  it('reads where a sourced message came from', () => {
    expect(sourcePosition('MEMBERSHIP:6CzRd7xq 201')).toEqual({ source: 'MEMBERSHIP:6CzRd7xq', seq: 201 });
    expect(sourcePosition('MEMBERSHIP:6CzRd7xq 7 extra fields')).toEqual({ source: 'MEMBERSHIP:6CzRd7xq', seq: 7 });
    expect(sourcePosition(undefined)).toBeUndefined();
    expect(sourcePosition('MEMBERSHIP')).toBeUndefined();
    expect(sourcePosition('MEMBERSHIP zero')).toBeUndefined();
  });

  it('moves on event by event, and reports the events that never arrived', () => {
    const first = advance(new Map(), [
      { source: 'A', seq: 1 },
      { source: 'A', seq: 2 },
      { source: 'B', seq: 1 },
    ]);
    expect(first).toEqual({ last: new Map([['A', 2], ['B', 1]]), gaps: [] });

    const second = advance(first.last, [
      { source: 'A', seq: 7 },
      { source: 'B', seq: 2 },
    ]);
    expect(second.gaps).toEqual([{ source: 'A', from: 3, to: 6 }]);
    expect(second.last.get('A')).toBe(7);
  });

  it('takes a redelivered or late message for what it is: no gap, no step back', () => {
    const { last, gaps } = advance(new Map([['A', 5]]), [
      { source: 'A', seq: 4 },
      { source: 'A', seq: 5 },
      { source: 'A', seq: 6 },
    ]);
    expect(gaps).toEqual([]);
    expect(last.get('A')).toBe(6);
  });

  it('counts what left a stream before the hub first read it as missing', () => {
    expect(advance(new Map(), [{ source: 'A', seq: 40 }]).gaps).toEqual([{ source: 'A', from: 1, to: 39 }]);
  });

  it('finds what aged out of a stream unread by its first sequence, before any later event arrives', () => {
    expect(expiredUnread(new Map([['A', 5]]), 'A', 9)).toEqual({ last: new Map([['A', 8]]), gaps: [{ source: 'A', from: 6, to: 8 }] });
    // Everything read, then aged out (or the stream is empty past it): nothing missing.
    expect(expiredUnread(new Map([['A', 8]]), 'A', 9)).toEqual({ last: new Map([['A', 8]]), gaps: [] });
    expect(expiredUnread(new Map([['A', 8]]), 'A', 3).gaps).toEqual([]);
    // A reader that joins after the stream dropped its first events lacks them.
    expect(expiredUnread(new Map(), 'A', 40).gaps).toEqual([{ source: 'A', from: 1, to: 39 }]);
    expect(expiredUnread(new Map(), 'A', 1).gaps).toEqual([]);
  });
});

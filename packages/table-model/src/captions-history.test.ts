import { describe, expect, it } from 'vitest';
import { historyStatusWords } from './captions.js';

describe('the history part of a caption', () => {
  it('says a first pull in months', () => {
    expect(historyStatusWords({ kept: 0, pulled: 13, dropped: 0, rowsAdded: 4_200, rowsRemoved: 0 })).toBe('history: 13 months pulled');
    expect(historyStatusWords({ kept: 0, pulled: 1, dropped: 0, rowsAdded: 30, rowsRemoved: 0 })).toBe('history: 1 month pulled');
  });

  it('says what a refresh kept, re-pulled and dropped, and the rows added and removed', () => {
    expect(historyStatusWords({ kept: 12, pulled: 1, dropped: 0, rowsAdded: 31, rowsRemoved: 0 })).toBe('history: 12 months kept, 1 re-pulled · +31 / −0 rows');
    expect(historyStatusWords({ kept: 11, pulled: 2, dropped: 1, rowsAdded: 1_250, rowsRemoved: 1_300 })).toBe('history: 11 months kept, 2 re-pulled, 1 dropped · +1,250 / −1,300 rows');
  });

  it('adds the last failure, when there was one', () => {
    const failure = { at: new Date('2026-11-11T12:00:00Z'), error: 'The token was refused.' };
    expect(historyStatusWords({ kept: 0, pulled: 13, dropped: 0, rowsAdded: 4_200, rowsRemoved: 0, failure })).toBe('history: 13 months pulled · last refresh failed 11 Nov 2026 12:00 UTC: The token was refused.');
  });
});

import { describe, expect, it } from 'vitest';
import { TABLE_MODEL_VERSION } from './index.js';

describe('table model', () => {
  it('has a version the query store can record', () => {
    expect(TABLE_MODEL_VERSION).toBe(1);
  });
});
